import { createRequire } from 'node:module';
import { EditorState } from '@codemirror/state';
import { LRLanguage } from '@codemirror/language';
import { parser } from '@prometheus-io/lezer-promql';
import { rewriteLiterals } from './literals.ts';

/**
 * Checks PromQL with the Prometheus UI's own tooling: the lezer grammar finds syntax errors,
 * then codemirror-promql's analyzer (the UI's linter) checks types and arity, e.g.
 * `rate(foo)` → "expected type matrix in call to function "rate", got vector".
 */

export interface PromqlProblem {
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

interface Analyzer {
  analyze(): void;
  getDiagnostics(): { from: number; to: number; message: string; severity: string }[];
}

// The package ships its analyzer only as CommonJS (its ESM build uses extensionless imports).
const { Parser: UiAnalyzer } = createRequire(import.meta.url)(
  '@prometheus-io/codemirror-promql/dist/cjs/parser/parser.js',
) as { Parser: new (state: EditorState) => Analyzer };

const promqlLanguage = LRLanguage.define({ parser });

/** Expressions of the same shape (differing only inside string literals) share one verdict. */
const validShapes = new Set<string>();
const maxShapes = 10_000;

export function checkPromql(expr: string): PromqlProblem[] {
  const shape = shapeOf(expr);
  if (shape !== undefined && validShapes.has(shape)) return [];
  const problems = syntaxProblems(expr);
  if (problems.length === 0) problems.push(...typeProblems(expr));
  if (problems.length === 0 && shape !== undefined) {
    if (validShapes.size >= maxShapes) validShapes.clear();
    validShapes.add(shape);
  }
  return problems;
}

function syntaxProblems(expr: string): PromqlProblem[] {
  if (expr.trim() === '') return [{ from: 0, to: 0, message: 'empty expression' }];
  const tree = parser.parse(expr);
  let first: PromqlProblem | undefined;
  tree.iterate({
    enter(node) {
      if (first || !node.type.isError) return first ? false : undefined;
      first = describeSyntaxError(expr, node.from, node.to);
      return false;
    },
  });
  return first ? [first] : [];
}

function describeSyntaxError(expr: string, from: number, to: number): PromqlProblem {
  const rest = expr.slice(from).trimStart();
  if (rest === '') return { from: expr.length, to: expr.length, message: 'unexpected end of expression' };
  const start = expr.length - rest.length;
  const token = to > start ? expr.slice(start, to) : (/^\S+/.exec(rest)?.[0] ?? rest);
  return { from: start, to: Math.max(to, start + token.length), message: `unexpected \`${token}\`` };
}

function typeProblems(expr: string): PromqlProblem[] {
  const state = EditorState.create({ doc: expr, extensions: promqlLanguage });
  const analyzer = new UiAnalyzer(state);
  analyzer.analyze();
  return analyzer
    .getDiagnostics()
    .filter((d) => d.severity === 'error')
    .map((d) => ({ from: d.from, to: d.to, message: d.message }));
}

/** The expression with every string literal reduced to what matters for checking it (see shapeOfLiteral). */
export function shapeOf(expr: string): string | undefined {
  return rewriteLiterals(expr, shapeOfLiteral);
}

/**
 * A literal's content matters to the analyzer only through "is it empty": its one check on
 * values is that a selector has a matcher that cannot match the empty string, judged for `=`
 * and `!=` by emptiness and never for regex matchers (codemirror-promql's Matcher.matchesEmpty).
 * Nor does it look inside regular expressions.
 */
function shapeOfLiteral(content: string): string {
  return content === '' ? '' : 'x';
}
