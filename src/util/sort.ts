import { compareStrings } from './compare.ts';

const SMALL = 24;

/**
 * Sorts in place, stably. Small arrays (most label sets and object keys) are sorted by
 * insertion, which allocates nothing: Array#sort copies its array first, and on the hot paths
 * that copy is a good part of all the garbage.
 */
export function sortInPlace<T>(items: T[], compare: (a: T, b: T) => number): T[] {
  if (items.length > SMALL) return items.sort(compare);
  for (let i = 1; i < items.length; i++) {
    const item = items[i]!;
    let at = i;
    while (at > 0 && compare(items[at - 1]!, item) > 0) {
      items[at] = items[at - 1]!;
      at--;
    }
    items[at] = item;
  }
  return items;
}

/** Strings sorted in place in code-unit order (Array#sort's default for strings). */
export function sortStrings(items: string[]): string[] {
  return sortInPlace(items, compareStrings);
}
