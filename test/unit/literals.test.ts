import { describe, expect, it } from 'vitest';
import { random } from '../support/random.ts';
import { splitLiterals } from '../../src/promql/literals.ts';

/** The definition the scanner implements: PromQL's string literals as one regular expression. */
function splitByRegex(expr: string, rewrite: (content: string) => string) {
  if (expr.includes('#')) return undefined;
  const pieces: string[] = [];
  const literals: number[] = [];
  let last = 0;
  let length = 0;
  for (const match of expr.matchAll(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`/g)) {
    const gap = expr.slice(last, match.index);
    if (/["'`]/.test(gap)) return undefined;
    const [literal] = match;
    const content = rewrite(literal.slice(1, -1));
    pieces.push(gap, literal[0]!, content, literal[0]!);
    length += gap.length + content.length + 2;
    literals.push(length, literal.length - content.length - 2);
    last = match.index + literal.length;
  }
  const rest = expr.slice(last);
  if (/["'`]/.test(rest)) return undefined;
  pieces.push(rest);
  return { rewritten: pieces.join(''), literals };
}

describe('splitting PromQL into string literals', () => {
  it('agrees with the regular expression of PromQL string literals on random text', () => {
    const next = random(20261123);
    const alphabet = ['"', "'", '`', '\\', '\n', '\r', '\u2028', '#', 'a', 'x', '{', '}', '=', '~', ' ', '.', '(', ')', 'é'];
    const rewrites = [() => '', (c: string) => c.toUpperCase(), (c: string) => `<${c.length}>`];
    for (let i = 0; i < 20_000; i++) {
      let expr = '';
      const length = Math.floor(next() * 24);
      for (let j = 0; j < length; j++) expr += alphabet[Math.floor(next() * alphabet.length)];
      const rewrite = rewrites[i % rewrites.length]!;
      expect(splitLiterals(expr, rewrite), JSON.stringify(expr)).toEqual(splitByRegex(expr, rewrite));
    }
  });

  it('finds the literals of a real expression', () => {
    expect(splitLiterals('up{job="a\\"b",env=~`x|y`} / on() x{q=\'c\'}', () => '')).toEqual({
      rewritten: 'up{job="",env=~``} / on() x{q=\'\'}',
      // Each literal's end in the rewritten text, and how much shorter it became.
      literals: [9, 4, 17, 3, 32, 1],
    });
  });
});
