import { sortStrings } from './sort.ts';

/** A copy of a string map with keys in sorted order (empty for undefined). */
export function sortedRecord<V extends string>(record: Readonly<Record<string, V>> | undefined): Record<string, V> {
  const out: Record<string, V> = {};
  if (!record) return out;
  for (const key of sortStrings(Object.keys(record))) out[key] = record[key]!;
  return out;
}

/** Groups items by a key, keeping first-seen key order and item order. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Whether two string maps hold the same entries, in any order, leaving `except` out of both. */
export function sameEntries(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>, except?: string): boolean {
  let count = 0;
  for (const key in a) {
    if (key === except) continue;
    if (a[key] !== b[key] || !Object.hasOwn(b, key)) return false;
    count++;
  }
  for (const key in b) if (key !== except) count--;
  return count === 0;
}
