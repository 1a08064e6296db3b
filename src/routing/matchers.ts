import type { Labels, MatcherIR } from '../ir.ts';
import { matchesValue } from '../promql/label-matching.ts';

/** Alertmanager's label matching: a missing label has the empty value (see promql/label-matching.ts). */

export function matches(matcher: MatcherIR, labels: Labels): boolean {
  return matchesValue(matcher.op, matcher.value, labels[matcher.name] ?? '');
}

export function matchesAll(matchers: readonly MatcherIR[], labels: Labels): boolean {
  // A loop, not `every`: this runs for every route an alert passes, and a closure per call adds up.
  for (const matcher of matchers) if (!matches(matcher, labels)) return false;
  return true;
}
