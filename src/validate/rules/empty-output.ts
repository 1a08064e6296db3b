import { errorAt } from '../../diagnostics/diagnostic.ts';
import { servicePath, type ValidationRule } from '../rule.ts';

export const emptyOutput: ValidationRule = {
  id: 'empty-output',
  description: 'Every definition produces something: a service that is neither scraped nor owns a rule is a mistake.',
  check(ir) {
    const withRules = new Set(ir.ruleGroups.map((g) => g.serviceId));
    return ir.services
      .filter((service) => !service.scrape && !withRules.has(service.id))
      .map((service) =>
        errorAt(this.id, service.location, `service \`${service.id}\` produces nothing: it is not scraped and owns no rule`, {
          path: servicePath(service),
          hint: 'give it alerts or SLOs, set `scrape: true`, or remove it',
        }),
      );
  },
};
