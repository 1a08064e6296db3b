import { promqlProblems } from '../../promql/check.ts';
import { lintAt, parsedRules, rulePath, type LintRule } from '../rule.ts';

export const promqlSyntax: LintRule = {
  id: 'promql-syntax',
  description: 'Every expression parses as PromQL and is well typed, as Prometheus reads it: the UI parser and analyzer, and the durations, regexes, selectors, modifiers and experimental functions the server refuses.',
  severity: 'error',
  why: 'Prometheus refuses a whole rule file when one expression does not parse, and an expression of the wrong type (`rate(up)`) fails at every evaluation: either way the alerts of the file never fire. The UI\'s analyzer passes some of what the server refuses (a `[0s]` range, arithmetic like `[5m+5m]` that only an experimental feature reads, a regex RE2 cannot compile, a selector like `{job=~".*"}` that matches every series, an `offset` after a function or an aggregation, as in `sum(rate(x[5m])) offset 1w`, where Prometheus takes it only on a selector or a subquery, an experimental function such as `mad_over_time` or `sort_by_label` that Prometheus reads only with `--enable-feature=promql-experimental-functions`), so vigil checks those too, at the definition rather than in the generated file.',
  valid: [
    { expr: 'sum(rate(http_requests_total[5m])) > 1' },
    { expr: 'count({job=~".+"}) > 1' },
    { expr: 'sum(rate(http_requests_total[5m])) > 2 * sum(rate(http_requests_total[5m] offset 1w))' },
  ],
  invalid: [
    { expr: 'sum(rate(http_requests_total[5m]) > 1' },
    { expr: 'rate(http_requests_total) > 1' },
    { expr: 'rate(http_requests_total[0s]) > 1' },
    { expr: 'rate(http_requests_total[5m+5m]) > 1' },
    { expr: 'http_requests_total{code=~"5(.."} > 1' },
    { expr: 'count({job=~".*"}) > 1' },
    { expr: 'sum(rate(http_requests_total[5m])) > 2 * sum(rate(http_requests_total[5m])) offset 1w' },
    { expr: 'rate(http_requests_total offset 1w [5m]) > 1' },
    { expr: 'mad_over_time(queue_depth[1h]) > 10' },
  ],
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
