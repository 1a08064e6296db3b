import { formatLocation } from '../../diagnostics/diagnostic.ts';
import type { AlertRuleIR } from '../../ir.ts';
import { labelKeys } from '../../naming.ts';
import { sameEntries } from '../../util/records.ts';
import { allAlerts, lintAt, rulePath, type LintRule } from '../rule.ts';

export const alertConflict: LintRule = {
  id: 'alert-conflict',
  description: 'Two alerts of one name and service never fire on the same condition with different severities.',
  severity: 'error',
  why: 'Alerts of one name usually come in tiers: a warning at a lower threshold, a critical at a higher one. Two with the same expression and `for` but different severities fire together every time, so the same problem both pages and does not page: one of them is a copy-paste mistake.',
  valid: [{ expr: 'queue_depth > 100', twin: { severity: 'critical', expr: 'queue_depth > 1000' } }],
  invalid: [{ expr: 'queue_depth > 100', twin: { severity: 'critical' } }],
  check(ir) {
    // By expression first: it tells almost all alerts apart, and its hash is the string's own.
    const seen = new Map<string, AlertRuleIR[]>();
    return allAlerts(ir).flatMap((alert) => {
      const sameExpr = seen.get(alert.expr);
      const first = sameExpr?.find((other) => sameCondition(other, alert));
      if (!first) {
        if (sameExpr) sameExpr.push(alert);
        else seen.set(alert.expr, [alert]);
        return [];
      }
      if (first.severity === alert.severity) return [];
      return [
        lintAt(this, alert.location, `${rulePath(alert)} is both ${first.severity} and ${alert.severity} for the same condition`, {
          path: rulePath(alert),
          hint: `the other one is at ${formatLocation(first.location)}; give the tiers different thresholds or keep one`,
        }),
      ];
    });
  },
};

/** Same service, name, `for` and labels but the severity (the expression is compared already). */
function sameCondition(a: AlertRuleIR, b: AlertRuleIR): boolean {
  return a.serviceId === b.serviceId && a.name === b.name && (a.for ?? '') === (b.for ?? '') && sameEntries(a.labels, b.labels, labelKeys.severity);
}
