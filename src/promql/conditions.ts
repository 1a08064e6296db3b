import type { SyntaxNode } from '@lezer/common';
import { parser } from '@prometheus-io/lezer-promql';
import { rewriteLiterals } from './literals.ts';

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

/** A condition by position in its expression. */
interface ConditionSpan {
  readonly query: readonly [number, number];
  readonly op: ThresholdCondition['op'];
  readonly threshold: readonly [number, number];
}

/**
 * Spans by the expression's shape: its literals blanked to the same length. Expressions that
 * differ only inside string literals (the same template on many services) parse once.
 */
const spansByShape = new Map<string, readonly ConditionSpan[]>();
const maxShapes = 10_000;

/**
 * The filtering comparisons against constants in an expression, in order: the thresholds of an
 * alert. `bool` comparisons do not filter and are skipped, and so is a comparison inside the
 * measured side of another: it picks the series measured (`sum(x >= 0) > 1000`), it is no
 * threshold. Parsed with lezer-promql; an expression that does not parse has none.
 */
export function thresholdConditions(expr: string): ThresholdCondition[] {
  const shape = rewriteLiterals(expr, (content) => 'x'.repeat(content.length));
  let spans = shape === undefined ? undefined : spansByShape.get(shape);
  if (!spans) {
    spans = conditionSpans(shape ?? expr);
    if (shape !== undefined) {
      if (spansByShape.size >= maxShapes) spansByShape.clear();
      spansByShape.set(shape, spans);
    }
  }
  const text = ([from, to]: readonly [number, number]) => expr.slice(from, to).trim();
  return spans.map((span) => ({ query: text(span.query), op: span.op, threshold: text(span.threshold) }));
}

function conditionSpans(expr: string): ConditionSpan[] {
  const tree = parser.parse(expr);
  let broken = false;
  tree.iterate({ enter: (node) => void (node.type.isError && (broken = true)) });
  if (broken) return [];
  const found: ConditionSpan[] = [];
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
      const span = (n: SyntaxNode) => [n.from, n.to] as const;
      if (isConstant(right) && !isConstant(left)) found.push({ query: span(left), op, threshold: span(right) });
      else if (isConstant(left) && !isConstant(right)) found.push({ query: span(right), op: flipped[op], threshold: span(left) });
      else return;
      return false;
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
