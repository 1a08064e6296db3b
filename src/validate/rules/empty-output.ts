import { errorAt } from '../../diagnostics/diagnostic.ts';
import { servicePath, type ValidationRule } from '../rule.ts';

export const emptyOutput: ValidationRule = {
  id: 'empty-output',
  description: 'Every definition produces something: a project without services, or a service that is neither scraped nor owns a rule, is a mistake.',
  check(ir) {
    if (ir.services.length === 0) {
      // Built, it would empty the bundle: a GitOps tool that prunes would remove every rule.
      return [errorAt(this.id, ir.config.location, 'the project defines no service: the bundle would hold no rule and no ServiceMonitor', { hint: 'check `include` in the config and that the definition modules call service()' })];
    }
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
