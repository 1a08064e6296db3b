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
  const literals: RewrittenLiteral[] = [];
  let rewritten = '';
  let last = 0;
  for (let i = 0; i < expr.length; i++) {
    const quote = expr.charCodeAt(i);
    if (quote !== DOUBLE && quote !== SINGLE && quote !== BACKTICK) continue;
    const end = literalEnd(expr, i, quote);
    if (end < 0) return undefined;
    const content = rewrite(expr.slice(i + 1, end - 1));
    rewritten += `${expr.slice(last, i)}${expr[i]}${content}${expr[i]}`;
    literals.push({ endInRewritten: rewritten.length, shortenedBy: end - i - 2 - content.length });
    last = end;
    i = end - 1;
  }
  return { rewritten: rewritten + expr.slice(last), literals };
}

const DOUBLE = 0x22;
const SINGLE = 0x27;
const BACKTICK = 0x60;
const BACKSLASH = 0x5c;
const NEWLINE = 0x0a;
/** Characters a backslash cannot escape in a PromQL quoted string (line terminators). */
const unescapable = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

/**
 * Just past the literal opening at `start`, or -1 when none closes there: a raw string runs to
 * the next backtick; a quoted one may not hold a newline, and a backslash escapes the next
 * character (but not a line terminator).
 */
function literalEnd(expr: string, start: number, quote: number): number {
  for (let i = start + 1; i < expr.length; i++) {
    const c = expr.charCodeAt(i);
    if (c === quote) return i + 1;
    if (quote === BACKTICK) continue;
    if (c === NEWLINE) return -1;
    if (c === BACKSLASH) {
      if (i + 1 >= expr.length || unescapable.has(expr.charCodeAt(i + 1))) return -1;
      i++;
    }
  }
  return -1;
}

/** The expression with the content of every string literal rewritten by `rewrite` (see splitLiterals). */
export function rewriteLiterals(expr: string, rewrite: (content: string) => string): string | undefined {
  return splitLiterals(expr, rewrite)?.rewritten;
}
