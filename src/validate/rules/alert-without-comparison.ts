import type { SyntaxNode } from '@lezer/common';
import { comparisonNodes, type PromqlAst } from '../../promql/ast.ts';
import { lintAt, parsedAlerts, type LintRule, rulePath } from '../rule.ts';

const selective = new Set(['absent', 'absent_over_time']);
/** Nodes that pass their operand's series through as they are. */
const passThrough = new Set(['ParenExpr', 'OffsetExpr', 'StepInvariantExpr', 'SubqueryExpr', 'UnaryExpr']);

export const alertWithoutComparison: LintRule = {
  id: 'alert-without-comparison',
  description: 'An alert expression compares against something (or asks for absence): otherwise every series it returns fires.',
  severity: 'warning',
  why: 'An alert fires for every series its expression returns. `rate(errors_total[5m])` returns a series for every job, even at zero, so it fires all the time. Each side of an `or` returns its series, and `or` binds loosest: `sum(rate(errors_total[5m])) or vector(0) > 0.05` compares only `vector(0)`, and fires at zero errors. The right side of `unless` only silences the left one, so the left side needs its own comparison. An alert that must always fire (a heartbeat) says so with `vector(1)`.',
  valid: [
    { expr: 'rate(http_requests_total[5m]) > 1' },
    { expr: 'absent(up{job="checkout"})', for: '5m' },
    { expr: 'vector(1)' },
    { expr: '(sum(rate(http_requests_total{code=~"5.."}[5m])) or vector(0)) > 1' },
    { expr: 'rate(http_requests_total{code="500"}[5m]) > 1 unless on (job) maintenance == 1' },
    { expr: '(up{job="checkout"} == 0) * on (instance) group_left (node) (node_uptime_seconds > 600)' },
  ],
  invalid: [
    { expr: 'rate(http_requests_total{code="500"}[5m])' },
    { expr: 'up{job="checkout"} == bool 0' },
    { expr: 'sum(rate(http_requests_total{code=~"5.."}[5m])) or vector(0) > 1' },
    { expr: 'rate(http_requests_total{code="500"}[5m]) > 1 or rate(http_requests_total{code="503"}[5m])' },
    { expr: 'rate(http_requests_total{code="500"}[5m]) unless on (job) maintenance == 1' },
  ],
  check(ir) {
    return parsedAlerts(ir).flatMap(({ rule: alert, ast }) => {
      if (ast.broken || /^\s*vector\s*\(\s*[0-9.]+\s*\)\s*$/.test(alert.expr)) return [];
      const part = ast.perShape(this.id, unfilteredPart);
      if (!part) return [];
      const side = sideOf(part);
      const excerpt = { text: alert.expr, ...ast.span(part) };
      if (!side) {
        return [
          lintAt(this, alert.location, `alert "${alert.name}" has no comparison: it fires for every series the expression returns`, {
            path: `${rulePath(alert)} > expr`,
            excerpt,
            hint: 'add a threshold, e.g. `> 0.05`',
          }),
        ];
      }
      return [
        lintAt(this, alert.location, `alert "${alert.name}" fires for every series of \`${ast.text(part)}\`: ${side === 'or' ? 'that side of `or` has no comparison' : 'a comparison on the right of `unless` only silences it'}`, {
          path: `${rulePath(alert)} > expr`,
          excerpt,
          hint:
            side === 'or'
              ? '`or` binds loosest, so `a or vector(0) > 1` compares only `vector(0)`: compare each side, or put the `or` in parentheses before the comparison'
              : 'add a threshold to the left side of `unless`, e.g. `> 0.05`',
        }),
      ];
    });
  },
};

/**
 * The part of an expression whose series all fire, unfiltered by a comparison (without `bool`)
 * or a question of absence: the expression itself, a side of an `or` (which returns the series
 * of both), or the left side of an `unless`. Undefined when every series is filtered.
 */
function unfilteredPart(ast: PromqlAst): SyntaxNode | undefined {
  const [top] = childrenOf(ast.tree.topNode);
  return top ? unfiltered(ast, top) : undefined;
}

function unfiltered(ast: PromqlAst, node: SyntaxNode): SyntaxNode | undefined {
  if (passThrough.has(node.name)) {
    const operand = node.name === 'UnaryExpr' ? childrenOf(node).at(-1) : childrenOf(node)[0];
    return operand ? unfiltered(ast, operand) : node;
  }
  if (node.name === 'BinaryExpr') return unfilteredBinary(ast, node);
  if (node.name === 'FunctionCall' && selective.has(ast.functionName(node))) return undefined;
  if (node.name === 'FunctionCall' || node.name === 'AggregateExpr') return unfilteredOfAll(node, ast.arguments(node).map((argument) => unfiltered(ast, argument)));
  return node;
}

function unfilteredBinary(ast: PromqlAst, node: SyntaxNode): SyntaxNode | undefined {
  const [left, op, ...rest] = childrenOf(node);
  const right = rest.at(-1);
  if (!left || !op || !right) return node;
  if (comparisonNodes.has(op.name) && !node.getChild('BoolModifier')) return undefined;
  if (op.name === 'Or') return unfiltered(ast, left) ?? unfiltered(ast, right);
  if (op.name === 'Unless') return unfiltered(ast, left);
  // Arithmetic, `and` and `bool` comparisons return series only where both sides have them.
  return unfilteredOfAll(node, [unfiltered(ast, left), unfiltered(ast, right)]);
}

/** Unfiltered when every operand is: then a side of an `or` or `unless` among them, if any, else the whole node. */
function unfilteredOfAll(node: SyntaxNode, parts: (SyntaxNode | undefined)[]): SyntaxNode | undefined {
  if (parts.some((part) => part === undefined)) return undefined;
  return parts.find((part) => sideOf(part!) !== undefined) ?? node;
}

/** Whether the part is a side of an `or`, or the left side of an `unless`. */
function sideOf(part: SyntaxNode): 'or' | 'unless' | undefined {
  let side = part;
  let parent = part.parent;
  while (parent?.name === 'ParenExpr') {
    side = parent;
    parent = parent.parent;
  }
  if (parent?.name !== 'BinaryExpr') return undefined;
  const [left, op] = childrenOf(parent);
  if (op?.name === 'Or') return 'or';
  return op?.name === 'Unless' && left?.from === side.from ? 'unless' : undefined;
}

/** The children of a node but comments. */
function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const children: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (!child.type.isSkipped) children.push(child);
  return children;
}
