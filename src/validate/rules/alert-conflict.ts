import { formatLocation } from '../../diagnostics/diagnostic.ts';
import type { AlertRuleIR } from '../../ir.ts';
import { labelKeys } from '../../naming.ts';
import { allAlerts, lintAt, rulePath, type LintRule } from '../rule.ts';

export const alertConflict: LintRule = {
  id: 'alert-conflict',
  description: 'Two alerts of one name and service never fire on the same condition with different severities.',
  severity: 'error',
  why: 'Alerts of one name usually come in tiers: a warning at a lower threshold, a critical at a higher one. Two with the same expression and `for` but different severities fire together every time, so the same problem both pages and does not page: one of them is a copy-paste mistake.',
  valid: [{ expr: 'queue_depth > 100', twin: { severity: 'critical', expr: 'queue_depth > 1000' } }],
  invalid: [{ expr: 'queue_depth > 100', twin: { severity: 'critical' } }],
  check(ir) {
    const seen = new Map<string, AlertRuleIR>();
    return allAlerts(ir).flatMap((alert) => {
      const { [labelKeys.severity]: _severity, ...labels } = alert.labels;
      const key = JSON.stringify([alert.serviceId, alert.name, labels, alert.expr, alert.for ?? '']);
      const first = seen.get(key);
      if (!first) {
        seen.set(key, alert);
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
