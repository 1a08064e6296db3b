import type { AlertRuleIR, Labels, RouteIR, RoutingIR } from '../ir.ts';
import { labelKeys } from '../naming.ts';
import { matchesAll } from './matchers.ts';
import { walkRoutes } from './walk-routes.ts';

/** Alertmanager's defaults for the root route. */
export const routeDefaults = {
  groupBy: [] as readonly string[],
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
} as const;

/** A route with everything it inherits filled in. */
export interface ResolvedRoute {
  readonly route: RouteIR;
  /** From the root down to this route. */
  readonly ancestors: readonly RouteIR[];
  readonly receiver: string;
  readonly groupBy: readonly string[];
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
  readonly children: readonly ResolvedRoute[];
}

/**
 * Fills in inheritance the way Alertmanager does: receiver, grouping and timings come from the
 * parent unless the route sets them; time intervals and `continue` are the route's own.
 */
export function resolveTree(root: RouteIR): ResolvedRoute {
  const resolve = (route: RouteIR, parent: ResolvedRoute | undefined, ancestors: readonly RouteIR[]): ResolvedRoute => {
    const inherited = parent ?? { receiver: '', ...routeDefaults };
    const self = {
      route,
      ancestors,
      receiver: route.receiver ?? inherited.receiver,
      groupBy: route.groupBy ?? inherited.groupBy,
      groupWait: route.groupWait ?? inherited.groupWait,
      groupInterval: route.groupInterval ?? inherited.groupInterval,
      repeatInterval: route.repeatInterval ?? inherited.repeatInterval,
    };
    const children: ResolvedRoute[] = [];
    const resolved: ResolvedRoute = { ...self, children };
    for (const child of route.routes) children.push(resolve(child, resolved, [...ancestors, route]));
    return resolved;
  };
  return resolve(root, undefined, []);
}

/**
 * The routes an alert with these labels ends at, in tree order (Alertmanager's
 * `Route.Match`): depth first; a route whose matchers hold tries its children in order and
 * stops at the first that matches unless that child says `continue`; when no child matches,
 * the route itself is the match. The root has no matchers, so every alert ends somewhere.
 */
export function matchRoutes(tree: ResolvedRoute, labels: Labels, consulted?: Set<string>): ResolvedRoute[] {
  const visit = (node: ResolvedRoute): ResolvedRoute[] | undefined => {
    for (const m of node.route.matchers) consulted?.add(m.name);
    if (!matchesAll(node.route.matchers, labels)) return undefined;
    const found: ResolvedRoute[] = [];
    for (const child of node.children) {
      const matched = visit(child);
      if (matched) found.push(...matched);
      if (matched && !child.route.continue) break;
    }
    return found.length > 0 ? found : [node];
  };
  return visit(tree) ?? [];
}

/** Receiver names in the order Alertmanager notifies them, as `amtool config routes test` prints them. */
export function receiverNames(matched: readonly ResolvedRoute[]): string[] {
  return matched.map((m) => m.receiver);
}

/** Where one alert goes, and what the decision rested on. */
export interface AlertRouting {
  readonly matched: readonly ResolvedRoute[];
  /** Label names some matcher on the way read that the alert does not carry statically. */
  readonly unknownLabels: readonly string[];
}

/**
 * Routes an alert by the labels vigil knows statically. Labels its expression's result series
 * add at run time (`topic`, `consumergroup`, …) are unknown here and count as empty, as
 * Alertmanager counts a missing label; `unknownLabels` lists those a matcher consulted.
 */
export function routeAlert(tree: ResolvedRoute, labels: Labels): AlertRouting {
  const consulted = new Set<string>();
  const matched = matchRoutes(tree, labels, consulted);
  const unknownLabels = [...consulted].filter((name) => !(name in labels)).sort();
  return { matched, unknownLabels };
}

interface TreeRoutings {
  /** Every label name a matcher of the tree reads: all of an alert that can change where it goes. */
  readonly names: readonly string[];
  readonly byLabelValues: Map<string, AlertRouting>;
  readonly byAlert: WeakMap<AlertRuleIR, AlertRouting>;
}

const treeRoutings = new WeakMap<ResolvedRoute, TreeRoutings>();

/**
 * Where an alert goes by its static labels (see routeAlert), routed once per tree however many
 * ask, and once for all the alerts that agree on every label the tree's matchers read (thousands
 * of a team's alerts route alike).
 */
export function routeOfAlert(tree: ResolvedRoute, alert: AlertRuleIR): AlertRouting {
  let routings = treeRoutings.get(tree);
  if (!routings) treeRoutings.set(tree, (routings = { names: matcherNames(tree), byLabelValues: new Map(), byAlert: new WeakMap() }));
  let routing = routings.byAlert.get(alert);
  if (!routing) {
    // An absent label (null) and an empty one ('') are told apart: `unknownLabels` names the absent.
    const key = JSON.stringify(routings.names.map((name) => (name === 'alertname' ? alert.name : (alert.labels[name] ?? null))));
    routing = routings.byLabelValues.get(key);
    if (!routing) routings.byLabelValues.set(key, (routing = routeAlert(tree, alertLabelSet(alert))));
    routings.byAlert.set(alert, routing);
  }
  return routing;
}

function matcherNames(tree: ResolvedRoute): string[] {
  return [...new Set([...walkRoutes(tree.route)].flatMap((route) => route.matchers.map((m) => m.name)))].sort();
}

/** The routing's tree, resolved once per IR object. */
const trees = new WeakMap<RoutingIR, ResolvedRoute>();

export function routingTree(routing: RoutingIR): ResolvedRoute {
  let tree = trees.get(routing);
  if (!tree) {
    tree = resolveTree(routing.route);
    trees.set(routing, tree);
  }
  return tree;
}

/** Whether the route or one of its ancestors matches on the team label (names who owns the alert). */
export function isTeamRoute(node: ResolvedRoute): boolean {
  return [...node.ancestors, node.route].some((route) =>
    route.matchers.some((m) => m.name === labelKeys.team && (m.op === '=' || m.op === '=~')),
  );
}

/** The labels an alert reaches Alertmanager with, as far as vigil knows them: its name and static labels. */
export function alertLabelSet(alert: AlertRuleIR): Labels {
  return { ...alert.labels, alertname: alert.name };
}
