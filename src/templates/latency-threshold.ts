import { Decimal } from 'decimal.js';
import { alert, type AlertDefinition, type AlertSeverity } from '../authoring/alert.ts';
import { template } from '../authoring/location.ts';
import type { ServiceDefinition } from '../authoring/service.ts';
import type { TrafficWatchDefinition } from '../authoring/watch.ts';
import type { Matchers } from '../promql/selector.ts';
import { percentText, promNumber } from './shared.ts';
import type { Instrumentation } from './traffic/instrumentation.ts';
import { checkedTrafficOptions } from './traffic/traffic-options.ts';
import { TrafficQueries } from './traffic/traffic-queries.ts';
import { trafficWatch } from './traffic/watch-traffic.ts';

export interface LatencyThresholdOptions {
  readonly service: ServiceDefinition;
  readonly instrumentation?: Instrumentation;
  /** The quantile watched, 0–1. Default 0.95. */
  readonly quantile?: number;
  /** Fires when that quantile is slower than this. */
  readonly thresholdSeconds: number;
  /** Default `5m`. */
  readonly for?: string;
  readonly window?: string;
  /** Below this many requests per second the alert stays silent. Default 0.1. */
  readonly minRequestsPerSecond?: number;
  /** Default warning. */
  readonly severity?: AlertSeverity;
  /** Default `HTTPLatencyP95High` (from the quantile; `GRPCLatencyP95High` for gRPC). */
  readonly name?: string;
  readonly by?: readonly string[];
  readonly matchers?: Matchers;
  readonly group?: string;
}

export interface LatencyThreshold {
  readonly alert: AlertDefinition;
  readonly watch: TrafficWatchDefinition;
}

/** A latency quantile from the duration histogram above a bound, with a minimum-traffic guard. */
export const latencyThreshold = template(function latencyThreshold(options: LatencyThresholdOptions): LatencyThreshold {
  const { service } = options;
  const { profile, kept } = checkedTrafficOptions('latencyThreshold', options);
  const quantile = options.quantile ?? 0.95;
  const window = options.window ?? '5m';
  const forDuration = options.for ?? '5m';
  const minRate = options.minRequestsPerSecond ?? 0.1;
  const queries = new TrafficQueries(profile, { ...options.matchers, ...service.scrapeLabels });
  const percentile = `p${percentText(quantile)}`;
  const defined = alert({
    service,
    name: options.name ?? `${profile.name === 'grpc' ? 'GRPC' : 'HTTP'}Latency${percentile.toUpperCase().replace('.', '_')}High`,
    severity: options.severity ?? 'warning',
    ...(options.group ? { group: options.group } : {}),
    expr: [
      `${queries.latencyQuantile(promNumber(quantile), kept, window)} > ${promNumber(options.thresholdSeconds)}`,
      `and on (${kept.join(', ')})`,
      `${queries.measuredRate(kept, window)} >= ${promNumber(minRate)}`,
    ].join('\n'),
    for: forDuration,
    summary: `${service.name}: ${percentile} latency is {{ $value | humanizeDuration }}`,
    description: `The slowest ${percentText(new Decimal(1).minus(quantile).toNumber())}% of requests to ${service.name} in ${service.namespace} have taken longer than ${promNumber(options.thresholdSeconds)} s for ${forDuration}.`,
  });
  return {
    alert: defined,
    watch: trafficWatch(service, profile, [defined.name], { thresholdSeconds: options.thresholdSeconds, quantile, minRequestsPerSecond: minRate }),
  };
});
