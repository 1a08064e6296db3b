import { errorAt, formatLocation, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { RuleIR } from '../../ir.ts';
import { allRules, rulePath, type ValidationRule } from '../rule.ts';

export const duplicateRule: ValidationRule = {
  id: 'duplicate-rule',
  description:
    'No two rules produce the same series: an alert name or recording-rule name is unique per service and label set.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    const seen = new Map<string, RuleIR>();
    for (const rule of allRules(ir)) {
      const key = `${rule.type}\u0000${rule.serviceId}\u0000${rule.name}\u0000${JSON.stringify(rule.labels)}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, rule);
        continue;
      }
      diagnostics.push(
        errorAt(this.id, rule.location, `${rulePath(rule)} is defined twice for service \`${rule.serviceId}\` with the same labels`, {
          path: rulePath(rule),
          hint: `the other one is at ${formatLocation(first.location)}; remove one, or tell them apart with a label`,
        }),
      );
    }
    return diagnostics;
  },
};
