import { parseDuration } from '../../util/duration.ts';
import { lintAt, parsedAlerts, type LintRule, rulePath } from '../rule.ts';

export const alertAbsentWithoutFor: LintRule = {
  id: 'alert-absent-without-for',
  description: 'An alert on `absent()` waits a `for` before firing.',
  severity: 'warning',
  why: 'A series is absent for a scrape or two after every restart, rollout or Prometheus reload; without `for` the alert fires on each of them.',
  valid: [{ expr: 'absent(up{job="checkout"})', for: '5m' }, { expr: 'absent_over_time(up{job="checkout"}[10m])' }],
  invalid: [{ expr: 'absent(up{job="checkout"})' }, { expr: 'absent(up{job="checkout"})', for: '0s' }],
  check(ir) {
    return parsedAlerts(ir).flatMap(({ rule: alert, ast }) => {
      if (alert.for !== undefined && (parseDuration(alert.for) ?? 1) > 0) return [];
      const absent = ast.nodes('FunctionCall').find((call) => ast.functionName(call) === 'absent');
      if (!absent) return [];
      return [
        lintAt(this, alert.location, `alert "${alert.name}" fires on absent() at once`, {
          path: `${rulePath(alert)} > for`,
          excerpt: { text: alert.expr, ...ast.span(absent) },
          hint: 'give it a `for` of a few scrape intervals, e.g. 5m',
        }),
      ];
    });
  },
};
