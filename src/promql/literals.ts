export const stringLiteral = /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`[^`]*`/g;

/**
 * The expression with the content of every string literal rewritten by `rewrite`, or undefined
 * when it cannot be split into literals safely (an unterminated quote, which only the full parse
 * may judge; a comment, which could hide quotes). String contents never change how PromQL
 * parses, so expressions that differ only inside literals can share work keyed on this.
 */
export function rewriteLiterals(expr: string, rewrite: (content: string) => string): string | undefined {
  if (expr.includes('#')) return undefined;
  const rewritten = expr.replace(stringLiteral, (literal) => literal[0] + rewrite(literal.slice(1, -1)) + literal[0]);
  return /["'`]/.test(rewritten.replace(stringLiteral, '')) ? undefined : rewritten;
}
