import { createRequire } from 'node:module';
import { EditorState } from '@codemirror/state';
import { LRLanguage } from '@codemirror/language';
import { parser } from '@prometheus-io/lezer-promql';
import { PromqlAst } from './ast.ts';
import { durationProblems } from './check-durations.ts';
import { experimentalProblems } from './check-experimental.ts';
import { matcherProblems } from './check-matchers.ts';
import { modifierProblems } from './check-modifiers.ts';

/**
 * Checks PromQL with the Prometheus UI's own tooling: the lezer grammar finds syntax errors,
 * then codemirror-promql's analyzer (the UI's linter) checks types and arity, e.g.
 * `rate(foo)` → "expected type matrix in call to function "rate", got vector". What Prometheus's
 * own parser refuses beyond them is checked after: durations, where a range, `offset` and `@`
 * may go, experimental functions, and regex label matchers.
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

export function checkPromql(expr: string): PromqlProblem[] {
  return promqlProblems(new PromqlAst(expr));
}

/**
 * The problems of a parsed expression. All but the regex matchers' depend only on its shape
 * and which literals are empty (the analyzer judges a literal by that alone), so expressions
 * alike in both share one verdict when it finds nothing.
 */
export function promqlProblems(ast: PromqlAst): PromqlProblem[] {
  const valid = ast.perShape(`valid ${ast.literalEmptiness()}`, () => shapeProblems(ast).length === 0);
  return valid ? matcherProblems(ast) : shapeProblems(ast);
}

function shapeProblems(ast: PromqlAst): PromqlProblem[] {
  if (ast.expr.trim() === '') return [{ from: 0, to: 0, message: 'empty expression' }];
  if (ast.broken) return syntaxProblems(ast.expr);
  const durations = durationProblems(ast);
  if (durations.length > 0) return durations;
  const modifiers = modifierProblems(ast);
  if (modifiers.length > 0) return modifiers;
  const experimental = experimentalProblems(ast);
  return experimental.length > 0 ? experimental : typeProblems(ast.expr);
}

function syntaxProblems(expr: string): PromqlProblem[] {
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
