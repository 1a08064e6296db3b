import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { checkableExpr, panelPath, panelsOf } from '../../grafana/panels-of.ts';
import { checkPromql } from '../../promql/check.ts';
import type { ValidationRule } from '../rule.ts';

export const dashboardPromql: ValidationRule = {
  id: 'dashboard-promql',
  description: "Every dashboard panel's PromQL parses and type-checks, as the Prometheus UI reads it.",
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    for (const dashboard of ir.dashboards) {
      for (const panel of panelsOf(dashboard)) {
        for (const target of panel.targets ?? []) {
          if (target.expr === undefined) continue;
          const expr = checkableExpr(target.expr);
          for (const problem of checkPromql(expr)) {
            diagnostics.push(
              errorAt(this.id, dashboard.location, `invalid PromQL in query ${target.refId ?? ''}: ${problem.message}`, {
                path: panelPath(dashboard, panel),
                excerpt: { text: expr, from: problem.from, to: problem.to },
              }),
            );
          }
        }
      }
    }
    return diagnostics;
  },
};
