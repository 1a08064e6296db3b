import { describe, expect, it } from 'vitest';
import { random } from '../support/random.ts';
import { sortInPlace, sortStrings } from '../../src/util/sort.ts';

describe('sorting in place', () => {
  it('orders as Array#sort does, stably, short arrays and long', () => {
    const next = random(20261123);
    for (let round = 0; round < 2000; round++) {
      const items = Array.from({ length: Math.floor(next() * 60) }, (_, i) => ({ key: Math.floor(next() * 8), i }));
      const byKey = (a: { key: number }, b: { key: number }) => a.key - b.key;
      const copy = [...items];
      expect(sortInPlace(copy, byKey)).toBe(copy);
      expect(copy).toEqual([...items].sort(byKey));
    }
  });

  it('sorts strings by code unit, as Array#sort without a comparator', () => {
    const next = random(7);
    const alphabet = ['a', 'B', 'é', '_', '10', '9', '\u{1F600}', ''];
    for (let round = 0; round < 500; round++) {
      const items = Array.from({ length: Math.floor(next() * 30) }, () => alphabet[Math.floor(next() * alphabet.length)]! + alphabet[Math.floor(next() * alphabet.length)]!);
      expect(sortStrings([...items])).toEqual([...items].sort());
    }
  });
});
