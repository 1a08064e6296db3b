import { Decimal } from 'decimal.js';
import { alert, type AlertDefinition, type AlertSeverity } from '../authoring/alert.ts';
import { template } from '../authoring/location.ts';
import type { ServiceDefinition } from '../authoring/service.ts';
import type { TrafficWatchDefinition } from '../authoring/watch.ts';
import { OptionsError } from '../authoring/options-error.ts';
import { bucketBoundaryProblem, leSpellings } from '../promql/histogram-buckets.ts';
import { oneOf, type Matchers, type MatchValue } from '../promql/selector.ts';
import { percentText, promNumber, requireFraction, requireOptions } from './shared.ts';
import type { Instrumentation, InstrumentationProfile } from './traffic/instrumentation.ts';
import { checkedTrafficOptions } from './traffic/traffic-options.ts';
import { TrafficQueries } from './traffic/traffic-queries.ts';
import { trafficWatch } from './traffic/watch-traffic.ts';

export interface LatencyThresholdOptions {
  readonly service: ServiceDefinition;
  readonly instrumentation?: Instrumentation;
  /** The quantile watched, 0–1. Default 0.95. */
  readonly quantile?: number;
  /** Fires when that quantile is slower than this: more than 1 − `quantile` of requests are. A bucket boundary. */
  readonly thresholdSeconds: number;
  /**
   * The duration histogram's finite bucket boundaries (its `le` values). Default the
   * instrumentation library's own (none for Micrometer, whose boundaries each application chooses).
   */
  readonly buckets?: readonly number[];
  /** How long the quantile must stay above the threshold, counting the rate window. Default `5m`. */
  readonly for?: string;
  /** Rate window. Default `2m`, or four of the service's scrape intervals when longer (`for` when shorter). */
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

/**
 * A latency quantile above a bound, with a minimum-traffic guard. The alert compares the share
 * of requests slower than the bound, read exactly at a bucket boundary, with 1 − quantile:
 * `histogram_quantile` would interpolate inside a bucket, and can never pass the highest finite
 * boundary.
 */
export const latencyThreshold = template(function latencyThreshold(options: LatencyThresholdOptions): LatencyThreshold {
  requireOptions('latencyThreshold()', options);
  const { service } = options;
  const { call, profile, kept, duration, window, pending } = checkedTrafficOptions('latencyThreshold', options, (p) => ['le', ...Object.keys(p.durationMatchers)]);
  const quantile = options.quantile ?? 0.95;
  requireFraction(call, 'quantile', quantile);
  const le = requireBucketBoundary(call, profile, options.thresholdSeconds, options.buckets);
  const minRate = options.minRequestsPerSecond ?? 0.1;
  const queries = new TrafficQueries(profile, { ...options.matchers, ...service.scrapeLabels });
  const percentile = `p${percentText(quantile)}`;
  const slowShare = new Decimal(1).minus(quantile).toNumber();
  const threshold = promNumber(options.thresholdSeconds);
  const defined = alert({
    service,
    name: options.name ?? `${profile.name === 'grpc' ? 'GRPC' : 'HTTP'}Latency${percentile.toUpperCase().replace('.', '_')}High`,
    severity: options.severity ?? 'warning',
    ...(options.group ? { group: options.group } : {}),
    expr: [
      `(\n${queries.slowShare(le, kept, window)}\n) > ${promNumber(slowShare)}`,
      `and on (${kept.join(', ')})`,
      `${queries.measuredRate(kept, window)} >= ${promNumber(minRate)}`,
    ].join('\n'),
    ...(pending ? { for: pending } : {}),
    summary: `${service.name}: ${percentile} latency is over ${threshold} s: {{ $value | humanizePercentage }} of requests take longer${kept.length ? ` (${kept.map((l) => `{{ $labels.${l} }}`).join(', ')})` : ''}`,
    description: `More than ${percentText(slowShare)}% of requests to ${service.name} in ${service.namespace} have taken longer than ${threshold} s for ${duration}.`,
  });
  return {
    alert: defined,
    watch: trafficWatch(service, profile, [defined.name], { thresholdSeconds: options.thresholdSeconds, quantile, minRequestsPerSecond: minRate }),
  };
});

/** The `le` matcher of the threshold's bucket, or an OptionsError when the histogram has no such boundary. */
function requireBucketBoundary(call: string, profile: InstrumentationProfile, threshold: unknown, buckets: readonly number[] | undefined): MatchValue {
  if (typeof threshold !== 'number' || !(threshold > 0) || !Number.isFinite(threshold)) {
    throw new OptionsError(`${call}: \`thresholdSeconds\` must be a number of seconds above 0, not ${JSON.stringify(threshold) ?? String(threshold)}`);
  }
  const boundaries = buckets ?? profile.defaultBuckets;
  if (boundaries === undefined) {
    throw new OptionsError(`${call}: \`buckets\` must list the bucket boundaries of \`${profile.durationBuckets}\`: ${profile.name} has no default ones`);
  }
  const problem = bucketBoundaryProblem(profile.durationBuckets, threshold, boundaries);
  if (problem) throw new OptionsError(`${call}: ${problem.message}${buckets ? '' : ` (${profile.name}'s default buckets; give \`buckets\` if the service declares others)`}: ${problem.hint}`);
  return oneOf(leSpellings(threshold));
}
