import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';

/** One comparison of an alert expression against a constant: `<query> > 0.05`. */
export interface ThresholdCondition {
  /** The measured side, as written: what to graph while diagnosing. */
  readonly query: string;
  /** The operator as read with the query on the left (`1 < x` reads as `x > 1`). */
  readonly op: '>' | '<' | '>=' | '<=' | '==' | '!=';
  /** The constant side, as written (`0.05`, `14.4 * 0.001`). */
  readonly threshold: string;
}

const comparisons: Record<string, ThresholdCondition['op']> = { Gtr: '>', Lss: '<', Gte: '>=', Lte: '<=', Eql: '==', Neq: '!=' };
const flipped: Record<ThresholdCondition['op'], ThresholdCondition['op']> = { '>': '<', '<': '>', '>=': '<=', '<=': '>=', '==': '==', '!=': '!=' };
const constantNodes = new Set(['NumberDurationLiteral', 'BinaryExpr', 'ParenExpr', 'UnaryExpr', 'UnaryOp', 'Add', 'Sub', 'Mul', 'Div', 'Mod', 'Pow']);

/**
 * The filtering comparisons against constants anywhere in an expression, in order: the
 * thresholds of an alert. `bool` comparisons do not filter and are skipped. Parsed with
 * lezer-promql; an expression that does not parse has none.
 */
export function thresholdConditions(expr: string): ThresholdCondition[] {
  const tree = parser.parse(expr);
  let broken = false;
  tree.iterate({ enter: (node) => void (node.type.isError && (broken = true)) });
  if (broken) return [];
  const found: ThresholdCondition[] = [];
  tree.iterate({
    enter(ref) {
      if (ref.name !== 'BinaryExpr') return;
      const node = ref.node;
      const children = childrenOf(node);
      const opIndex = children.findIndex((c) => c.name in comparisons);
      if (opIndex < 0 || children.some((c) => c.name === 'BoolModifier')) return;
      const left = children[0]!;
      const right = children.at(-1)!;
      const op = comparisons[children[opIndex]!.name]!;
      const text = (n: SyntaxNode) => expr.slice(n.from, n.to).trim();
      if (isConstant(right) && !isConstant(left)) found.push({ query: text(left), op, threshold: text(right) });
      else if (isConstant(left) && !isConstant(right)) found.push({ query: text(right), op: flipped[op], threshold: text(left) });
    },
  });
  return found;
}

function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

function isConstant(node: SyntaxNode): boolean {
  if (!constantNodes.has(node.name)) return false;
  if (node.name === 'BinaryExpr' && childrenOf(node).some((c) => c.name in comparisons)) return false;
  return childrenOf(node).every(isConstant);
}
