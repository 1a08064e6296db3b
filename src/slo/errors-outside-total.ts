import { jobLabel, labelKeys } from '../naming.ts';
import { matchesValue } from '../promql/label-matching.ts';
import type { ParsedMatcher, ParsedSelector } from '../promql/parse-selector.ts';

/** Labels the scrape puts on every series of a target, whatever the counter. */
const scrapeLabels: readonly string[] = [jobLabel, labelKeys.namespace];

/**
 * The matchers of an error-ratio SLI's total that its errors selector does not keep: each lets
 * the errors count series the total leaves out (another service's, or the successes when the
 * two are swapped), so the ratio can pass 1 and page for nothing. When both read the same
 * counter, a matcher counts as kept when the errors selector repeats it or pins the label to a
 * value it matches; two different regexes on one label cannot be compared and are let be. When
 * they read different counters, only the scrape labels (`job`, `namespace`) are sure to be on
 * both, so only a matcher on one of those that the errors leave out altogether is reported.
 */
export function errorsOutsideTotal(errors: ParsedSelector, total: ParsedSelector): ParsedMatcher[] {
  if (errors.metric === undefined) return [];
  if (errors.metric !== total.metric) {
    return total.matchers.filter((matcher) => scrapeLabels.includes(matcher.name) && !errors.matchers.some((m) => m.name === matcher.name) && !keeps([], matcher));
  }
  return total.matchers.filter((matcher) => !keeps(errors.matchers.filter((m) => m.name === matcher.name), matcher));
}

function keeps(onLabel: readonly ParsedMatcher[], matcher: ParsedMatcher): boolean {
  if (onLabel.length === 0) return matcher.op === '=~' && matcher.value === '.*';
  const pinned = onLabel.find((m) => m.op === '=');
  if (pinned) return matchesValue(matcher.op, matcher.value, pinned.value);
  return true;
}
