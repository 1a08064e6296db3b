/**
 * Where each string literal ends in the rewritten expression and how much shorter it became
 * there, in pairs: `[end, shortenedBy, end, shortenedBy, ...]`. One array of numbers rather than
 * an object per literal: every expression's list lives while lint rules read it, and an
 * expression holds a score of literals.
 */
export type RewrittenLiterals = readonly number[];

/**
 * The expression with the content of every string literal rewritten by `rewrite`, and where the
 * literals are; undefined when it cannot be split into literals safely (an unterminated quote,
 * which only the full parse may judge; a comment, which could hide quotes). String contents never
 * change how PromQL parses, so expressions that differ only inside literals can share work keyed
 * on the rewritten text.
 */
export function splitLiterals(expr: string, rewrite: (content: string) => string): { rewritten: string; literals: RewrittenLiterals } | undefined {
  if (expr.includes('#')) return undefined;
  const literals: number[] = [];
  const next = new NextQuotes(expr);
  let rewritten = '';
  let last = 0;
  for (let i = next.after(0); i >= 0; i = next.after(last)) {
    const end = literalEnd(expr, i);
    if (end < 0) return undefined;
    const content = rewrite(expr.slice(i + 1, end - 1));
    rewritten += `${expr.slice(last, i)}${expr[i]}${content}${expr[i]}`;
    literals.push(rewritten.length, end - i - 2 - content.length);
    last = end;
  }
  return { rewritten: rewritten + expr.slice(last), literals };
}

/**
 * Where the next quote of any kind stands, found by the engine's `indexOf` (a scan per kind of
 * quote, each resumed only once passed) rather than by reading the expression a character at a time.
 */
class NextQuotes {
  private readonly next = [-1, -1, -1];

  constructor(private readonly expr: string) {
    for (let kind = 0; kind < quotes.length; kind++) this.next[kind] = expr.indexOf(quotes[kind]!);
  }

  /** The first quote at or after `from`, or -1. */
  after(from: number): number {
    let first = -1;
    for (let kind = 0; kind < quotes.length; kind++) {
      let at = this.next[kind]!;
      if (at >= 0 && at < from) this.next[kind] = at = this.expr.indexOf(quotes[kind]!, from);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    }
    return first;
  }
}

const quotes = ['"', "'", '`'];
const BACKSLASH = 0x5c;
/** Characters a backslash cannot escape in a PromQL quoted string (line terminators). */
const unescapable = new Set([0x0a, 0x0d, 0x2028, 0x2029]);

/**
 * Just past the literal opening at `start`, or -1 when none closes there: a raw string runs to
 * the next backtick; a quoted one may not hold a newline, and a backslash escapes the next
 * character (but not a line terminator).
 */
function literalEnd(expr: string, start: number): number {
  const quote = expr[start]!;
  const close = expr.indexOf(quote, start + 1);
  if (quote === '`' || close < 0) return close < 0 ? -1 : close + 1;
  const newline = expr.indexOf('\n', start + 1);
  const backslash = expr.indexOf('\\', start + 1);
  // Most literals hold neither: the first matching quote closes them.
  if ((newline < 0 || newline > close) && (backslash < 0 || backslash > close)) return close + 1;
  for (let i = start + 1; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === quote) return i + 1;
    if (c === '\n') return -1;
    if (c === '\\') {
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

/** The expression with every string literal reduced to whether it is empty (`"x"` or `""`): what decides how it parses. */
export function shapeOf(expr: string): string | undefined {
  return rewriteLiterals(expr, (content) => (content === '' ? '' : 'x'));
}

const simpleEscapes: Record<string, string> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

/** The value of a PromQL string literal (Go quoting rules), or undefined when malformed. */
export function unquote(literal: string): string | undefined {
  const quoteChar = literal[0];
  if (literal.length < 2 || literal.at(-1) !== quoteChar) return undefined;
  const body = literal.slice(1, -1);
  if (quoteChar === '`') return body;
  if (quoteChar !== '"' && quoteChar !== "'") return undefined;
  let malformed = false;
  const value = body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/gs, (_, escape: string) => {
    if (escape.length === 1) {
      const simple = simpleEscapes[escape];
      if (simple === undefined) malformed = true;
      return simple ?? '';
    }
    const code = escape[0] === 'x' || escape[0] === 'u' || escape[0] === 'U' ? parseInt(escape.slice(1), 16) : parseInt(escape, 8);
    return String.fromCodePoint(code);
  });
  return malformed ? undefined : value;
}
