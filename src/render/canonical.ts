import { compareStrings } from '../util/compare.ts';

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
const dataMaps = new Set(['labels', 'annotations', 'matchLabels', 'data']);

/**
 * A deep copy with object keys in canonical order (leading keys first, then sorted) and
 * undefined fields dropped. Arrays keep their order: emitters sort lists where order is not meaning.
 */
export function canonicalize(value: unknown, isDataMap = false): unknown {
  if (Array.isArray(value)) return value.map((item) => canonicalize(item));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (isDataMap ? compareStrings(a, b) : compareKeys(a, b)));
  const out: Record<string, unknown> = {};
  for (const [key, child] of entries) out[key] = canonicalize(child, dataMaps.has(key));
  return out;
}

function compareKeys(a: string, b: string): number {
  const rankA = leadingRank.get(a) ?? leadingKeys.length;
  const rankB = leadingRank.get(b) ?? leadingKeys.length;
  return rankA - rankB || compareStrings(a, b);
}
