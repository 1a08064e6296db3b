import type { SyntaxNode } from '@lezer/common';
import type { PromqlAst } from './ast.ts';
import type { PromqlProblem } from './check.ts';
import { matchesValue, regexProblem } from './label-matching.ts';
import { unquote } from './literals.ts';
import { matchOperators } from './parse-selector.ts';
import type { MatchOperator } from './selector.ts';

/**
 * What Prometheus refuses in regex label matchers, which the UI's analyzer does not read: a
 * regex RE2 cannot compile, and a selector without a metric name whose every matcher matches
 * the empty string (`{job=~".*"}`, which would select every series), a rule the analyzer
 * applies to `=` and `!=` alone.
 */
export function matcherProblems(ast: PromqlAst): PromqlProblem[] {
  const problems: PromqlProblem[] = [];
  for (const { selector, named, matchers } of ast.perShape('regex matchers', selectorsWithRegex)) {
    let matchesEverything = !named;
    for (const { node, op, literal } of matchers) {
      const value = unquote(ast.text(literal));
      const problem = value !== undefined && (op === '=~' || op === '!~') ? regexProblem(value) : undefined;
      if (problem) problems.push({ ...ast.span(node), message: `\`${ast.text(node)}\`: ${problem}` });
      if (value === undefined || problem || !matchesValue(op, value, '')) matchesEverything = false;
    }
    if (matchesEverything) {
      problems.push({ ...ast.span(selector), message: 'vector selector must contain at least one non-empty matcher: each of its matchers also matches a series without the label' });
    }
  }
  return problems;
}

interface MatcherNodes {
  readonly node: SyntaxNode;
  readonly op: MatchOperator;
  readonly literal: SyntaxNode;
}

/** The vector selectors with a regex matcher, whether they name a metric, and their matchers. */
function selectorsWithRegex(ast: PromqlAst): { selector: SyntaxNode; named: boolean; matchers: MatcherNodes[] }[] {
  return ast.nodes('VectorSelector').flatMap((selector) => {
    const list = selector.getChild('LabelMatchers');
    const matchers = ['UnquotedLabelMatcher', 'QuotedLabelMatcher'].flatMap((kind) => (list?.getChildren(kind) ?? []).flatMap(matcherNodes));
    if (!matchers.some((m) => m.op === '=~' || m.op === '!~')) return [];
    // A lone quoted name (`{"metric"}`) names the metric, as the identifier before the braces does.
    return [{ selector, named: selector.getChild('Identifier') !== null || list?.getChild('QuotedLabelName') != null, matchers }];
  });
}

function matcherNodes(node: SyntaxNode): MatcherNodes[] {
  const op = matchOperators[node.getChild('MatchOp')?.firstChild?.name ?? ''];
  const literal = node.getChild('StringLiteral');
  return op && literal ? [{ node, op, literal }] : [];
}
