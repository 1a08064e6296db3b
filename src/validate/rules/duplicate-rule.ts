import { errorAt, formatLocation, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { RuleIR } from '../../ir.ts';
import { sameEntries } from '../../util/records.ts';
import { allRules, rulePath, type ValidationRule } from '../rule.ts';

export const duplicateRule: ValidationRule = {
  id: 'duplicate-rule',
  description:
    'No two rules produce the same series: an alert name or recording-rule name is unique per service and label set.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    // By name, then service: maps keyed by strings the rules already hold, no key built per rule.
    const seen = new Map<string, Map<string, RuleIR[]>>();
    for (const rule of allRules(ir)) {
      let byService = seen.get(rule.name);
      if (!byService) seen.set(rule.name, (byService = new Map()));
      const named = byService.get(rule.serviceId);
      const first = named?.find((other) => other.type === rule.type && sameEntries(other.labels, rule.labels));
      if (!first) {
        if (named) named.push(rule);
        else byService.set(rule.serviceId, [rule]);
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
