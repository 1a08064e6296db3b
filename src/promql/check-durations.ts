import type { SyntaxNode } from '@lezer/common';
import { MAX_DURATION_MS, parseDuration } from '../util/duration.ts';
import type { PromqlAst } from './ast.ts';
import type { PromqlProblem } from './check.ts';

/**
 * Durations as Prometheus's own parser takes them in a range, a subquery and an offset: one
 * duration with a unit (an offset may be negative), longer than zero and no longer than Go's
 * int64 nanoseconds hold. The UI's grammar also reads numbers without a unit and arithmetic
 * (`[1m+1m]`, `step()`), which Prometheus refuses unless it runs the experimental
 * `promql-duration-expr` feature.
 */
export function durationProblems(ast: PromqlAst): PromqlProblem[] {
  return ast.perShape('durations', findProblems).map(({ node, message }) => ({ ...ast.span(node), message }));
}

const durationNodes = ['DurationExpr', 'OffsetDurationExpr'];

function findProblems(ast: PromqlAst): { node: SyntaxNode; message: string }[] {
  return durationNodes.flatMap((name) =>
    ast.nodes(name).flatMap((node) => {
      if (node.parent && durationNodes.includes(node.parent.name)) return [];
      const literal = literalOf(ast, node);
      const message = problemOf(ast.text(literal ?? node), literal !== undefined);
      return message ? [{ node: literal ?? node, message }] : [];
    }),
  );
}

function problemOf(text: string, isLiteral: boolean): string | undefined {
  if (!isLiteral) return `\`${text}\` is an expression, not a duration: Prometheus reads arithmetic and functions in durations only with its experimental feature promql-duration-expr; write one duration, like \`5m\``;
  const ms = text === '0' ? undefined : parseDuration(text);
  if (ms === undefined) return `\`${text}\` is not a duration: write a whole number with a unit, like \`30s\` or \`5m\``;
  if (ms === 0) return `the duration \`${text}\` must be longer than zero`;
  if (ms > MAX_DURATION_MS) return `the duration \`${text}\` is longer than Prometheus can hold (about 292 years)`;
  return undefined;
}

/** The duration literal a duration node is, `-` before it allowed in an offset; undefined for arithmetic. */
function literalOf(ast: PromqlAst, node: SyntaxNode): SyntaxNode | undefined {
  let inner: SyntaxNode | null = node;
  const sign = node.firstChild;
  if (node.name === 'OffsetDurationExpr' && sign?.name === 'UnaryOp' && ast.text(sign) === '-') inner = node.getChild('OffsetDurationExpr');
  const only = inner?.firstChild;
  return only?.name === 'NumberDurationLiteralInDurationContext' && !only.nextSibling ? only : undefined;
}
