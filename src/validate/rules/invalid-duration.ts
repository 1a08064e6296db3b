import { errorAt, type Diagnostic, type SourceLocation } from '../../diagnostics/diagnostic.ts';
import { MAX_DURATION_MS, parseDuration } from '../../util/duration.ts';
import { allRules, rulePath, servicePath, type ValidationRule } from '../rule.ts';

const hint = 'write a Prometheus duration: a whole number with a unit, largest first, like `30s`, `5m`, `1h30m`, `30d`';

export const invalidDuration: ValidationRule = {
  id: 'invalid-duration',
  description: 'Durations (`for`, `keepFiringFor`, scrape intervals) are Prometheus durations no longer than it can hold, and scrape intervals are not zero.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    const checkOne = (value: string | undefined, location: SourceLocation, path: string, allowZero: boolean) => {
      if (value === undefined) return;
      const ms = parseDuration(value);
      if (ms === undefined) {
        diagnostics.push(errorAt(this.id, location, `\`${value}\` is not a duration`, { path, hint }));
      } else if (ms === 0 && !allowZero) {
        diagnostics.push(errorAt(this.id, location, `\`${value}\` must be longer than zero`, { path }));
      } else if (ms > MAX_DURATION_MS) {
        diagnostics.push(errorAt(this.id, location, `\`${value}\` is longer than Prometheus can hold (about 292 years)`, { path }));
      }
    };
    for (const service of ir.services) {
      checkOne(service.interval, service.location, `${servicePath(service)} > interval`, false);
    }
    for (const rule of allRules(ir)) {
      if (rule.type !== 'alert') continue;
      checkOne(rule.for, rule.location, `${rulePath(rule)} > for`, true);
      checkOne(rule.keepFiringFor, rule.location, `${rulePath(rule)} > keepFiringFor`, true);
    }
    return diagnostics;
  },
};
