import type { AlertDefinition } from '../authoring/alert.ts';
import type { RecordDefinition } from '../authoring/record.ts';
import { errorAt, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.ts';
import type { AlertRuleIR, ConfigIR, Labels, RecordingRuleIR, RuleGroupIR, RuleIR, ServiceIR, Severity } from '../ir.ts';
import {
  annotationKeys,
  DEFAULT_RULE_GROUP,
  labelKeys,
  reservedAlertLabels,
  reservedAnnotations,
  ruleGroupName,
  runbookUrl,
} from '../naming.ts';
import { compareKeys } from '../util/compare.ts';
import { flattenStrings } from '../util/flat.ts';
import { groupBy, sortedRecord } from '../util/records.ts';
import type { ServiceIndex } from './services.ts';

/** A rule with the service and group (suffix) it belongs to. */
export interface PlacedRule {
  readonly rule: RuleIR;
  readonly service: ServiceIR;
  readonly group: string;
  /** The group's own evaluation interval (generated groups only). */
  readonly interval?: string;
  /** Made by vigil in a deliberate order (dependencies first, windows by length): kept as is. */
  readonly generated?: boolean;
}

/** What an alert needs before vigil completes it with the service's labels and the standard annotations. */
export interface AlertFields {
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly keepFiringFor?: string;
  readonly severity: Severity;
  readonly labels?: Labels;
  readonly annotations?: Labels;
  readonly summary: string;
  readonly description: string;
  readonly location: SourceLocation;
}

/** Adds severity, team, namespace and service labels, and summary, description and runbook_url annotations. */
export function completeAlert(fields: AlertFields, service: ServiceIR, config: ConfigIR): AlertRuleIR {
  const labels = sortedRecord({
    ...service.labels,
    ...fields.labels,
    [labelKeys.severity]: fields.severity,
    [labelKeys.team]: service.team,
    [labelKeys.namespace]: service.namespace,
    [labelKeys.service]: service.name,
  });
  const annotations = sortedRecord({
    ...fields.annotations,
    [annotationKeys.summary]: fields.summary,
    [annotationKeys.description]: fields.description,
    [annotationKeys.runbookUrl]: runbookUrl(config.runbooks.baseUrl, fields.name),
  });
  const rule: AlertRuleIR = {
    type: 'alert',
    name: fields.name,
    expr: fields.expr,
    ...(fields.for === undefined ? {} : { for: fields.for }),
    ...(fields.keepFiringFor === undefined ? {} : { keepFiringFor: fields.keepFiringFor }),
    severity: fields.severity,
    labels,
    annotations,
    serviceId: service.id,
    location: fields.location,
  };
  flattenStrings(rule, 2);
  return rule;
}

export function normalizeAlert(
  definition: AlertDefinition,
  service: ServiceIR,
  config: ConfigIR,
  diagnostics: Diagnostic[],
): AlertRuleIR {
  const path = `alert "${definition.name}"`;
  for (const key of Object.keys(definition.annotations ?? {})) {
    if (reservedAnnotations.includes(key)) {
      diagnostics.push(
        errorAt('reserved-label', definition.location, `annotation \`${key}\` is set by vigil and cannot be overridden`, {
          path: `${path} > annotations`,
          hint: key === annotationKeys.runbookUrl ? 'write the runbook in the runbooks folder instead' : `use the \`${key}\` option`,
        }),
      );
    }
  }
  for (const key of Object.keys(definition.labels ?? {})) {
    if (reservedAlertLabels.includes(key)) {
      diagnostics.push(
        errorAt('reserved-label', definition.location, `label \`${key}\` is set by vigil and cannot be overridden`, {
          path: `${path} > labels`,
          hint:
            key === labelKeys.severity
              ? 'use the `severity` option'
              : `\`${key}\` comes from the service; change it there`,
        }),
      );
    }
  }
  return completeAlert(definition, service, config);
}

export function normalizeRecord(definition: RecordDefinition, service: ServiceIR): RecordingRuleIR {
  return {
    type: 'record',
    name: definition.name,
    expr: definition.expr,
    labels: sortedRecord(definition.labels),
    serviceId: service.id,
    location: definition.location,
  };
}

export function normalizeRules(
  alerts: readonly AlertDefinition[],
  records: readonly RecordDefinition[],
  services: ServiceIndex,
  config: ConfigIR,
  diagnostics: Diagnostic[],
  generated: readonly PlacedRule[] = [],
): RuleGroupIR[] {
  const placed: PlacedRule[] = [...generated];
  for (const definition of records) {
    const service = services.resolve(definition.service, definition.location, `record "${definition.name}" > service`);
    if (!service) continue;
    placed.push({ rule: normalizeRecord(definition, service), service, group: definition.group ?? DEFAULT_RULE_GROUP });
  }
  for (const definition of alerts) {
    const service = services.resolve(definition.service, definition.location, `alert "${definition.name}" > service`);
    if (!service) continue;
    placed.push({
      rule: normalizeAlert(definition, service, config, diagnostics),
      service,
      group: definition.group ?? DEFAULT_RULE_GROUP,
    });
  }
  const groups = groupBy(placed, (p) => `${p.service.id}\u0000${p.group}`);
  return [...groups.values()]
    .map((members) => {
      const { service, group, interval } = members[0]!;
      const rules = members.map((m) => m.rule);
      return {
        name: ruleGroupName(service, group),
        serviceId: service.id,
        ...(interval === undefined ? {} : { interval }),
        rules: members.every((m) => m.generated) ? rules : orderRules(rules),
      };
    })
    .sort((a, b) => compareKeys([a.serviceId, a.name], [b.serviceId, b.name]));
}

/**
 * Recordings first, each after the recordings it reads (rules of a group run in order, so an
 * alert or recording sees this evaluation's values), otherwise by name; then alerts by name,
 * severity and labels. The order never depends on the order definitions were made in.
 */
function orderRules(rules: readonly RuleIR[]): RuleIR[] {
  const recordings = orderRecordings(rules.filter((r): r is RecordingRuleIR => r.type === 'record'));
  const alerts = rules
    .filter((r): r is AlertRuleIR => r.type === 'alert')
    .map((rule) => ({ rule, key: [rule.name, severityOrder(rule.severity), JSON.stringify(rule.labels), rule.expr] }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((entry) => entry.rule);
  return [...recordings, ...alerts];
}

function orderRecordings(recordings: readonly RecordingRuleIR[]): RecordingRuleIR[] {
  const sorted = recordings
    .map((rule) => ({ rule, key: [rule.name, JSON.stringify(rule.labels), rule.expr] }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map((entry) => entry.rule);
  const names = new Set(sorted.map((r) => r.name));
  const reads = (rule: RecordingRuleIR, name: string) => name !== rule.name && readsMetric(rule.expr, name);
  const placed = new Set<RecordingRuleIR>();
  const ordered: RecordingRuleIR[] = [];
  const visiting = new Set<RecordingRuleIR>();
  const place = (rule: RecordingRuleIR) => {
    if (placed.has(rule) || visiting.has(rule)) return; // a cycle is left in name order
    visiting.add(rule);
    for (const name of names) {
      if (reads(rule, name)) for (const dependency of sorted) if (dependency.name === name) place(dependency);
    }
    visiting.delete(rule);
    placed.add(rule);
    ordered.push(rule);
  };
  sorted.forEach(place);
  return ordered;
}

/** Whether `expr` mentions the metric `name` as a whole identifier. */
function readsMetric(expr: string, name: string): boolean {
  let from = expr.indexOf(name);
  while (from !== -1) {
    const before = expr[from - 1];
    const after = expr[from + name.length];
    if (!isIdentifierChar(before) && !isIdentifierChar(after)) return true;
    from = expr.indexOf(name, from + 1);
  }
  return false;
}

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_:]/.test(c);
}

function severityOrder(severity: string): string {
  return String(['critical', 'warning', 'info', 'none'].indexOf(severity));
}
