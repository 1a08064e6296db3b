import type { SyntaxNode } from '@lezer/common';
import { isCounterName, type PromqlAst } from '../../promql/ast.ts';
import { lintAt, parsedRules, type LintRule, rulePath } from '../rule.ts';

export const promqlSumOfCounter: LintRule = {
  id: 'promql-sum-of-counter',
  description: 'A counter is aggregated only after `rate` or `increase`: `sum(x_total)` adds up meaningless running totals.',
  severity: 'warning',
  why: 'A counter\'s raw value depends on when each process started and resets on restart; summing it gives a number that jumps down on every deploy. Sum its rate instead. `count` and `group` read which series there are, not their values, so they take a counter as it is.',
  valid: [
    { expr: 'sum(rate(http_requests_total[5m])) > 10' },
    { expr: 'sum(queue_depth) > 100' },
    { expr: 'count without (cpu, mode) (node_cpu_seconds_total{mode="idle"})', record: 'instance:node_num_cpu:sum' },
    { expr: 'count by (job) (http_requests_total) > 1000' },
  ],
  invalid: [
    { expr: 'sum(http_requests_total) > 1000' },
    { expr: 'max by (route) (http_request_duration_seconds_count) > 0' },
    { expr: 'sum(http_requests_total offset 1h) > 1000' },
    { expr: 'sum without (instance) ((http_requests_total)) > 1000' },
    { expr: 'sum by (service) (label_replace(http_requests_total, "service", "$1", "job", "(.*)")) > 1000' },
  ],
  check(ir) {
    return parsedRules(ir).flatMap(({ rule, ast }) => {
      if (ast.broken) return [];
      return ast.perShape(this.id, countersAggregated).map(({ aggregate, metric }) =>
        lintAt(this, rule.location, `aggregates the counter \`${metric}\` without rate() or increase()`, {
          path: `${rulePath(rule)} > expr`,
          excerpt: { text: rule.expr, ...ast.span(aggregate) },
          hint: `aggregate its rate: rate(${metric}[5m])`,
        }),
      );
    });
  },
};

/** What passes a selector's values through unchanged: `sum((x_total offset 1h))`. */
const wrappers = new Set(['ParenExpr', 'OffsetExpr', 'StepInvariantExpr']);
const relabelling = new Set(['label_replace', 'label_join']);

/** Aggregations that read which series there are, not their values: counting a counter's series is sound. */
const valueBlind = new Set(['count', 'group']);

/** The aggregations of a counter's values whose body is the counter's selector, with the counter's name. */
function countersAggregated(ast: PromqlAst): { aggregate: SyntaxNode; metric: string }[] {
  return ast.nodes('AggregateExpr').flatMap((aggregate) => {
    const op = aggregate.getChild('AggregateOp');
    if (op && valueBlind.has(ast.text(op).toLowerCase())) return [];
    const body = ast.arguments(aggregate).at(-1);
    const selector = body && selectorOf(ast, body);
    const metric = selector && ast.metricOf(selector);
    return metric && isCounterName(metric) ? [{ aggregate, metric }] : [];
  });
}

/** The vector selector whose values an aggregation's body passes on, through parentheses, `offset`, `@` and relabelling. */
function selectorOf(ast: PromqlAst, body: SyntaxNode): SyntaxNode | undefined {
  let node = ast.unwrap(body, wrappers);
  while (node.name === 'FunctionCall' && relabelling.has(ast.functionName(node))) {
    const [relabelled] = ast.arguments(node);
    if (!relabelled) return undefined;
    node = ast.unwrap(relabelled, wrappers);
  }
  return node.name === 'VectorSelector' ? node : undefined;
}
