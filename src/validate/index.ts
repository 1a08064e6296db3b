import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ProjectIR } from '../ir.ts';
import { errorAt } from '../diagnostics/diagnostic.ts';
import { forgetParses, isLintRule, type ValidationRule } from './rule.ts';
import { alertmanagerVersion } from './rules/alertmanager-version.ts';
import { criticalUnrouted } from './rules/critical-unrouted.ts';
import { alertAbsentWithoutFor } from './rules/alert-absent-without-for.ts';
import { alertConflict } from './rules/alert-conflict.ts';
import { alertWithoutComparison } from './rules/alert-without-comparison.ts';
import { promqlRangeSingleSample } from './rules/promql-range-single-sample.ts';
import { promqlRangeTooShort } from './rules/promql-range-too-short.ts';
import { promqlRateOverGauge } from './rules/promql-rate-over-gauge.ts';
import { promqlRegexp } from './rules/promql-regexp.ts';
import { promqlSumOfCounter } from './rules/promql-sum-of-counter.ts';
import { recordName } from './rules/record-name.ts';
import { scrapeIntervalTooLong } from './rules/scrape-interval-too-long.ts';
import { unknownMetric } from './rules/unknown-metric.ts';
import { dashboardLayout } from './rules/dashboard-layout.ts';
import { dashboardPromql } from './rules/dashboard-promql.ts';
import { dashboardSize } from './rules/dashboard-size.ts';
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
import { prometheusRuleSize } from './rules/prometheus-rule-size.ts';
import { serviceSelector } from './rules/service-selector.ts';
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
  prometheusRuleSize,
  serviceSelector,
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
  dashboardSize,
  dashboardUnknownMetric,
  alertAbsentWithoutFor,
  alertConflict,
  alertWithoutComparison,
  promqlRangeSingleSample,
  promqlRangeTooShort,
  promqlRateOverGauge,
  promqlRegexp,
  promqlSumOfCounter,
  recordName,
  scrapeIntervalTooLong,
  unknownMetric,
];

/**
 * Runs every rule over the IR, at the severity the config gives each lint rule (`off` runs it
 * not at all); the caller sorts.
 */
export function validate(ir: ProjectIR, rules: readonly ValidationRule[] = validationRules): Diagnostic[] {
  const settings = ir.config.lint.rules;
  const diagnostics: Diagnostic[] = unknownLintSettings(ir, rules);
  for (const rule of rules) {
    const setting = isLintRule(rule) ? settings[rule.id] : undefined;
    if (setting === 'off') continue;
    const found = rule.check(ir);
    diagnostics.push(...(setting ? found.map((d) => ({ ...d, severity: setting })) : found));
  }
  forgetParses();
  return diagnostics;
}

function unknownLintSettings(ir: ProjectIR, rules: readonly ValidationRule[]): Diagnostic[] {
  const lintIds = rules.filter(isLintRule).map((r) => r.id);
  const diagnostics: Diagnostic[] = [];
  for (const [id, setting] of Object.entries(ir.config.lint.rules)) {
    const at = { path: `lint.rules.${id}` };
    if (!lintIds.includes(id)) {
      diagnostics.push(errorAt('config-invalid', ir.config.location, `\`lint.rules\` names \`${id}\`, which is not a lint rule`, { ...at, hint: `lint rules: ${lintIds.join(', ')}` }));
    } else if (!['off', 'info', 'warning', 'error'].includes(setting)) {
      diagnostics.push(errorAt('config-invalid', ir.config.location, `\`${String(setting)}\` is not a severity`, { ...at, hint: 'use off, info, warning or error' }));
    }
  }
  return diagnostics;
}
