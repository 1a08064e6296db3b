import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { panelPath } from '../../grafana/panels-of.ts';
import { promqlProblems } from '../../promql/check.ts';
import { parsedQueries, type ValidationRule } from '../rule.ts';

export const dashboardPromql: ValidationRule = {
  id: 'dashboard-promql',
  description: "Every dashboard panel's PromQL parses and type-checks, as Prometheus reads it.",
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    for (const { dashboard, panel, target, ast } of parsedQueries(ir)) {
      for (const problem of promqlProblems(ast)) {
        diagnostics.push(
          errorAt(this.id, dashboard.location, `invalid PromQL in query ${target.refId ?? ''}: ${problem.message}`, {
            path: panelPath(dashboard, panel),
            excerpt: { text: ast.expr, from: problem.from, to: problem.to },
          }),
        );
      }
    }
    return diagnostics;
  },
};
