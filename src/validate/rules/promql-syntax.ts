import { lintAt, parsedRules, promqlProblems, rulePath, type LintRule } from '../rule.ts';

export const promqlSyntax: LintRule = {
  id: 'promql-syntax',
  description: 'Every expression parses as PromQL and is well typed (the Prometheus UI parser and analyzer).',
  severity: 'error',
  why: 'Prometheus refuses a whole rule file when one expression does not parse, and an expression of the wrong type (`rate(up)`) fails at every evaluation: either way the alerts of the file never fire.',
  valid: [{ expr: 'sum(rate(http_requests_total[5m])) > 1' }],
  invalid: [{ expr: 'sum(rate(http_requests_total[5m]) > 1' }, { expr: 'rate(http_requests_total) > 1' }],
  check(ir) {
    return parsedRules(ir).flatMap(({ rule, ast }) =>
      promqlProblems(ast).map((problem) =>
        lintAt(this, rule.location, `invalid PromQL in ${rulePath(rule)}: ${problem.message}`, {
          path: `${rulePath(rule)} > expr`,
          excerpt: { text: rule.expr, from: problem.from, to: problem.to },
        }),
      ),
    );
  },
};
