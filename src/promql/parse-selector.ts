import { parser } from '@prometheus-io/lezer-promql';
import type { SyntaxNode } from '@lezer/common';
import { shapeOf, unquote } from './literals.ts';
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

/** A label matcher's operator by the name of its MatchOp node. */
export const matchOperators: Readonly<Record<string, MatchOperator>> = { EqlSingle: '=', Neq: '!=', EqlRegex: '=~', NeqRegex: '!~' };

function readMatcher(node: SyntaxNode, text: string): ParsedMatcher | undefined {
  const name = node.getChild('LabelName');
  const op = node.getChild('MatchOp')?.firstChild;
  const literal = node.getChild('StringLiteral');
  if (!name || !op || !literal) return undefined;
  const operator = matchOperators[op.name];
  const value = unquote(text.slice(literal.from, literal.to));
  if (!operator || value === undefined) return undefined;
  return { name: text.slice(name.from, name.to), op: operator, value };
}
