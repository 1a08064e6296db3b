import { errorAt } from '../../diagnostics/diagnostic.ts';
import { checkPromql } from '../../promql/check.ts';
import { allRules, rulePath, type ValidationRule } from '../rule.ts';

export const promqlSyntax: ValidationRule = {
  id: 'promql-syntax',
  description: 'Every expression parses as PromQL and is well typed (the Prometheus UI parser and analyzer).',
  check(ir) {
    return [...allRules(ir)].flatMap((rule) =>
      checkPromql(rule.expr).map((problem) =>
        errorAt(this.id, rule.location, `invalid PromQL in ${rulePath(rule)}: ${problem.message}`, {
          path: `${rulePath(rule)} > expr`,
          excerpt: { text: rule.expr, from: problem.from, to: problem.to },
        }),
      ),
    );
  },
};
