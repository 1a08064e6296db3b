import { RE2JS } from 're2js';
import type { MatchOperator } from './selector.ts';

/**
 * How a label matcher matches a label's value, alike in Prometheus and Alertmanager: regular
 * expressions are RE2 (the Go engine, through its JavaScript port) anchored at both ends, and a
 * missing label has the empty value.
 */

/** What a pattern matches against: RE2's compiled form, or the set of values a list of literals spells. */
interface CompiledPattern {
  matches(value: string): boolean;
}

const compiled = new Map<string, CompiledPattern | Error>();

function compile(pattern: string): CompiledPattern | Error {
  let re = compiled.get(pattern);
  if (!re) {
    re = literalAlternatives(pattern) ?? compileRe2(pattern);
    compiled.set(pattern, re);
  }
  return re;
}

function compileRe2(pattern: string): CompiledPattern | Error {
  try {
    return RE2JS.compile(`^(?:${pattern})$`);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Printable ASCII but RE2's metacharacters, or a backslash before punctuation (a literal in
 * RE2), in alternatives: `svc\.orders|svc\.payments`. Most patterns a rule holds are such
 * lists, and answering them without compiling RE2 keeps a large bundle's validation fast.
 */
const literalChar = String.raw`[ !"#%&',\-/0-9:;<=>@A-Z_\`a-z~]|\\[!-/:-@[-\`{-~]`;
const literalList = new RegExp(`^(?:${literalChar})*(?:\\|(?:${literalChar})*)*$`);

/** The values a list of literal alternatives matches, anchored as a label matcher is; undefined for any other pattern. */
function literalAlternatives(pattern: string): CompiledPattern | undefined {
  if (!literalList.test(pattern)) return undefined;
  const values = new Set<string>();
  let value = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') value += pattern[++i]!;
    else if (c === '|') {
      values.add(value);
      value = '';
    } else value += c;
  }
  values.add(value);
  return { matches: (candidate) => values.has(candidate) };
}

/** Why `pattern` is not a valid regular expression for a label matcher, or undefined when it is. */
export function regexProblem(pattern: string): string | undefined {
  const re = compile(pattern);
  return re instanceof Error ? re.message : undefined;
}

/** Whether a matcher with this operator and value matches `value`; an invalid pattern matches nothing. */
export function matchesValue(op: MatchOperator, pattern: string, value: string): boolean {
  switch (op) {
    case '=':
      return value === pattern;
    case '!=':
      return value !== pattern;
    case '=~':
      return regexMatches(pattern, value);
    case '!~':
      return !regexMatches(pattern, value);
  }
}

function regexMatches(pattern: string, value: string): boolean {
  const re = compile(pattern);
  return !(re instanceof Error) && re.matches(value);
}
