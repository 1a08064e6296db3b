import type { BundleFile } from '../bundle.ts';
import type { ProjectIR, RuleGroupIR, RuleIR, ServiceIR } from '../ir.ts';
import { managedByLabels, objectName, paths } from '../naming.ts';
import { groupBy } from '../util/records.ts';

export type PrometheusRuleGroup = Record<string, unknown>;

export function ruleToObject(rule: RuleIR): Record<string, unknown> {
  if (rule.type === 'record') {
    return {
      record: rule.name,
      expr: rule.expr,
      labels: Object.keys(rule.labels).length > 0 ? rule.labels : undefined,
    };
  }
  return {
    alert: rule.name,
    expr: rule.expr,
    for: rule.for,
    keep_firing_for: rule.keepFiringFor,
    labels: rule.labels,
    annotations: rule.annotations,
  };
}

export function groupToObject(group: RuleGroupIR): PrometheusRuleGroup {
  return { name: group.name, interval: group.interval, rules: group.rules.map(ruleToObject) };
}

/**
 * Per service with rules: a PrometheusRule CRD (monitoring.coreos.com/v1) and the same
 * groups as a plain rule file for promtool, Thanos Ruler or the Mimir ruler.
 */
export function emitPrometheusRules(ir: ProjectIR): Map<string, BundleFile> {
  const files = new Map<string, BundleFile>();
  const groupsByService = groupBy(ir.ruleGroups, (g) => g.serviceId);
  for (const service of ir.services) {
    const groups = groupsByService.get(service.id);
    if (!groups) continue;
    const groupObjects = groups.map(groupToObject);
    files.set(paths.prometheusRule(service), { format: 'yaml', value: prometheusRuleObject(service, groupObjects, ir) });
    files.set(paths.ruleFile(service), { format: 'yaml', value: { groups: groupObjects } });
  }
  return files;
}

/** The service's PrometheusRule object, holding `groups`. */
export function prometheusRuleObject(service: ServiceIR, groups: readonly PrometheusRuleGroup[], ir: ProjectIR) {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: objectName(service),
      namespace: service.namespace,
      labels: { ...ir.config.prometheusRule.labels, ...managedByLabels },
    },
    spec: { groups },
  };
}
