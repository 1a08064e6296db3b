import { comparisonNodes, type PromqlAst } from '../../promql/ast.ts';
import { lintAt, parsedAlerts, type LintRule, rulePath } from '../rule.ts';

const selective = new Set(['absent', 'absent_over_time']);

export const alertWithoutComparison: LintRule = {
  id: 'alert-without-comparison',
  description: 'An alert expression compares against something (or asks for absence): otherwise every series it returns fires.',
  severity: 'warning',
  why: 'An alert fires for every series its expression returns. `rate(errors_total[5m])` returns a series for every job, even at zero, so it fires all the time. An alert that must always fire (a heartbeat) says so with `vector(1)`.',
  valid: [{ expr: 'rate(http_requests_total[5m]) > 1' }, { expr: 'absent(up{job="checkout"})', for: '5m' }, { expr: 'vector(1)' }],
  invalid: [{ expr: 'rate(http_requests_total{code="500"}[5m])' }, { expr: 'up{job="checkout"} == bool 0' }],
  check(ir) {
    return parsedAlerts(ir).flatMap(({ rule: alert, ast }) => {
      if (ast.broken || /^\s*vector\s*\(\s*[0-9.]+\s*\)\s*$/.test(alert.expr)) return [];
      if (ast.perShape(this.id, comparesOrAsksForAbsence)) return [];
      return [
        lintAt(this, alert.location, `alert "${alert.name}" has no comparison: it fires for every series the expression returns`, {
          path: `${rulePath(alert)} > expr`,
          hint: 'add a threshold, e.g. `> 0.05`',
        }),
      ];
    });
  },
};

/** Whether the expression filters by a comparison (without `bool`) or asks for absence. */
function comparesOrAsksForAbsence(ast: PromqlAst): boolean {
  const filters = ast.nodes('BinaryExpr').some((node) => {
    let hasComparison = false;
    let hasBool = false;
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (comparisonNodes.has(child.name)) hasComparison = true;
      if (child.name === 'BoolModifier') hasBool = true;
    }
    return hasComparison && !hasBool;
  });
  return filters || ast.nodes('FunctionCall').some((call) => selective.has(ast.functionName(call)));
}
