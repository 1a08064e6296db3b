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
export function orderedKeys(map: Record<string, unknown>, isDataMap: boolean): readonly string[] {
  return canonicalKeys(map, isDataMap).keys;
}

interface KeyOrder {
  /** The map's keys with a defined value, in canonical order. Shared: never to be mutated. */
  readonly keys: readonly string[];
  /** Whether the map's own keys already stood so, with no undefined value among them. */
  readonly inOrder: boolean;
}

function canonicalKeys(map: Record<string, unknown>, isDataMap: boolean): KeyOrder {
  const keys = Object.keys(map);
  const orders = isDataMap ? dataOrders : structuralOrders;
  return orders.of(map, keys) ?? orders.ofDefined(map, keys);
}

/**
 * The canonical order of every sequence of keys met so far, as a trie on the keys: maps built
 * alike (a dashboard's panels, an alert's labels) share one node, and finding it costs a lookup
 * per key instead of a sort.
 */
class KeyOrders {
  private root = new KeyNode();
  private nodes = 0;

  constructor(private readonly compare: (a: string, b: string) => number) {}

  /** Undefined when the map holds an undefined value: its order depends on more than its keys. */
  of(map: Record<string, unknown>, keys: readonly string[]): KeyOrder | undefined {
    let node = this.root;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      if (map[key] === undefined) return undefined;
      let next = node.next.get(key);
      if (next === undefined) {
        // Keys that are data (a ConfigMap's file names) would otherwise grow the trie without end.
        if (++this.nodes > MAX_KEY_NODES) this.forget();
        next = new KeyNode();
        node.next.set(key, next);
      }
      node = next;
    }
    return (node.order ??= this.sorted(keys));
  }

  /** The order of the keys whose value is defined: not remembered, and never already in order. */
  ofDefined(map: Record<string, unknown>, keys: readonly string[]): KeyOrder {
    return { keys: this.sorted(keys.filter((key) => map[key] !== undefined)).keys, inOrder: false };
  }

  private sorted(keys: readonly string[]): KeyOrder {
    const inOrder = keys.every((key, i) => i === 0 || this.compare(keys[i - 1]!, key) < 0);
    return { keys: inOrder ? keys : sortInPlace([...keys], this.compare), inOrder };
  }

  private forget(): void {
    this.root = new KeyNode();
    this.nodes = 0;
  }
}

class KeyNode {
  readonly next = new Map<string, KeyNode>();
  order: KeyOrder | undefined = undefined;
}

const MAX_KEY_NODES = 100_000;
const structuralOrders = new KeyOrders(compareKeys);
const dataOrders = new KeyOrders(compareStrings);

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
  const order = canonicalKeys(map, isDataMap);
  const keys = order.keys;
  // A plain object's own keys are all JSON.stringify reads; another prototype may add a toJSON.
  const inOrder = order.inOrder && Object.getPrototypeOf(map) === Object.prototype;
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
  // Nothing copied though not canonical: no key is left (every value was undefined), or an
  // empty object of another prototype.
  return out ?? (inOrder ? map : {});
}
