import type { SyntaxNode } from '@lezer/common';
import type { PromqlAst } from './ast.ts';
import type { PromqlProblem } from './check.ts';

/**
 * The functions and aggregations Prometheus marks experimental (promql/parser/functions.go and
 * the `limitk`/`limit_ratio` aggregations): it refuses them, and with them the whole rule file,
 * unless it runs with `--enable-feature=promql-experimental-functions`. The UI's grammar reads them all.
 */
const experimental = new Set([
  'double_exponential_smoothing',
  'first_over_time',
  'histogram_quantiles',
  'info',
  'integral',
  'limit_ratio',
  'limitk',
  'mad_over_time',
  'sort_by_label',
  'sort_by_label_desc',
  'ts_of_first_over_time',
  'ts_of_last_over_time',
  'ts_of_max_over_time',
  'ts_of_min_over_time',
]);

export function experimentalProblems(ast: PromqlAst): PromqlProblem[] {
  return ast.perShape('experimental', findProblems).map(({ node, name }) => ({
    ...ast.span(node),
    message: `\`${name}\` is experimental: Prometheus refuses it unless it runs with --enable-feature=promql-experimental-functions`,
  }));
}

function findProblems(ast: PromqlAst): { node: SyntaxNode; name: string }[] {
  const named = [...ast.nodes('FunctionIdentifier'), ...ast.nodes('AggregateOp')].map((node) => ({ node, name: ast.text(node).toLowerCase() }));
  return named.filter(({ name }) => experimental.has(name)).sort((a, b) => a.node.from - b.node.from);
}
