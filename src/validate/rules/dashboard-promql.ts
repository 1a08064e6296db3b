import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { panelPath, panelsOf } from '../../grafana/panels-of.ts';
import { astOfQuery, promqlProblems, type ValidationRule } from '../rule.ts';

export const dashboardPromql: ValidationRule = {
  id: 'dashboard-promql',
  description: "Every dashboard panel's PromQL parses and type-checks, as the Prometheus UI reads it.",
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    for (const dashboard of ir.dashboards) {
      for (const panel of panelsOf(dashboard)) {
        for (const target of panel.targets ?? []) {
          if (target.expr === undefined) continue;
          const ast = astOfQuery(target);
          for (const problem of promqlProblems(ast)) {
            diagnostics.push(
              errorAt(this.id, dashboard.location, `invalid PromQL in query ${target.refId ?? ''}: ${problem.message}`, {
                path: panelPath(dashboard, panel),
                excerpt: { text: ast.expr, from: problem.from, to: problem.to },
              }),
            );
          }
        }
      }
    }
    return diagnostics;
  },
};
