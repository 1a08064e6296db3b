import { alert, type AlertDefinition, type AlertSeverity } from '../authoring/alert.ts';
import { template } from '../authoring/location.ts';
import type { ServiceDefinition } from '../authoring/service.ts';
import type { TrafficWatchDefinition } from '../authoring/watch.ts';
import type { Matchers } from '../promql/selector.ts';
import { percentText, promNumber, requireFraction, requireOptions } from './shared.ts';
import type { Instrumentation } from './traffic/instrumentation.ts';
import { checkedTrafficOptions } from './traffic/traffic-options.ts';
import { TrafficQueries } from './traffic/traffic-queries.ts';
import { trafficWatch } from './traffic/watch-traffic.ts';

export interface ErrorRateOptions {
  readonly service: ServiceDefinition;
  /** How the service counts requests. Default `prometheus` (`http_requests_total`, `code`). */
  readonly instrumentation?: Instrumentation;
  /** Fires when more than this share of requests fails (0.05 = 5%). */
  readonly maxErrorRatio: number;
  /** How long the share must stay above the bound, counting the rate window. Default `5m`. */
  readonly for?: string;
  /** Rate window. Default `2m`, or four of the service's scrape intervals when longer (`for` when shorter). */
  readonly window?: string;
  /** Below this many requests per second the alert stays silent: one failure at night is not an outage. Default 0.1. */
  readonly minRequestsPerSecond?: number;
  /** Default critical. */
  readonly severity?: AlertSeverity;
  /** Default `HTTPErrorRateHigh` (`GRPCErrorRateHigh` for gRPC). */
  readonly name?: string;
  /** Labels to alert per (e.g. `['route']`). Default: one alert for the service. */
  readonly by?: readonly string[];
  /** Narrows the requests counted (e.g. `{ route: not('/healthz') }`). */
  readonly matchers?: Matchers;
  readonly group?: string;
}

export interface ErrorRate {
  readonly alert: AlertDefinition;
  readonly watch: TrafficWatchDefinition;
}

/** The share of failed requests above a bound, with a minimum-traffic guard. */
export const errorRate = template(function errorRate(options: ErrorRateOptions): ErrorRate {
  requireOptions('errorRate()', options);
  const { service } = options;
  const { call, profile, kept, duration, window, pending } = checkedTrafficOptions('errorRate', options, (p) => Object.keys(p.failed));
  requireFraction(call, 'maxErrorRatio', options.maxErrorRatio);
  const minRate = options.minRequestsPerSecond ?? 0.1;
  const queries = new TrafficQueries(profile, { ...options.matchers, ...service.scrapeLabels });
  const percent = percentText(options.maxErrorRatio);
  const defined = alert({
    service,
    name: options.name ?? (profile.name === 'grpc' ? 'GRPCErrorRateHigh' : 'HTTPErrorRateHigh'),
    severity: options.severity ?? 'critical',
    ...(options.group ? { group: options.group } : {}),
    expr: [
      `(\n${queries.errorRatio(kept, window)}\n) > ${promNumber(options.maxErrorRatio)}`,
      `and on (${kept.join(', ')})`,
      `${queries.requestRate(kept, window)} >= ${promNumber(minRate)}`,
    ].join('\n'),
    ...(pending ? { for: pending } : {}),
    summary: `${service.name}: {{ $value | humanizePercentage }} of requests fail${kept.length ? ` (${kept.map((l) => `{{ $labels.${l} }}`).join(', ')})` : ''}`,
    description: `More than ${percent}% of requests to ${service.name} in ${service.namespace} have failed for ${duration}, at ${promNumber(minRate)} requests per second or more. Users see errors now.`,
  });
  return { alert: defined, watch: trafficWatch(service, profile, [defined.name], { maxErrorRatio: options.maxErrorRatio, minRequestsPerSecond: minRate }) };
});
