import { define, type DefinitionBase } from './definition.ts';
import type { AlertSeverity, ServiceRef } from './alert.ts';

/**
 * Series a test can feed to exercise an SLI, each written `metric{label="value"}`: those in
 * `good` count the good events, `bad` the bad ones, `all` both. vigil derives them for
 * `errorRatio` and `latency`; a raw ratio needs them to be tested.
 */
export interface SliSimulation {
  readonly good?: readonly string[];
  readonly bad?: readonly string[];
  readonly all?: readonly string[];
}

/** Errors over all events, from two counter selectors: vigil takes their rate over each window. */
export interface ErrorRatioSli {
  readonly kind: 'error-ratio';
  /** Counter of failed events, e.g. `http_requests_total{job="registry",code=~"5.."}`. */
  readonly errors: string;
  /** Counter of all events, e.g. `http_requests_total{job="registry"}`. */
  readonly total: string;
  readonly simulate?: SliSimulation;
}

/** Share of events slower than a threshold, from a classic histogram. */
export interface LatencySli {
  readonly kind: 'latency';
  /** Histogram base name (without `_bucket`), e.g. `http_request_duration_seconds`. */
  readonly histogram: string;
  /** Label matchers selecting the service's series, e.g. `{ job: 'registry', namespace: 'dsrs' }`. */
  readonly matchers?: Readonly<Record<string, string>>;
  /** Upper bound of a good event; must be one of `buckets`. */
  readonly thresholdSeconds: number;
  /** The histogram's finite bucket boundaries (`le` values), as the service declares them. */
  readonly buckets: readonly number[];
}

/** Any error-ratio expression; `{{window}}` is replaced by each window (`5m`, `1h`, ...). */
export interface RawRatioSli {
  readonly kind: 'raw';
  readonly errorRatio: string;
  readonly simulate?: SliSimulation;
}

export type Sli = ErrorRatioSli | LatencySli | RawRatioSli;

export function errorRatio(options: Omit<ErrorRatioSli, 'kind'>): ErrorRatioSli {
  return { kind: 'error-ratio', ...options };
}

export function latency(options: Omit<LatencySli, 'kind'>): LatencySli {
  return { kind: 'latency', ...options };
}

export function rawRatio(options: Omit<RawRatioSli, 'kind'>): RawRatioSli {
  return { kind: 'raw', ...options };
}

/** One multi-window condition: the burn rate exceeds `factor` over both windows. */
export interface BurnWindow {
  /** The window that measures the burn (`1h`). */
  readonly long: string;
  /** The window that makes the alert reset soon after recovery (`5m`); default long / 12. */
  readonly short?: string;
  /** Burn-rate factor (14.4 spends 2% of a 30-day budget in 1 hour). */
  readonly factor: number;
}

export interface TierOptions {
  /** The multi-window conditions, any of which fires the tier. Default: the SRE workbook's, scaled to the SLO window. */
  readonly windows?: readonly BurnWindow[];
  readonly for?: string;
  readonly keepFiringFor?: string;
  readonly severity?: AlertSeverity;
}

export interface SloAlerting {
  /** Fast burn (default critical: pages). `false` turns it off. */
  readonly page?: TierOptions | false;
  /** Slow burn (default warning: opens a ticket). `false` turns it off. */
  readonly ticket?: TierOptions | false;
  /** An alert when the SLI has had no data (default warning after 10m). `false` turns it off. */
  readonly noData?: { readonly for?: string; readonly severity?: AlertSeverity } | false;
  /** Burn alerts stay silent while fewer events than this arrive per second (over 5m), so one failed request at night does not page. */
  readonly minEventRate?: number;
}

export interface SloOptions {
  readonly service: ServiceRef;
  /** Short name, unique in the service: `availability`, `latency`. */
  readonly name: string;
  /** What the SLI measures, in words (shown in alerts, dashboards and runbooks). */
  readonly description?: string;
  /** Objective in percent of good events: 99.9. */
  readonly objective: number;
  /** Rolling window, a whole number of days or weeks. Default `30d`. */
  readonly window?: string;
  readonly sli: Sli;
  /** Keep the SLI per label (route, topic): one budget per value. */
  readonly by?: readonly string[];
  readonly alerting?: SloAlerting;
}

export interface SloDefinition extends DefinitionBase<'slo'>, SloOptions {}

/**
 * A service level objective. vigil records the SLI over the windows the alerts need, emits
 * multi-window multi-burn-rate alerts, and generates promtool tests that prove when they fire.
 */
export function slo(options: SloOptions): SloDefinition {
  return define('slo', { ...options });
}
