import { aggregateBy, quote, selector, type Matchers } from '../../promql/selector.ts';
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

  /** Requests per second counted by the duration histogram itself (its `+Inf` bucket). */
  measuredRate(kept: readonly string[], window: string): string {
    return aggregateBy('sum', kept, `rate(${selector(this.profile.durationBuckets, { ...this.matchers, le: '+Inf' })}[${window}])`);
  }

  latencyQuantile(quantile: string, kept: readonly string[], window: string): string {
    return `histogram_quantile(${quantile}, ${aggregateBy('sum', ['le', ...kept], `rate(${selector(this.profile.durationBuckets, this.matchers)}[${window}])`)})`;
  }

  /** Renames the profile's route label to `route`, so dashboards read one name. */
  byRoute(expr: (kept: readonly string[]) => string): string {
    const label = this.profile.routeLabel;
    const inner = expr([label]);
    return label === 'route' ? inner : `label_replace(${inner}, "route", "$1", ${quote(label)}, "(.*)")`;
  }
}
