import type { SyntaxNode } from '@lezer/common';
import { isGaugeName, type PromqlAst } from '../../promql/ast.ts';
import { lintAt, parsedRules, type LintRule, rulePath } from '../rule.ts';

const counterFunctions = new Set(['rate', 'irate', 'increase']);
/** What may stand between the function and the range it reads: `rate(x[5m] offset 1h)`, `rate(x[10m:1m])`. */
const rangeWrappers = new Set(['OffsetExpr', 'StepInvariantExpr', 'SubqueryExpr', 'ParenExpr']);

export const promqlRateOverGauge: LintRule = {
  id: 'promql-rate-over-gauge',
  description: '`rate`, `irate` and `increase` read counters: one over a metric named like a gauge (a unit such as `_bytes` or `_seconds`, or a state such as `_depth`, `_lag`, `_info`, with no `_total`) is almost always a mistake.',
  severity: 'warning',
  why: 'rate() treats every decrease as a counter reset, so over a gauge it reports made-up growth. Counters end in `_total` (or a histogram\'s `_count`, `_sum`, `_bucket`); for a gauge use `deriv()` or `delta()`.',
  valid: [
    { expr: 'rate(http_requests_total[5m]) > 1' },
    { expr: 'deriv(queue_depth[10m]) > 0' },
    { expr: 'rate(job:http_requests:sum[5m]) > 1' },
    { expr: 'increase(kafka_connect_task_error_metrics_deadletterqueue_produce_failures[5m]) > 0' },
    { expr: 'rate(http_requests_total[5m] offset 1h) > 1' },
  ],
  invalid: [
    { expr: 'rate(queue_depth[5m]) > 0' },
    { expr: 'increase(memory_used_bytes[1h]) > 1e9' },
    { expr: 'rate(kafka_consumergroup_lag[5m]) > 0' },
    { expr: 'rate(queue_depth[5m] offset 1h) > 0' },
    { expr: 'increase(memory_used_bytes[1h] @ end()) > 1e9' },
    { expr: 'rate(queue_depth[10m:1m]) > 0' },
  ],
  check(ir) {
    return parsedRules(ir).flatMap(({ rule, ast }) => {
      if (ast.broken) return [];
      return ast.perShape(this.id, ratesOverGauges).map(({ call, fn, metric }) =>
        lintAt(this, rule.location, `\`${fn}\` over \`${metric}\`, which is named like a gauge, not a counter`, {
          path: `${rulePath(rule)} > expr`,
          excerpt: { text: rule.expr, ...ast.span(call) },
          hint: 'for a gauge use deriv() or delta(); if it is a counter, name it with a _total suffix',
        }),
      );
    });
  },
};

/** The calls of a counter function over a metric named like a gauge. */
function ratesOverGauges(ast: PromqlAst): { call: SyntaxNode; fn: string; metric: string }[] {
  return ast.nodes('FunctionCall').flatMap((call) => {
    const fn = ast.functionName(call);
    const [argument] = ast.arguments(call);
    if (!counterFunctions.has(fn) || !argument) return [];
    const range = ast.unwrap(argument, rangeWrappers);
    if (range.name !== 'MatrixSelector' && range.name !== 'VectorSelector') return [];
    const metric = ast.metricOf(range);
    return metric && !metric.includes(':') && isGaugeName(metric) ? [{ call, fn, metric }] : [];
  });
}
