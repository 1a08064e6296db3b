import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { AlertRuleIR } from '../../ir.ts';
import { type ResolvedRoute, routeOfAlert, routingTree } from '../../routing/evaluate.ts';
import { allAlerts, rulePath, type ValidationRule } from '../rule.ts';

export const criticalUnrouted: ValidationRule = {
  id: 'critical-unrouted',
  description:
    'Every critical alert reaches a person at any time: not only the default receiver (what no route claims), a receiver that sends nothing, or routes limited to time intervals.',
  check(ir) {
    const { routing } = ir;
    if (!routing) return [];
    const tree = routingTree(routing);
    const dropping = new Set(routing.receivers.filter((r) => r.type === 'discard').map((r) => r.name));
    const defaultReceiver = tree.receiver;
    const diagnostics: Diagnostic[] = [];
    for (const alert of allAlerts(ir)) {
      if (alert.severity !== 'critical') continue;
      const { matched, unknownLabels } = routeOfAlert(tree, alert);
      const reaching = matched.filter((m) => m.receiver !== defaultReceiver && !dropping.has(m.receiver));
      if (reaching.some((m) => !isTimeLimited(m))) continue;
      diagnostics.push(
        errorAt(this.id, alert.location, `critical ${describe(alert)} ${problem(matched, reaching, defaultReceiver, dropping)}`, {
          path: rulePath(alert),
          hint: hint(unknownLabels),
        }),
      );
    }
    return diagnostics;
  },
};

function isTimeLimited(route: ResolvedRoute): boolean {
  return route.route.activeTimeIntervals.length > 0 || route.route.muteTimeIntervals.length > 0;
}

function describe(alert: AlertRuleIR): string {
  return `alert \`${alert.name}\` of \`${alert.serviceId}\``;
}

function problem(matched: readonly ResolvedRoute[], reaching: readonly ResolvedRoute[], defaultReceiver: string, dropping: ReadonlySet<string>): string {
  if (reaching.length > 0) {
    const intervals = [...new Set(reaching.flatMap((m) => [...m.route.activeTimeIntervals, ...m.route.muteTimeIntervals]))];
    return `reaches \`${reaching.map((m) => m.receiver).join('`, `')}\` only as time intervals \`${intervals.join('`, `')}\` allow: at other times nobody is told`;
  }
  const names = [...new Set(matched.map((m) => m.receiver))];
  const parts = names.map((name) =>
    dropping.has(name) ? `\`${name}\`, which sends nothing` : name === defaultReceiver ? `\`${name}\`, the receiver of alerts no route claims` : `\`${name}\``,
  );
  return `reaches only ${parts.join(' and ')}: no route sends it to someone who acts on it`;
}

function hint(unknownLabels: readonly string[]): string {
  const base = 'route it to a pager, e.g. a route matching `{ severity: \'critical\' }` with `continue: true`; check the routes with `vigil routes`';
  if (unknownLabels.length === 0) return base;
  return `${base}. vigil routed it by its static labels: \`${unknownLabels.join('`, `')}\`, which routes match on, may come from its expression at run time`;
}
