import { matchesValue } from '../promql/label-matching.ts';
import type { ParsedMatcher, ParsedSelector } from '../promql/parse-selector.ts';

/**
 * The matchers of an error-ratio SLI's total that its errors selector does not keep, when both
 * read the same counter: each lets the errors count series the total leaves out (another
 * service's, or the successes when the two are swapped), so the ratio can pass 1 and page for
 * nothing. A matcher counts as kept when the errors selector repeats it or pins the label to a
 * value it matches; two different regexes on one label cannot be compared and are let be.
 */
export function errorsOutsideTotal(errors: ParsedSelector, total: ParsedSelector): ParsedMatcher[] {
  if (errors.metric === undefined || errors.metric !== total.metric) return [];
  return total.matchers.filter((matcher) => !keeps(errors.matchers.filter((m) => m.name === matcher.name), matcher));
}

function keeps(onLabel: readonly ParsedMatcher[], matcher: ParsedMatcher): boolean {
  if (onLabel.length === 0) return matcher.op === '=~' && matcher.value === '.*';
  const pinned = onLabel.find((m) => m.op === '=');
  if (pinned) return matchesValue(matcher.op, matcher.value, pinned.value);
  return true;
}
