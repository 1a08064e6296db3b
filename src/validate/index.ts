import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ProjectIR } from '../ir.ts';
import type { ValidationRule } from './rule.ts';
import { alertmanagerVersion } from './rules/alertmanager-version.ts';
import { criticalUnrouted } from './rules/critical-unrouted.ts';
import { dashboardLayout } from './rules/dashboard-layout.ts';
import { dashboardPromql } from './rules/dashboard-promql.ts';
import { dashboardUnknownMetric } from './rules/dashboard-unknown-metric.ts';
import { duplicateRule } from './rules/duplicate-rule.ts';
import { emptyOutput } from './rules/empty-output.ts';
import { invalidDuration } from './rules/invalid-duration.ts';
import { invalidLabel } from './rules/invalid-label.ts';
import { invalidMatcher } from './rules/invalid-matcher.ts';
import { invalidRoute } from './rules/invalid-route.ts';
import { invalidTimeInterval } from './rules/invalid-time-interval.ts';
import { literalSecret } from './rules/literal-secret.ts';
import { invalidName } from './rules/invalid-name.ts';
import { missingAnnotation } from './rules/missing-annotation.ts';
import { promqlSyntax } from './rules/promql-syntax.ts';
import { sloHighCardinality } from './rules/slo-high-cardinality.ts';
import { runbookMissingMitigation } from './rules/runbook-missing-mitigation.ts';
import { runbookUnknownAlert } from './rules/runbook-unknown-alert.ts';
import { unclaimedAlert } from './rules/unclaimed-alert.ts';

export const validationRules: readonly ValidationRule[] = [
  duplicateRule,
  emptyOutput,
  invalidDuration,
  invalidLabel,
  invalidName,
  missingAnnotation,
  promqlSyntax,
  sloHighCardinality,
  alertmanagerVersion,
  criticalUnrouted,
  invalidMatcher,
  invalidRoute,
  invalidTimeInterval,
  literalSecret,
  runbookMissingMitigation,
  runbookUnknownAlert,
  unclaimedAlert,
  dashboardLayout,
  dashboardPromql,
  dashboardUnknownMetric,
];

/** Runs every rule over the IR; the caller sorts. */
export function validate(ir: ProjectIR, rules: readonly ValidationRule[] = validationRules): Diagnostic[] {
  return rules.flatMap((rule) => rule.check(ir));
}
