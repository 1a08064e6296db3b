import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { AlertRuleIR, ProjectIR, RuleIR, ServiceIR } from '../ir.ts';

/** One validation rule: one file, one id (also its diagnostic code). */
export interface ValidationRule {
  readonly id: string;
  /** What it checks, one sentence. */
  readonly description: string;
  check(ir: ProjectIR): Diagnostic[];
}

/** `alert "X"` or `record "x:y:z"`: the diagnostic path prefix naming a rule. */
export function rulePath(rule: RuleIR): string {
  return rule.type === 'alert' ? `alert "${rule.name}"` : `record "${rule.name}"`;
}

export function servicePath(service: ServiceIR): string {
  return `service "${service.name}"`;
}

export function* allRules(ir: ProjectIR): Generator<RuleIR> {
  for (const group of ir.ruleGroups) yield* group.rules;
}

export function* allAlerts(ir: ProjectIR): Generator<AlertRuleIR> {
  for (const rule of allRules(ir)) if (rule.type === 'alert') yield rule;
}
