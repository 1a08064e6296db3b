import { compressDuration } from './compress.ts';

interface Route {
  receiver?: string;
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  mute_time_intervals?: string[];
  active_time_intervals?: string[];
  routes?: Route[];
  [key: string]: unknown;
}

interface AlertmanagerConfig {
  global?: { resolve_timeout?: string; [key: string]: unknown };
  route: Route;
  receivers: { name: string; [key: string]: unknown }[];
  [key: string]: unknown;
}

/** Alertmanager's defaults for the root route, which the compressed copy must spell out. */
const rootDefaults = { group_wait: '30s', group_interval: '5m', repeat_interval: '4h' };
const timingKeys = ['group_wait', 'group_interval', 'repeat_interval'] as const;

export interface DrillAlertmanagerConfig {
  readonly config: AlertmanagerConfig;
  /** What the copy changed beyond receivers and timings, for the report. */
  readonly dropped: string[];
}

/**
 * The generated alertmanager.yml for the drill: the same route tree and inhibit rules, every
 * receiver a webhook to the local sink (so no page leaves the machine), timings compressed, and
 * time intervals dropped (the drill must not depend on the hour it runs at).
 */
export function drillAlertmanagerConfig(generated: AlertmanagerConfig, sinkUrl: string, factor: number): DrillAlertmanagerConfig {
  const dropped: string[] = [];
  const route = (node: Route, isRoot: boolean): Route => {
    const copy: Route = { ...node };
    for (const key of timingKeys) {
      const value = node[key] ?? (isRoot ? rootDefaults[key] : undefined);
      if (value !== undefined) copy[key] = compressDuration(value, factor);
    }
    for (const key of ['mute_time_intervals', 'active_time_intervals'] as const) {
      if (node[key]) {
        dropped.push(`${key} ${node[key].join(', ')} on the route to ${node.receiver ?? 'its parent receiver'}`);
        delete copy[key];
      }
    }
    if (node.routes) copy.routes = node.routes.map((child) => route(child, false));
    return copy;
  };
  const { time_intervals: _t, mute_time_intervals: _m, templates: _templates, global, ...rest } = generated;
  return {
    config: {
      ...rest,
      global: { resolve_timeout: compressDuration(global?.resolve_timeout ?? '5m', factor) },
      route: route(generated.route, true),
      // A receiver with no integration (a null receiver) stays silent, as in production.
      receivers: generated.receivers.map(({ name, ...integrations }) =>
        Object.keys(integrations).length === 0 ? { name } : { name, webhook_configs: [{ url: `${sinkUrl}/${encodeURIComponent(name)}`, send_resolved: true }] },
      ),
    },
    dropped,
  };
}
