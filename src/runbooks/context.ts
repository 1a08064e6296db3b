import type { AlertRuleIR, ProjectIR, ReceiverIR, ServiceIR, WrittenRunbookIR } from '../ir.ts';
import { thresholdConditions, type ThresholdCondition } from '../promql/conditions.ts';
import { type AlertRouting, routeOfAlert, routingTree } from '../routing/evaluate.ts';
import { compareStrings } from '../util/compare.ts';
import { groupBy } from '../util/records.ts';

/** One alert rule carrying the page's alert name: several services may share a name. */
export interface RunbookInstance {
  readonly alert: AlertRuleIR;
  readonly service: ServiceIR;
  /** The comparisons of its expression against constants: its thresholds. */
  readonly conditions: readonly ThresholdCondition[];
  /** Where Alertmanager sends it; undefined when the project has no routing. */
  readonly routing?: AlertRouting | undefined;
}

/** Everything a runbook page is made from. */
export interface RunbookContext {
  readonly alertName: string;
  /** Sorted by service, then severity. */
  readonly instances: readonly RunbookInstance[];
  readonly written?: WrittenRunbookIR;
  readonly ir: ProjectIR;
  readonly receivers: ReadonlyMap<string, ReceiverIR>;
}

/**
 * Past this many instances a page spells out the PromQL of the first ones only and points at
 * the rule files for the rest: an organisation's runbook must stay a page a person can read.
 */
const maxInstancesSpelledOut = 20;

/** The instances whose expressions a page writes out, and a sentence for the ones it leaves to the rule files. */
export function spelledOut(context: RunbookContext): { readonly shown: readonly RunbookInstance[]; readonly rest?: string } {
  const shown = context.instances.slice(0, maxInstancesSpelledOut);
  const omitted = context.instances.length - shown.length;
  if (omitted === 0) return { shown };
  return {
    shown,
    rest: `The ${omitted} other instances follow the same pattern; each one's expression is in its service's rule file (\`prometheus/rules/<namespace>/<service>.yaml\`).`,
  };
}

/** Past this many, a page's tables and lists show the first ones and say how many more there are. */
const maxListed = 100;

/** The first rows of a table a page shows, and a sentence for the rest saying where to look. */
export function listedRows<Row>(rows: readonly Row[], whereToLook: string): { readonly shown: readonly Row[]; readonly rest?: string } {
  if (rows.length <= maxListed) return { shown: rows };
  return { shown: rows.slice(0, maxListed), rest: `${rows.length - maxListed} more instances are not listed here: ${whereToLook}.` };
}

/** Names joined with commas, the first ones only past the limit: `a, b, c and 3234 more`. */
export function listedNames(names: readonly string[]): string {
  if (names.length <= maxListed) return names.join(', ');
  return `${names.slice(0, maxListed).join(', ')} and ${names.length - maxListed} more`;
}

const severityRank: Record<string, string> = { critical: '0', warning: '1', info: '2' };

/**
 * By service, then severity; alerts alike in both by their labels, written out only then and
 * once per alert (a service's burn-rate alerts tie on both, in every comparison between them).
 */
function instanceOrder(): (a: AlertRuleIR, b: AlertRuleIR) => number {
  const labelsText = new Map<AlertRuleIR, string>();
  const textOf = (alert: AlertRuleIR) => {
    let text = labelsText.get(alert);
    if (text === undefined) labelsText.set(alert, (text = JSON.stringify(alert.labels)));
    return text;
  };
  return (a, b) =>
    compareStrings(a.serviceId, b.serviceId) ||
    compareStrings(severityRank[a.severity] ?? a.severity, severityRank[b.severity] ?? b.severity) ||
    compareStrings(textOf(a), textOf(b));
}

class Instance implements RunbookInstance {
  constructor(
    readonly alert: AlertRuleIR,
    readonly service: ServiceIR,
    readonly routing: AlertRouting | undefined,
  ) {}

  // Only the instances a page spells out read their thresholds.
  get conditions(): readonly ThresholdCondition[] {
    return thresholdConditions(this.alert.expr);
  }
}

/** One context per alert name, sorted by name. */
export function runbookContexts(ir: ProjectIR): RunbookContext[] {
  const services = new Map(ir.services.map((s) => [s.id, s]));
  const written = new Map(ir.writtenRunbooks.map((r) => [r.alertName, r]));
  const receivers = new Map((ir.routing?.receivers ?? []).map((r) => [r.name, r]));
  const tree = ir.routing && routingTree(ir.routing);
  const alerts = ir.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertRuleIR => r.type === 'alert');
  return [...groupBy(alerts, (a) => a.name)]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([alertName, group]) => ({
      alertName,
      instances: group
        .sort(instanceOrder())
        .map((alert) => new Instance(alert, services.get(alert.serviceId)!, tree && routeOfAlert(tree, alert))),
      ...(written.has(alertName) ? { written: written.get(alertName)! } : {}),
      ir,
      receivers,
    }));
}
