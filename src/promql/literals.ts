const stringLiteral = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`/g;
const quote = /["'`]/;

/** Where a string literal ends in the rewritten expression, and how much shorter it became there. */
export interface RewrittenLiteral {
  readonly endInRewritten: number;
  readonly shortenedBy: number;
}

/**
 * The expression with the content of every string literal rewritten by `rewrite`, and where the
 * literals are; undefined when it cannot be split into literals safely (an unterminated quote,
 * which only the full parse may judge; a comment, which could hide quotes). String contents never
 * change how PromQL parses, so expressions that differ only inside literals can share work keyed
 * on the rewritten text.
 */
export function splitLiterals(expr: string, rewrite: (content: string) => string): { rewritten: string; literals: RewrittenLiteral[] } | undefined {
  if (expr.includes('#')) return undefined;
  const pieces: string[] = [];
  const literals: RewrittenLiteral[] = [];
  let last = 0;
  let length = 0;
  for (const match of expr.matchAll(stringLiteral)) {
    const gap = expr.slice(last, match.index);
    if (quote.test(gap)) return undefined;
    const [literal] = match;
    const content = rewrite(literal.slice(1, -1));
    pieces.push(gap, literal[0]!, content, literal[0]!);
    length += gap.length + content.length + 2;
    literals.push({ endInRewritten: length, shortenedBy: literal.length - content.length - 2 });
    last = match.index + literal.length;
  }
  const rest = expr.slice(last);
  if (quote.test(rest)) return undefined;
  pieces.push(rest);
  return { rewritten: pieces.join(''), literals };
}

/** The expression with the content of every string literal rewritten by `rewrite` (see splitLiterals). */
export function rewriteLiterals(expr: string, rewrite: (content: string) => string): string | undefined {
  return splitLiterals(expr, rewrite)?.rewritten;
}
