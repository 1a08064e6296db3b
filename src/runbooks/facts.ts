import type { InhibitRuleIR, Labels, MatcherIR, ProjectIR, ReceiverIR } from '../ir.ts';
import { labelKeys, reservedAlertLabels, runbookLink } from '../naming.ts';
import { alertmanagerMatcher, selector } from '../promql/selector.ts';
import { matchesAll } from '../routing/matchers.ts';
import { listedNames, listedRows, spelledOut, type RunbookContext, type RunbookInstance } from './context.ts';
import { code, codeBlock, heading, table } from './markdown.ts';

/**
 * A fact vigil knows about an alert, written as one Markdown block under its own `###`
 * heading, or undefined when it has nothing to say. Each runbook section lists its parts.
 */
export type RunbookPart = (context: RunbookContext) => string | undefined;

function where(instance: RunbookInstance): string {
  return `**${instance.service.name}** (${instance.service.namespace})`;
}

function otherLabels(labels: Labels): string {
  const extra = Object.entries(labels).filter(([key]) => !reservedAlertLabels.includes(key));
  return extra.map(([key, value]) => `${key}=${value}`).join(', ');
}

function uniqueBlocks(instances: readonly RunbookInstance[], block: (instance: RunbookInstance) => string): string[] {
  return [...new Set(instances.map(block))];
}

function condition(instance: RunbookInstance): string {
  const { conditions } = instance;
  return conditions.length === 0 ? 'any result' : [...new Set(conditions.map((c) => `${c.op} ${c.threshold}`))].join('; ');
}

/** The alert's definition: each instance with its labels, threshold and expression. */
export const definitionPart: RunbookPart = (context) => {
  const listed = listedRows(context.instances, "each one's rule is in its service's rule file (`prometheus/rules/<namespace>/<service>.yaml`)");
  const rows = listed.shown.map((i) => [
    i.service.name,
    i.service.namespace,
    i.service.team,
    i.alert.severity,
    i.alert.for ?? '0s',
    condition(i),
    otherLabels(i.alert.labels),
  ]);
  const { shown, rest } = spelledOut(context);
  // Instances that differ only in labels the rule sets (one per DLQ topic) read the same: each block once.
  const expressions = uniqueBlocks(shown,
    (i) => `${where(i)}, ${i.alert.severity}, fires when this returns a series${i.alert.for ? ` for ${i.alert.for}` : ''}:\n\n${codeBlock('promql', i.alert.expr)}`,
  );
  return [
    heading(3, 'Definition'),
    table(['service', 'namespace', 'team', 'severity', 'for', 'threshold', 'other labels'], rows),
    ...(listed.rest ? [listed.rest] : []),
    ...expressions,
    ...(rest ? [rest] : []),
  ].join('\n\n');
};

function describeReceiver(receiver: ReceiverIR | undefined, name: string): string {
  if (!receiver) return code(name);
  switch (receiver.type) {
    case 'slack':
      return `${code(name)} (Slack ${receiver.channel})`;
    case 'pagerduty':
      return `${code(name)} (PagerDuty)`;
    case 'email':
      return `${code(name)} (email to ${receiver.to})`;
    case 'webhook':
      return `${code(name)} (webhook)`;
    case 'msteams':
      return `${code(name)} (Microsoft Teams)`;
    case 'opsgenie':
      return `${code(name)} (Opsgenie)`;
    case 'discard':
      return `${code(name)} (sends nothing)`;
  }
}

function matcherList(matchers: readonly MatcherIR[]): string {
  return matchers.map((m) => code(alertmanagerMatcher(m.name, m.op, m.value))).join(', ');
}

function inhibitedBy(rules: readonly InhibitRuleIR[], labels: Labels): string {
  const muting = rules.filter((rule) => matchesAll(rule.target, labels));
  if (muting.length === 0) return '';
  return muting
    .map((rule) => `while an alert matching ${matcherList(rule.source)} fires${rule.equal.length > 0 ? ` with the same ${rule.equal.join(', ')}` : ''}`)
    .join('; ');
}

/** Where Alertmanager sends each instance, and what mutes it: vigil's own route evaluation. */
export const routingPart: RunbookPart = (context) => {
  const routing = context.ir.routing;
  if (!routing) return undefined;
  const listed = listedRows(context.instances, '`vigil routes test` with an alert\'s labels names its receivers');
  // Instances of one service and severity (one per DLQ topic, per SLO) differ only in these.
  const distinguished = listed.shown.some((i) => otherLabels(i.alert.labels) !== '');
  const rows = listed.shown.map((i) => {
    const names = [...new Set(i.routing!.matched.map((m) => m.receiver))];
    const labels = { ...i.alert.labels, alertname: i.alert.name };
    return [
      i.service.name,
      i.alert.severity,
      ...(distinguished ? [otherLabels(i.alert.labels)] : []),
      names.map((n) => describeReceiver(context.receivers.get(n), n)).join(', '),
      inhibitedBy(routing.inhibitRules, labels),
    ];
  });
  const unknown = [...new Set(context.instances.flatMap((i) => i.routing!.unknownLabels))];
  const note =
    unknown.length === 0
      ? []
      : [`Routed by the labels the rule sets. Routes also look at ${unknown.map(code).join(', ')}, which the alert gets from its expression's result, if at all: the receivers may differ for some series.`];
  return [heading(3, 'Who is notified'), table(['service', 'severity', ...(distinguished ? ['other labels'] : []), 'receivers', 'muted'], rows), ...(listed.rest ? [listed.rest] : []), ...note].join('\n\n');
};

/** The PromQL to run while diagnosing: what each instance measures, and which series fire now. */
export const queriesPart: RunbookPart = (context) => {
  const firing = selector('ALERTS', { alertname: context.alertName, alertstate: 'firing' });
  const { shown, rest } = spelledOut(context);
  const measured = uniqueBlocks(shown, (i) => {
    const { conditions } = i;
    if (conditions.length === 0) return `${where(i)}, the expression itself:\n\n${codeBlock('promql', i.alert.expr)}`;
    return conditions
      .map((c) => `${where(i)}, the measured value (the alert fires when it is ${code(`${c.op} ${c.threshold}`)}):\n\n${codeBlock('promql', c.query)}`)
      .join('\n\n');
  });
  return [heading(3, 'Queries'), `Which series fire now, with their labels:\n\n${codeBlock('promql', firing)}`, ...measured, ...(rest ? [rest] : [])].join('\n\n');
};

const relatedLinesOfServiceSets = new WeakMap<ProjectIR, Map<string, Map<string, string>>>();

/**
 * A list line per alert of these services, by alert name: its link, severities and services.
 * Made once per set of services, as most pages share theirs.
 */
function relatedLines(ir: ProjectIR, serviceIds: ReadonlySet<string>): Map<string, string> {
  let bySet = relatedLinesOfServiceSets.get(ir);
  if (!bySet) relatedLinesOfServiceSets.set(ir, (bySet = new Map()));
  const key = [...serviceIds].join('\u0000');
  let lines = bySet.get(key);
  if (!lines) {
    const alerts = new Map<string, { severities: Set<string>; services: Set<string> }>();
    for (const group of ir.ruleGroups) {
      if (!serviceIds.has(group.serviceId)) continue;
      for (const rule of group.rules) {
        if (rule.type !== 'alert') continue;
        const entry = alerts.get(rule.name) ?? { severities: new Set(), services: new Set() };
        entry.severities.add(rule.severity);
        entry.services.add(rule.labels[labelKeys.service]!);
        alerts.set(rule.name, entry);
      }
    }
    lines = new Map(
      [...alerts].map(([name, { severities, services }]) => [
        name,
        `- [${name}](${runbookLink(name)}) (${[...severities].sort().join(', ')}): ${listedNames([...services].sort())}`,
      ]),
    );
    bySet.set(key, lines);
  }
  return lines;
}

/** Other alerts of the same services: they often fire together and tell the story. */
export const relatedAlertsPart: RunbookPart = (context) => {
  const heartbeatName = context.ir.routing?.heartbeat?.alertName;
  if (context.alertName === heartbeatName) return undefined;
  const serviceIds = new Set(context.instances.map((i) => i.alert.serviceId));
  const lines = [...relatedLines(context.ir, serviceIds)].filter(([name]) => name !== context.alertName && name !== heartbeatName);
  if (lines.length === 0) return undefined;
  lines.sort(([a], [b]) => (a < b ? -1 : 1));
  return [heading(3, 'Related alerts'), lines.map(([, line]) => line).join('\n')].join('\n\n');
};
