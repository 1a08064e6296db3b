import { describe, expect, it } from 'vitest';
import { random } from '../support/random.ts';
import { parse, stringify } from 'yaml';
import { canonicalize } from '../../src/render/canonical.ts';
import { fastScalar, SharedLayout, yamlDocument } from '../../src/render/yaml.ts';

const tricky = [
  '', ' ', 'yes', 'No', 'on', 'OFF', 'y', 'n', 'true', 'null', '~', '0755', '0x1F', '1e3', '.inf', '1:20', '2001-12-14',
  'a: b', 'a #b', '#x', '- x', '? x', '[x]', '{x}', '"q"', "'s'", '`b`', '!tag', '&a', '*a', '|', '>', '%x', '@x',
  'line\nbreak', 'trailing\n', 'x\n', '{\n  "a": [\n    1\n  ]\n}\n', 'a\n\n  b\n', 'a  \nb\n', 'a\n\n', '\nleading', '  indented\nlines', 'tab\there', 'ünïcödé ✓', 'x'.repeat(200), 'a\r\nb',
  'sum(rate(x{a="b"}[5m])) > 0.05', '{{ $labels.x }}', 'key:value', 'https://g/d/x?y=1#z', 'app.kubernetes.io/name',
];

function randomValue(next: () => number, depth: number): unknown {
  const pick = next();
  if (depth > 3 || pick < 0.45) {
    const kind = Math.floor(next() * 6);
    if (kind === 0) return Math.round(next() * 1e6) / 1000;
    if (kind === 1) return next() < 0.5;
    if (kind === 2) return null;
    return tricky[Math.floor(next() * tricky.length)];
  }
  const size = Math.floor(next() * 4);
  if (pick < 0.7) return Array.from({ length: size }, () => randomValue(next, depth + 1));
  const keys = ['name', 'labels', 'expr', 'spec', 'data', ...tricky.slice(0, 20)];
  return Object.fromEntries(Array.from({ length: size }, () => [keys[Math.floor(next() * keys.length)]!, randomValue(next, depth + 1)]));
}

const libraryOptions = { version: '1.1', lineWidth: 0, minContentWidth: 0, aliasDuplicateObjects: false, blockQuote: 'literal' } as const;

describe('the YAML layout', () => {
  it('writes exactly what the yaml library writes, for thousands of random documents', () => {
    const next = random(20261122);
    for (let i = 0; i < 3000; i++) {
      const value = randomValue(next, 0);
      const expected = stringify(canonicalize(value), libraryOptions);
      expect(yamlDocument(value), JSON.stringify(value)).toBe(expected);
    }
  });

  it('puts a comment line before the document, whatever the document is', () => {
    const next = random(20261123);
    const values: unknown[] = [null, 1, 'x', 'a\nb\n', [], {}, ...Array.from({ length: 300 }, () => randomValue(next, 0))];
    for (const value of values) {
      expect(yamlDocument(value, undefined, 'generated'), JSON.stringify(value)).toBe(`# generated\n${stringify(canonicalize(value), libraryOptions)}`);
    }
  });

  it('takes its fast path only where the library writes the same', () => {
    const next = random(7);
    const alphabet = ['a', 'Z', '_', '(', ')', ' ', ':', '#', '-', '?', '.', '"', "'", '{', '}', '[', ']', '|', '>', '%', '!', '&', '*', '\n', '\t', '0', '9', '=', '~', ',', '@', '`', 'é', '×', '✓', '\\', '$', '/', '<', '\u00a0', '\u2028', '\r', '\u0007', 'e', 'E', '1', '+', 'x', 'b', 'T', '<'];
    const words = ['yes', 'No', 'ON', 'off', 'y', 'N', 'true', 'Null', 'sum(rate(x[5m]))', '---', '...', 'a: b', 'x #y', 'e5', '1e3', '0b1', '0o7', '1_000', '12:30', '2001-12-14', '2001-12-14 21:59:43', '.inf', '.NaN', '<<', '-1', '1 - x'];
    let fast = 0;
    for (let i = 0; i < 50_000; i++) {
      const length = Math.floor(next() * 12);
      let value = next() < 0.2 ? words[Math.floor(next() * words.length)]! : '';
      for (let j = 0; j < length; j++) value += alphabet[Math.floor(next() * alphabet.length)];
      if (fastScalar(value) === undefined) continue;
      fast++;
      expect(yamlDocument({ k: value }), JSON.stringify(value)).toBe(stringify({ k: value }, libraryOptions));
      expect(yamlDocument({ [value]: 1 }), JSON.stringify(value)).toBe(stringify({ [value]: 1 }, libraryOptions));
    }
    for (let i = 0; i < 5_000; i++) {
      let value = '';
      for (let j = 0; j < 60; j++) value += alphabet[Math.floor(next() * alphabet.length)];
      const nested = { a: { b: [{ k: value, l: [value] }] } };
      expect(yamlDocument(nested), JSON.stringify(value)).toBe(stringify(nested, libraryOptions));
    }
    expect(fast).toBeGreaterThan(5000);
  });

  it('lays out a subtree shared by several documents once, at each place exactly as the library would', () => {
    const next = random(99);
    for (let i = 0; i < 500; i++) {
      const shared = randomValue(next, 1);
      const documents = [{ groups: shared }, { spec: { groups: shared, more: [shared] } }, { a: { b: { c: [{ d: shared }] } } }];
      // The last document holds it deeper than sharing is looked for: first or last, it comes out the same.
      for (const order of [documents, [...documents].reverse()]) {
        const layout = new SharedLayout(order);
        for (const document of order) {
          expect(yamlDocument(document, layout), JSON.stringify(shared)).toBe(stringify(canonicalize(document), libraryOptions));
        }
      }
    }
  });

  it('reads back as the same data', () => {
    const value = { a: tricky, b: { labels: { yes: 'on', 'x y': '' } }, c: [[1, [2]], {}, []] };
    expect(parse(yamlDocument(value), { version: '1.1' })).toEqual(canonicalize(value));
  });
});
