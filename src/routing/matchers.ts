import { RE2JS } from 're2js';
import type { Labels, MatcherIR } from '../ir.ts';

/**
 * Alertmanager's label matching. Regular expressions are RE2 (the Go engine Alertmanager uses,
 * through its JavaScript port) and anchored at both ends; a missing label has the empty value.
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

/** Why `pattern` is not a valid Alertmanager regular expression, or undefined when it is. */
export function regexProblem(pattern: string): string | undefined {
  const re = compile(pattern);
  return re instanceof Error ? re.message : undefined;
}

/** An invalid pattern (reported by the invalid-matcher rule) matches nothing. */
function regexMatches(pattern: string, value: string): boolean {
  const re = compile(pattern);
  return !(re instanceof Error) && re.matches(value);
}

export function matches(matcher: MatcherIR, labels: Labels): boolean {
  const value = labels[matcher.name] ?? '';
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return regexMatches(matcher.value, value);
    case '!~':
      return !regexMatches(matcher.value, value);
  }
}

export function matchesAll(matchers: readonly MatcherIR[], labels: Labels): boolean {
  // A loop, not `every`: this runs for every route an alert passes, and a closure per call adds up.
  for (const matcher of matchers) if (!matches(matcher, labels)) return false;
  return true;
}
