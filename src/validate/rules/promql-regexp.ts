import type { SyntaxNode } from '@lezer/common';
import type { PromqlAst } from '../../promql/ast.ts';
import { lintAt, parsedRules, type LintRule, rulePath } from '../rule.ts';

const metacharacters = /[.*+?()[\]{}|^$\\]/;

/** The value of a double- or single-quoted PromQL string literal; undefined for raw strings with escapes we do not read. */
function literalValue(literal: string): string | undefined {
  try {
    return literal.startsWith('"') ? (JSON.parse(literal) as string) : literal.startsWith('`') ? literal.slice(1, -1) : JSON.parse(`"${literal.slice(1, -1).replace(/"/g, '\\"')}"`);
  } catch {
    return undefined;
  }
}

export const promqlRegexp: LintRule = {
  id: 'promql-regexp',
  description: 'Regex matchers say something a plain matcher cannot: no regex without metacharacters, no `^`/`$` anchors (PromQL anchors every regex), no `=~".*"` that matches everything.',
  severity: 'warning',
  why: 'PromQL regexes are always fully anchored, so `^` and `$` are noise that suggests a partial match the reader will not get. A regex without metacharacters is an equality matcher written slower. `=~".*"` matches every series, including ones without the label: it filters nothing.',
  valid: [{ expr: 'up{job=~"checkout|cart"} == 0' }, { expr: 'up{job="checkout"} == 0' }, { expr: 'up{job=~"checkout-.+"} == 0' }],
  invalid: [{ expr: 'up{job=~"checkout"} == 0' }, { expr: 'up{job=~"^checkout$"} == 0' }, { expr: 'up{job="checkout",env=~".*"} == 0' }],
  check(ir) {
    return parsedRules(ir).flatMap(({ rule, ast }) => {
      if (!rule.expr.includes('=~') && !rule.expr.includes('!~')) return [];
      if (ast.broken) return [];
      return ast.perShape(this.id, regexMatchers).flatMap(({ matcher, op, literal }) => {
        const value = literalValue(ast.text(literal));
        if (value === undefined) return [];
        const problem =
          value === '.*'
            ? `\`${ast.text(matcher)}\` matches every series: it filters nothing`
            : !metacharacters.test(value)
              ? `\`${ast.text(matcher)}\` has no regex metacharacter: use \`${op === '=~' ? '=' : '!='}\``
              : /^\^|(?<!\\)\$$/.test(value)
                ? `\`${ast.text(matcher)}\` is anchored with ^ or $, which PromQL always does already`
                : undefined;
        if (!problem) return [];
        return [lintAt(this, rule.location, problem, { path: `${rulePath(rule)} > expr`, excerpt: { text: rule.expr, ...ast.span(matcher) } })];
      });
    });
  },
};

/** The label matchers by regex (`=~`, `!~`): which they are depends on the shape, their values on the literals. */
function regexMatchers(ast: PromqlAst): { matcher: SyntaxNode; op: string; literal: SyntaxNode }[] {
  return ['UnquotedLabelMatcher', 'QuotedLabelMatcher'].flatMap((kind) =>
    ast.nodes(kind).flatMap((matcher) => {
      const op = matcher.getChild('MatchOp');
      const literal = matcher.getChild('StringLiteral');
      const opText = op ? ast.text(op) : '';
      return literal && (opText === '=~' || opText === '!~') ? [{ matcher, op: opText, literal }] : [];
    }),
  );
}
