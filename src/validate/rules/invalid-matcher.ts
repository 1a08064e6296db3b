import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { MatcherIR } from '../../ir.ts';
import { isValidLabelName } from '../../promql/selector.ts';
import { regexProblem } from '../../promql/label-matching.ts';
import { routePath, walkRoutes } from '../../routing/walk-routes.ts';
import type { ValidationRule } from '../rule.ts';

export const invalidMatcher: ValidationRule = {
  id: 'invalid-matcher',
  description: 'Route and inhibit-rule matchers name valid labels, and their regular expressions are valid RE2, as Alertmanager reads them.',
  check(ir) {
    const { routing } = ir;
    if (!routing) return [];
    const diagnostics: Diagnostic[] = [];
    const report = (message: string, path: string, hint?: string) =>
      diagnostics.push(errorAt(this.id, routing.location, message, hint === undefined ? { path } : { path, hint }));
    const checkMatchers = (matchers: readonly MatcherIR[], path: string) => {
      for (const m of matchers) {
        if (!isValidLabelName(m.name)) {
          report(`\`${m.name}\` is not a valid label name`, path, 'label names are letters, digits and `_`, not starting with a digit');
        }
        const problem = m.op === '=~' || m.op === '!~' ? regexProblem(m.value) : undefined;
        if (problem) report(`the regular expression for \`${m.name}\` is invalid: ${problem}`, path, 'Alertmanager uses RE2 syntax (no lookaround, no backreferences)');
      }
    };
    for (const route of walkRoutes(routing.route)) checkMatchers(route.matchers, `${routePath(route)} > matchers`);
    for (const rule of routing.inhibitRules) {
      checkMatchers(rule.source, `${rule.path} > source`);
      checkMatchers(rule.target, `${rule.path} > target`);
      for (const name of rule.equal) {
        if (!isValidLabelName(name)) report(`\`${name}\` is not a valid label name`, `${rule.path} > equal`);
      }
      if (rule.source.length === 0 || rule.target.length === 0) {
        report('an inhibit rule needs both source and target matchers', rule.path, 'with no matchers a side matches every alert');
      }
    }
    return diagnostics;
  },
};
