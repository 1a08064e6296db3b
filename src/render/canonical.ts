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
  let kept = 0;
  for (const key of keys) if (map[key] !== undefined) keys[kept++] = key;
  keys.length = kept;
  return sortInPlace(keys, isDataMap ? compareStrings : compareKeys);
}

/**
 * A deep copy with object keys in canonical order and undefined fields dropped. Arrays keep
 * their order: emitters sort lists where order is not meaning.
 */
export function canonicalize(value: unknown, isDataMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalize(item));
  if (value === null || typeof value !== 'object') return value;
  const map = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of orderedKeys(map, isDataMap)) out[key] = canonicalize(map[key], dataMaps.has(key));
  return out;
}
