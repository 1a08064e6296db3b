import { RE2JS } from 're2js';
import type { MatchOperator } from './selector.ts';

/**
 * How a label matcher matches a label's value, alike in Prometheus and Alertmanager: regular
 * expressions are RE2 (the Go engine, through its JavaScript port) anchored at both ends, and a
 * missing label has the empty value.
 */

const compiled = new Map<string, RE2JS | Error>();

function compile(pattern: string): RE2JS | Error {
  let re = compiled.get(pattern);
  if (!re) {
    try {
      re = RE2JS.compile(`^(?:${pattern})$`);
    } catch (error) {
      re = error instanceof Error ? error : new Error(String(error));
    }
    compiled.set(pattern, re);
  }
  return re;
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
