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
/** Functions whose result is there when their argument's series are not. */
const absenceFunctions = new Set(['Absent', 'AbsentOverTime']);

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
 * threshold. Nor is a comparison that silences the alert when it holds: the right side of
 * `unless` (`x > 0.05 unless maintenance == 1`) or the argument of `absent`. Parsed with
 * lezer-promql; an expression that does not parse has none.
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
  const silencing: SyntaxNode[] = [];
  tree.iterate({
    enter(ref) {
      if (silencing.some((node) => ref.from >= node.from && ref.to <= node.to)) return false;
      if (ref.name === 'FunctionCall' && absenceFunctions.has(ref.node.firstChild?.firstChild?.name ?? '')) return false;
      if (ref.name !== 'BinaryExpr') return;
      const children = childrenOf(ref.node);
      if (children.some((c) => c.name === 'Unless')) silencing.push(children.at(-1)!);
      const condition = comparisonWithConstant(children);
      if (!condition) return;
      found.push(condition);
      return false;
    },
  });
  return found;
}

/** A filtering comparison of a non-constant against a constant, by the children of its BinaryExpr. */
function comparisonWithConstant(children: readonly SyntaxNode[]): ConditionSpan | undefined {
  const opIndex = children.findIndex((c) => c.name in comparisons);
  if (opIndex < 0 || children.some((c) => c.name === 'BoolModifier')) return undefined;
  const left = children[0]!;
  const right = children.at(-1)!;
  const op = comparisons[children[opIndex]!.name]!;
  const span = (n: SyntaxNode) => [n.from, n.to] as const;
  if (isConstant(right) && !isConstant(left)) return { query: span(left), op, threshold: span(right) };
  if (isConstant(left) && !isConstant(right)) return { query: span(right), op: flipped[op], threshold: span(left) };
  return undefined;
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
