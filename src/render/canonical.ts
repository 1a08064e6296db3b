import { compareStrings } from '../util/compare.ts';
import { sortInPlace } from '../util/sort.ts';

/** Keys that lead, in this order, wherever they appear: Kubernetes objects and Prometheus rules read naturally. */
const leadingKeys = [
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'name',
  'namespace',
  'record',
  'alert',
  'expr',
  'for',
  'keep_firing_for',
  'labels',
  'annotations',
];
const leadingRank = new Map(leadingKeys.map((key, i) => [key, i]));

/** Maps whose keys are data, not structure: purely sorted. */
export const dataMaps: ReadonlySet<string> = new Set(['labels', 'annotations', 'matchLabels', 'data']);

function compareKeys(a: string, b: string): number {
  const rankA = leadingRank.get(a) ?? leadingKeys.length;
  const rankB = leadingRank.get(b) ?? leadingKeys.length;
  return rankA - rankB || compareStrings(a, b);
}

/** The keys of a map in canonical order (leading keys first, then sorted; data maps purely sorted), undefined values left out. */
export function orderedKeys(map: Record<string, unknown>, isDataMap: boolean): string[] {
  const keys = Object.keys(map);
  putInCanonicalOrder(map, keys, isDataMap);
  return keys;
}

/**
 * Drops the keys of undefined values from `keys` (the map's own, in its order) and sorts the rest
 * into canonical order, in place and in one pass: true when none was dropped and they already
 * stood in that order.
 */
function putInCanonicalOrder(map: Record<string, unknown>, keys: string[], isDataMap: boolean): boolean {
  const compare = isDataMap ? compareStrings : compareKeys;
  let inOrder = true;
  let kept = 0;
  for (const key of keys) {
    if (map[key] === undefined) {
      inOrder = false;
      continue;
    }
    if (inOrder && kept > 0 && compare(keys[kept - 1]!, key) >= 0) inOrder = false;
    keys[kept++] = key;
  }
  keys.length = kept;
  if (!inOrder) sortInPlace(keys, compare);
  return inOrder;
}

/**
 * The value with object keys in canonical order and undefined fields dropped, for
 * `JSON.stringify`. Arrays keep their order: emitters sort lists where order is not meaning.
 * Plain objects and arrays already canonical all the way down are returned as they are (half a
 * dashboard's objects are); anything else is copied, so the result is never to be mutated.
 */
export function canonicalize(value: unknown, isDataMap = false): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item = canonicalize(value[i]);
      if (item !== value[i]) (copy ??= [...value])[i] = item;
    }
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  const map = value as Record<string, unknown>;
  const keys = Object.keys(map);
  // A plain object's own keys are all JSON.stringify reads; another prototype may add a toJSON.
  const inOrder = putInCanonicalOrder(map, keys, isDataMap) && Object.getPrototypeOf(map) === Object.prototype;
  let out: Record<string, unknown> | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const field = map[key];
    const canonical = canonicalize(field, dataMaps.has(key));
    if (!out && (!inOrder || canonical !== field)) {
      out = {};
      for (let j = 0; j < i; j++) out[keys[j]!] = map[keys[j]!];
    }
    if (out) out[key] = canonical;
  }
  return out ?? map;
}
