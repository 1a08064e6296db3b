import { Document, stringify } from 'yaml';
import { dataMaps, orderedKeys } from './canonical.ts';

/**
 * Block-style YAML, byte for byte what `yaml.stringify` writes with the options below, but
 * an order of magnitude faster on large bundles: the library still encodes every scalar and
 * key (quoting, escaping, literal blocks, YAML 1.1 safety) once per distinct value, and this
 * module only lays the encoded scalars out in maps and lists.
 *
 * Keys come out in canonical order (see canonical.ts); undefined values are dropped.
 */

const libraryOptions = {
  version: '1.1',
  lineWidth: 0,
  minContentWidth: 0,
  aliasDuplicateObjects: false,
  blockQuote: 'literal',
} as const;

/**
 * The strings whose encoding is certain without asking the library, following its rules
 * (yaml/dist/stringify/stringifyString.js) for text without tabs, control characters,
 * surrogates or line separators:
 *
 * - one line matching the library's indicator pattern, with no `"` or `\\`: double-quoted as is;
 * - any other line that no YAML 1.1 tag of the library reads as something else (a number, a
 *   boolean, null, a timestamp) and that is no document marker: plain;
 * - several lines without leading or trailing whitespace: a `|-` literal block;
 * - the same ending in one newline (a file's text): a `|` literal block.
 *
 * Anything else goes to the library. test/unit/yaml.test.ts checks this against it.
 */
const safeText = /^[\x20-\x7E\u00A0-\u2027\u202A-\uD7FF\uE000-\uFFFD\n]*$/;
/** Copied from the library: a plain scalar may not look like this. */
const needsQuotes = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** The tests by which the library's YAML 1.1 schema reads a plain scalar as other than a string. */
const otherTypes = new Document(null, { version: '1.1' }).schema.tags.flatMap((tag) =>
  tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test ? [tag.test] : [],
);
const documentMarker = /^(?:---|\.\.\.)/;
const whitespace = /\s/;

/** The scalar's encoding when certain, a literal block's lines indented to stand at `indent`. */
export function fastScalar(value: string, indent = ''): string | undefined {
  if (!safeText.test(value)) return undefined;
  if (value.includes('\n')) {
    const last = value.endsWith('\n') && !value.endsWith('\n\n') ? value.length - 2 : value.length - 1;
    if (last < 0 || whitespace.test(value[0]!) || whitespace.test(value[last]!)) return undefined;
    const lines = `${indent}  `;
    return last === value.length - 1 ? `|-\n${lines}${indentLines(value, lines)}` : `|\n${lines}${indentLines(value.slice(0, -1), lines)}`;
  }
  if (needsQuotes.test(value)) return /["\\]/.test(value) ? undefined : `"${value}"`;
  return documentMarker.test(value) || otherTypes.some((test) => test.test(value)) ? undefined : value;
}

/** Every line after the first indented (blank lines stay empty, as the library writes them). */
function indentLines(text: string, indent: string): string {
  // Without blank lines (a dashboard's JSON) a plain replacement does it, in half the time.
  return text.includes('\n\n') ? text.replace(/\n+/g, `$&${indent}`) : text.replaceAll('\n', `\n${indent}`);
}

const scalarCache = new Map<unknown, string>();
const keyCache = new Map<string, string>();
const shortCache = new Map<string, string>();
const SHORT = 64;
const CACHE_LIMIT = 500_000;

function cached<K, V>(cache: Map<K, V>, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
  }
  return value;
}

/**
 * A scalar placed after `key: ` (or `- ` for a list item) at `indent`. A one-line encoding
 * does not depend on where it stands; a multi-line one off the fast path is encoded by the
 * library at exactly that place, so its block or folding rules never need re-deriving here.
 */
function placeScalar(value: unknown, indent: string, listItem: boolean): string {
  if (typeof value === 'string') {
    // Short strings (names, label values) recur across the bundle: encode each once.
    if (value.length <= SHORT && !value.includes('\n')) return cached(shortCache, value, () => fastScalar(value) ?? encodeScalar(value));
    const fast = fastScalar(value, indent);
    if (fast !== undefined) return fast;
    if (value.includes('\n')) return cached(scalarCache, `${indent.length}${listItem ? '-' : ':'}${value}`, () => encodeInPlace(value, indent, listItem));
  }
  return cached(scalarCache, value, () => encodeScalar(value));
}

/** The library's one-line encoding of a scalar. */
function encodeScalar(value: unknown): string {
  return stringify({ k: value }, libraryOptions).slice('k: '.length, -1);
}

/** The library's text for `value` nested in maps (and a list) so that it lands at `indent`. */
function encodeInPlace(value: string, indent: string, listItem: boolean): string {
  const depth = indent.length / 2 - (listItem ? 1 : 0);
  let wrapper: unknown = listItem ? (depth < 0 ? [value] : { k: [value] }) : { k: value };
  let prefix = listItem ? (depth < 0 ? '- ' : `${'  '.repeat(depth)}k:\n${'  '.repeat(depth + 1)}- `) : `${'  '.repeat(depth)}k: `;
  for (let level = depth - 1; level >= 0; level--) {
    wrapper = { k: wrapper };
    prefix = `${'  '.repeat(level)}k:\n${prefix}`;
  }
  const text = stringify(wrapper, libraryOptions);
  if (!text.startsWith(prefix)) throw new Error(`internal: unexpected YAML layout for ${JSON.stringify(value)}`);
  return text.slice(prefix.length, -1);
}

function encodeKey(key: string): string {
  return cached(keyCache, key, () => {
    const fast = key.includes('\n') ? undefined : fastScalar(key);
    if (fast !== undefined) return fast;
    const line = stringify({ [key]: 0 }, libraryOptions);
    return line.slice(0, line.length - ': 0\n'.length);
  });
}

function isCollection(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function isEmptyCollection(value: Record<string, unknown> | unknown[]): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (value[key] !== undefined) return false;
  return true;
}

/**
 * How deep into each document shared subtrees are looked for. The large ones sit near the top
 * (a PrometheusRule's `spec.groups` is its rule file's `groups`); a small one deeper down (a
 * labels map several rules hold) costs less to lay out again than to track among every object.
 */
const SHARED_DEPTH = 3;

/**
 * Subtrees that appear in several documents (the rule groups of a PrometheusRule and of the
 * plain rule file are the same objects) are laid out once and re-indented where they recur.
 * A layout is forgotten once every occurrence has used it.
 */
export class SharedLayout {
  /** Shared collection → how many places it appears. */
  private readonly occurrences = new Map<object, number>();
  private readonly laidOut = new Map<object, { indent: string; text: string; usesLeft: number }>();

  /** Counts the places each collection found in more than one place near the top of `documents` appears. */
  constructor(documents: Iterable<unknown>) {
    const seen = new Set<object>();
    const visit = (value: unknown, depth: number): void => {
      if (!isCollection(value)) return;
      if (seen.has(value)) {
        this.occurrences.set(value, (this.occurrences.get(value) ?? 1) + 1);
        return;
      }
      seen.add(value);
      if (depth < SHARED_DEPTH) for (const child of Array.isArray(value) ? value : Object.values(value)) visit(child, depth + 1);
    };
    for (const document of documents) visit(document, 0);
  }

  isShared(value: object): boolean {
    return this.occurrences.has(value);
  }

  /** The subtree's lines as first laid out, moved to `indent` (every line shifts alike; empty lines stay empty). */
  recall(value: object, indent: string): string | undefined {
    const laidOut = this.laidOut.get(value);
    if (!laidOut) return undefined;
    if (--laidOut.usesLeft === 0) {
      this.laidOut.delete(value);
      // A place deeper than the search went was not counted: it lays the subtree out afresh.
      this.occurrences.delete(value);
    }
    if (laidOut.indent === indent) return laidOut.text;
    // Every non-empty line starts with the indentation it was laid out at: the first, and each after a newline.
    return `${indent}${laidOut.text.slice(laidOut.indent.length).replaceAll(`\n${laidOut.indent}`, `\n${indent}`)}`;
  }

  remember(value: object, indent: string, text: string): void {
    const usesLeft = (this.occurrences.get(value) ?? 1) - 1;
    if (usesLeft > 0) this.laidOut.set(value, { indent, text, usesLeft });
  }
}

/**
 * The document's text, after a `# comment` line when one is given. Built by one join, so the
 * text is one flat string: a string made by concatenating onto the joined lines would be copied
 * again the first time it is encoded for writing or comparing.
 */
export function yamlDocument(value: unknown, layout?: SharedLayout, comment?: string): string {
  const lines: string[] = comment === undefined ? [] : [`# ${comment}`];
  if (!isCollection(value) || isEmptyCollection(value)) lines.push(stringify(value, libraryOptions).slice(0, -1));
  else writeCollection(lines, value, '', false, false, layout);
  lines.push('');
  return lines.join('\n');
}

/**
 * Writes a non-empty map or list at `indent`. The first line gets no indentation when
 * `inline` (it continues a `- ` already written).
 */
function writeCollection(
  lines: string[],
  value: Record<string, unknown> | unknown[],
  indent: string,
  isDataMap: boolean,
  inline = false,
  layout?: SharedLayout,
): void {
  if (layout?.isShared(value)) {
    let text = layout.recall(value, indent);
    if (text === undefined) {
      const own: string[] = [];
      writeFresh(own, value, indent, isDataMap, false, layout);
      text = own.join('\n');
      layout.remember(value, indent, text);
    }
    lines.push(inline ? text.slice(indent.length) : text);
    return;
  }
  writeFresh(lines, value, indent, isDataMap, inline, layout);
}

function writeFresh(
  lines: string[],
  value: Record<string, unknown> | unknown[],
  indent: string,
  isDataMap: boolean,
  inline: boolean,
  layout: SharedLayout | undefined,
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => writeEntry(lines, '- ', item, indent, inline && i === 0, false, true, layout));
    return;
  }
  orderedKeys(value, isDataMap).forEach((key, i) =>
    writeEntry(lines, `${encodeKey(key)}:`, value[key], indent, inline && i === 0, dataMaps.has(key), false, layout),
  );
}

function writeEntry(
  lines: string[],
  head: string,
  value: unknown,
  indent: string,
  inline: boolean,
  childIsDataMap: boolean,
  isListItem: boolean,
  layout: SharedLayout | undefined,
): void {
  const prefix = inline ? '' : indent;
  const separator = isListItem ? '' : ' ';
  if (!isCollection(value)) {
    lines.push(`${prefix}${head}${separator}${placeScalar(value, indent, isListItem)}`);
  } else if (isEmptyCollection(value)) {
    lines.push(`${prefix}${head}${separator}${Array.isArray(value) ? '[]' : '{}'}`);
  } else if (isListItem) {
    // `- key: value` continues on the dash's line; the item's other lines are indented past it.
    lines.push(`${prefix}${head}`);
    const start = lines.length - 1;
    writeCollection(lines, value, `${indent}  `, childIsDataMap, true, layout);
    lines[start] += lines.splice(start + 1, 1)[0] ?? '';
  } else {
    lines.push(`${prefix}${head}`);
    writeCollection(lines, value, `${indent}  `, childIsDataMap, false, layout);
  }
}
