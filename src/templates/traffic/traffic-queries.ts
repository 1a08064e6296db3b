import { aggregateBy, quote, selector, type Matchers, type MatchValue } from '../../promql/selector.ts';
import type { InstrumentationProfile } from './instrumentation.ts';

/** PromQL over one service's requests, for any instrumentation profile. */
export class TrafficQueries {
  constructor(
    private readonly profile: InstrumentationProfile,
    /** The service's scrape labels plus any narrowing the caller asked for. */
    private readonly matchers: Matchers,
  ) {}

  private requests(failedOnly = false): string {
    return selector(this.profile.requests, failedOnly ? { ...this.matchers, ...this.profile.failed } : this.matchers);
  }

  requestRate(kept: readonly string[], window: string): string {
    return aggregateBy('sum', kept, `rate(${this.requests()}[${window}])`);
  }

  errorRatio(kept: readonly string[], window: string): string {
    return `${aggregateBy('sum', kept, `rate(${this.requests(true)}[${window}])`)}\n/\n${this.requestRate(kept, window)}`;
  }

  private durations(le?: MatchValue): string {
    return selector(this.profile.durationBuckets, { ...this.matchers, ...this.profile.durationMatchers, ...(le === undefined ? {} : { le }) });
  }

  /** Requests per second counted by the duration histogram itself (its `+Inf` bucket). */
  measuredRate(kept: readonly string[], window: string): string {
    return aggregateBy('sum', kept, `rate(${this.durations('+Inf')}[${window}])`);
  }

  /**
   * The share of requests slower than the bucket boundary `le` (exact, unlike an interpolated
   * quantile), among the series that have that bucket: while a rollout changes the boundaries,
   * the requests of a pod without it would otherwise all count as slow. The slow requests are
   * counted before dividing: `1 - fast / all` lands a rounding error above a share of exactly 5%.
   */
  slowShare(le: MatchValue, kept: readonly string[], window: string): string {
    const fast = `rate(${this.durations(le)}[${window}])`;
    const measured = aggregateBy('sum', kept, `rate(${this.durations('+Inf')}[${window}]) and ignoring (le) ${fast}`);
    return `(\n${measured}\n-\n${aggregateBy('sum', kept, fast)}\n)\n/\n${measured}`;
  }

  latencyQuantile(quantile: string, kept: readonly string[], window: string): string {
    return `histogram_quantile(${quantile}, ${aggregateBy('sum', ['le', ...kept], `rate(${this.durations()}[${window}])`)})`;
  }

  /** Renames the profile's route label to `route`, so dashboards read one name. */
  byRoute(expr: (kept: readonly string[]) => string): string {
    const label = this.profile.routeLabel;
    const inner = expr([label]);
    return label === 'route' ? inner : `label_replace(${inner}, "route", "$1", ${quote(label)}, "(.*)")`;
  }
}
