import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { matchesValue, regexProblem } from '../../src/promql/label-matching.ts';
import { random } from '../support/random.ts';

/** RE2 itself, anchored as a label matcher is: what every answer must agree with. */
function re2(pattern: string): RE2JS | undefined {
  try {
    return RE2JS.compile(`^(?:${pattern})$`);
  } catch {
    return undefined;
  }
}

// Literals, escapes and metacharacters, so that the patterns cover lists of literals and much else.
const pieces = ['a', 'b', 'svc', '-', '_', '1', ' ', '/', ':', '"', '`', '~', '.', '\\.', '\\-', '\\|', '\\\\', '\\`', '|', '*', '+', '?', '(', ')', '[', ']', '{', '}', '^', '$', '\\d', '\\a', 'é'];
const values = ['', 'a', 'b', 'svc', 'svc.a', 'svc-a', 'a|b', 'ab', '.', '-', '|', '\\', '`', 'svc1', ' ', 'é', 'a.b'];

describe('label matching', () => {
  it('answers as RE2 does for patterns of literals, escapes and metacharacters', () => {
    const next = random(20261125);
    for (let n = 0; n < 3000; n++) {
      const pattern = Array.from({ length: Math.floor(next() * 7) }, () => pieces[Math.floor(next() * pieces.length)]!).join('');
      const re = re2(pattern);
      expect(regexProblem(pattern) === undefined, pattern).toBe(re !== undefined);
      const candidates = [...values, ...pattern.replace(/\\(.)/g, '$1').split('|')];
      for (const value of candidates) {
        const expected = re?.matches(value) ?? false;
        expect(matchesValue('=~', pattern, value), `${pattern} =~ ${value}`).toBe(expected);
        expect(matchesValue('!~', pattern, value), `${pattern} !~ ${value}`).toBe(!expected);
      }
    }
  });

  it('reads a list of topics as the values it names, and nothing else', () => {
    const topics = String.raw`svc-1\.orders|svc-1\.payments`;
    expect(regexProblem(topics)).toBeUndefined();
    expect(matchesValue('=~', topics, 'svc-1.orders')).toBe(true);
    expect(matchesValue('=~', topics, 'svc-1xorders')).toBe(false);
    expect(matchesValue('=~', topics, '')).toBe(false);
    expect(matchesValue('=~', 'a||b', '')).toBe(true);
  });
});
