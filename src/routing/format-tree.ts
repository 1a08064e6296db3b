import type { MatcherIR, RouteIR } from '../ir.ts';
import { alertmanagerMatcher } from '../promql/selector.ts';
import type { ResolvedRoute } from './evaluate.ts';

/** `{severity="critical",team=~"a|b"}`, as amtool prints a route's matchers. */
export function formatMatchers(matchers: readonly MatcherIR[]): string {
  return `{${matchers.map((m) => alertmanagerMatcher(m.name, m.op, m.value)).join(',')}}`;
}

function describe(node: ResolvedRoute, isRoot: boolean): string {
  const { route } = node;
  const parts = [isRoot ? 'default-route' : formatMatchers(route.matchers)];
  if (route.continue) parts.push('continue: true');
  parts.push(`receiver: ${node.receiver}`);
  if (route.groupBy) parts.push(`group_by: [${route.groupBy.join(', ')}]`);
  const timings = timingText(route);
  if (timings) parts.push(timings);
  if (route.activeTimeIntervals.length > 0) parts.push(`active: ${route.activeTimeIntervals.join(', ')}`);
  if (route.muteTimeIntervals.length > 0) parts.push(`muted: ${route.muteTimeIntervals.join(', ')}`);
  if (route.heartbeat) parts.push('(heartbeat)');
  return parts.join('  ');
}

function timingText(route: RouteIR): string | undefined {
  const set = [
    ['wait', route.groupWait],
    ['interval', route.groupInterval],
    ['repeat', route.repeatInterval],
  ].filter(([, value]) => value !== undefined);
  return set.length === 0 ? undefined : set.map(([name, value]) => `${name} ${value}`).join(', ');
}

/**
 * The route tree drawn like `amtool config routes`: one line per route with its matchers,
 * `continue`, receiver (inherited ones filled in), and what it sets besides. With `only`,
 * just the routes on the way to those matches (amtool's `--tree`).
 */
export function formatTree(tree: ResolvedRoute, only?: readonly ResolvedRoute[]): string[] {
  const keep = only && new Set(only.flatMap((m) => [...m.ancestors, m.route]));
  const lines = ['.'];
  const walk = (node: ResolvedRoute, prefix: string, last: boolean, isRoot: boolean) => {
    lines.push(`${prefix}${last ? '└── ' : '├── '}${describe(node, isRoot)}`);
    const children = node.children.filter((c) => !keep || keep.has(c.route));
    children.forEach((child, i) => walk(child, `${prefix}${last ? '    ' : '│   '}`, i === children.length - 1, false));
  };
  walk(tree, '', true, true);
  return lines;
}
