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
