import { warningAt } from '../../diagnostics/diagnostic.ts';
import { labelKeys } from '../../naming.ts';
import type { Labels } from '../../ir.ts';
import { alertLabelSet, isTeamRoute, type ResolvedRoute, routeOfAlert, routingTree } from '../../routing/evaluate.ts';
import { formatMatchers } from '../../routing/format-tree.ts';
import { matchesAll } from '../../routing/matchers.ts';
import { allAlerts, rulePath, type ValidationRule } from '../rule.ts';

export const unclaimedAlert: ValidationRule = {
  id: 'unclaimed-alert',
  description:
    "Every alert is claimed by a route that names its team (or deliberately dropped, or the heartbeat's route): an alert no team route claims lands with whoever reads the default receiver.",
  check(ir) {
    const { routing } = ir;
    if (!routing) return [];
    const tree = routingTree(routing);
    const dropping = new Set(routing.receivers.filter((r) => r.type === 'discard').map((r) => r.name));
    const claims = (m: ResolvedRoute) => isTeamRoute(m) || m.route.heartbeat === true || (m.route !== tree.route && dropping.has(m.receiver));
    return allAlerts(ir).flatMap((alert) => {
      const { matched } = routeOfAlert(tree, alert);
      if (matched.some(claims)) return [];
      const team = alert.labels[labelKeys.team];
      return [
        warningAt(
          this.id,
          alert.location,
          `alert \`${alert.name}\` of \`${alert.serviceId}\` (team \`${team}\`) is claimed by no team route: it goes to \`${[...new Set(matched.map((m) => m.receiver))].join('`, `')}\``,
          { path: rulePath(alert), hint: unclaimedHint(tree, alertLabelSet(alert), matched, team) },
        ),
      ];
    });
  },
};

/**
 * A team route that would claim the alert but comes after a route that takes it first needs
 * that route to continue, not another team route.
 */
function unclaimedHint(tree: ResolvedRoute, labels: Labels, matched: readonly ResolvedRoute[], team: string | undefined): string {
  const skipped = teamRoutesFor(tree, labels)[0];
  if (!skipped) return `add a route matching \`{ team: '${team}' }\` (with teamRouting, add \`${team}\` to \`teams\`)`;
  const taken = matched.map((m) => `\`${formatMatchers(m.route.matchers)}\``).join(', ');
  return `the route \`${formatMatchers(skipped.route.matchers)}\` would claim it, but ${taken} comes first and takes it: give that route \`continue: true\`, or move it after the team's route`;
}

function teamRoutesFor(node: ResolvedRoute, labels: Labels): ResolvedRoute[] {
  if (!matchesAll(node.route.matchers, labels)) return [];
  const below = node.children.flatMap((child) => teamRoutesFor(child, labels));
  return isTeamRoute(node) ? [node, ...below] : below;
}
