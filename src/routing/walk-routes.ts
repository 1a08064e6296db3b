import type { RouteIR } from '../ir.ts';

/** Every route of the tree, root first, depth first in order. */
export function* walkRoutes(route: RouteIR): Generator<RouteIR> {
  yield route;
  for (const child of route.routes) yield* walkRoutes(child);
}

/** `routing`, or `routing > routes[1] > routes[0]`: where a route is, for diagnostics. */
export function routePath(route: RouteIR): string {
  return route.path === '' ? 'routing' : `routing > ${route.path}`;
}
