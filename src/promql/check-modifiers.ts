import type { SyntaxNode } from '@lezer/common';
import type { PromqlAst } from './ast.ts';
import type { PromqlProblem } from './check.ts';

/**
 * Where Prometheus's own parser takes a range, `offset` and `@`, which the UI's grammar reads
 * anywhere: a range only right after a vector selector (`x offset 5m [1m]` and `(x)[5m]` are
 * refused), and `offset` and `@` only after a selector or a subquery, each at most once
 * (`sum(rate(x[5m])) offset 1w` is refused: the offset belongs inside, `rate(x[5m] offset 1w)`).
 */
export function modifierProblems(ast: PromqlAst): PromqlProblem[] {
  return ast.perShape('modifiers', findProblems).map(({ from, to, message }) => ({ ...ast.span(from), to: ast.span(to).to, message }));
}

const modifierWords: Record<string, string> = { OffsetExpr: 'offset', StepInvariantExpr: '@' };
const modifiable = new Set(['VectorSelector', 'MatrixSelector', 'SubqueryExpr']);
const operators = new Set(['BinaryExpr', 'UnaryExpr']);

interface Problem {
  readonly from: SyntaxNode;
  readonly to: SyntaxNode;
  readonly message: string;
}

function findProblems(ast: PromqlAst): Problem[] {
  return [...rangeProblems(ast), ...Object.keys(modifierWords).flatMap((kind) => ast.nodes(kind).flatMap((node) => modifierProblem(ast, node)))];
}

function rangeProblems(ast: PromqlAst): Problem[] {
  return ast.nodes('MatrixSelector').flatMap((matrix) => {
    const selected = matrix.firstChild;
    if (!selected || selected.name === 'VectorSelector') return [];
    const word = modifierWords[selected.name];
    const message = word
      ? `no ${word} modifiers allowed before range: write the range first, as in \`x[5m] ${word === '@' ? '@ end()' : 'offset 1h'}\``
      : 'ranges only allowed for vector selectors: for a range of an expression use a subquery, as in `(x)[5m:]`';
    return [{ from: matrix, to: matrix, message }];
  });
}

/** An `offset` or `@` on something else than a selector or a subquery, or given twice. */
function modifierProblem(ast: PromqlAst, modified: SyntaxNode): Problem[] {
  const word = modifierWords[modified.name]!;
  // The caret goes under this modifier: from its keyword to its end.
  const keyword = modified.firstChild?.nextSibling ?? modified;
  let inner = modified.firstChild;
  while (inner && (inner.name in modifierWords || operators.has(inner.name))) {
    if (inner.name === modified.name) return [{ from: keyword, to: modified, message: `${word === '@' ? '@ <timestamp>' : 'offset'} may not be set multiple times` }];
    // The other modifier may come between the two (`x @ 100 offset 5m`); after an operator the
    // grammar hangs the modifier on the whole operation, where Prometheus binds it to the last operand.
    inner = inner.name in modifierWords ? inner.firstChild : inner.lastChild;
  }
  if (inner && modifiable.has(inner.name)) return [];
  return [
    {
      from: keyword,
      to: modified,
      // Durations and timestamps are no string literals: the text is the same for every expression of the shape.
      message: `${word} modifier must be preceded by an instant vector selector or range vector selector or a subquery: move \`${ast.expr.slice(ast.span(keyword).from, ast.span(modified).to)}\` inside, next to the selector it applies to`,
    },
  ];
}
