import type { ParsedMatcher, ParsedSelector } from '../promql/parse-selector.ts';

/**
 * Whether an error-ratio SLI's errors selector picks out no failures: it reads the total's
 * counter with no matcher the total lacks, so every event counts as an error, the ratio is 1
 * whenever there is traffic, and the burn alerts page for a healthy service.
 */
export function errorsSameAsTotal(errors: ParsedSelector, total: ParsedSelector): boolean {
  if (errors.metric === undefined || errors.metric !== total.metric) return false;
  const totalMatchers = new Set(total.matchers.map(key));
  return errors.matchers.every((m) => totalMatchers.has(key(m)));
}

function key(matcher: ParsedMatcher): string {
  return JSON.stringify([matcher.name, matcher.op, matcher.value]);
}
