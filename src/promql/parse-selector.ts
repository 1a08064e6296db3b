import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { shapeOf } from './check.ts';
import type { MatchOperator } from './selector.ts';

export interface ParsedMatcher {
  readonly name: string;
  readonly op: MatchOperator;
  readonly value: string;
}

export interface ParsedSelector {
  /** The metric name, from the identifier or a `__name__="..."` matcher; undefined if neither. */
  readonly metric?: string;
  /** Every matcher except an equality on `__name__`. */
  readonly matchers: readonly ParsedMatcher[];
}

const loneSelectorShapes = new Map<string, boolean>();

/** Whether the text is a lone vector selector; decided once per shape (literals do not matter). */
export function isLoneSelector(text: string): boolean {
  const shape = shapeOf(text);
  if (shape === undefined) return parseSelector(text) !== undefined;
  let verdict = loneSelectorShapes.get(shape);
  if (verdict === undefined) {
    verdict = parseSelector(text) !== undefined;
    loneSelectorShapes.set(shape, verdict);
  }
  return verdict;
}

/** Reads a lone vector selector (`metric{a="b",c=~"d"}`); undefined when the text is anything else. */
export function parseSelector(text: string): ParsedSelector | undefined {
  const tree = parser.parse(text);
  let hasError = false;
  tree.iterate({
    enter(node) {
      if (node.type.isError) hasError = true;
    },
  });
  const selector = tree.topNode.firstChild;
  if (hasError || !selector || selector.name !== 'VectorSelector' || selector.nextSibling) return undefined;

  const identifier = selector.getChild('Identifier');
  let metric = identifier ? text.slice(identifier.from, identifier.to) : undefined;
  const matchers: ParsedMatcher[] = [];
  for (const node of selector.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
    const matcher = readMatcher(node, text);
    if (!matcher) return undefined;
    if (matcher.name === '__name__' && matcher.op === '=') metric = matcher.value;
    else matchers.push(matcher);
  }
  return metric === undefined ? { matchers } : { metric, matchers };
}

const operators: Record<string, MatchOperator> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

function readMatcher(node: SyntaxNode, text: string): ParsedMatcher | undefined {
  const name = node.getChild('LabelName');
  const op = node.getChild('MatchOp')?.firstChild;
  const literal = node.getChild('StringLiteral');
  if (!name || !op || !literal) return undefined;
  const operator = operators[op.name];
  const value = unquote(text.slice(literal.from, literal.to));
  if (!operator || value === undefined) return undefined;
  return { name: text.slice(name.from, name.to), op: operator, value };
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
