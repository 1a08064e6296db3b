import { OptionsError } from '../../authoring/options-error.ts';
import type { ServiceDefinition } from '../../authoring/service.ts';
import { reservedAlertLabels } from '../../naming.ts';
import { serviceDefaults } from '../../normalize/services.ts';
import type { Matchers } from '../../promql/selector.ts';
import { formatDuration, MINUTE, parseDuration } from '../../util/duration.ts';
import { requireLabelNames, requireOneOf, requireService } from '../shared.ts';
import { instrumentationProfiles, type Instrumentation, type InstrumentationProfile } from './instrumentation.ts';

interface TrafficOptions {
  readonly service: ServiceDefinition;
  readonly instrumentation?: Instrumentation;
  readonly by?: readonly string[];
  readonly matchers?: Matchers;
  readonly for?: string;
  readonly window?: string;
}

export interface CheckedTrafficOptions {
  readonly call: string;
  readonly profile: InstrumentationProfile;
  /** The labels alerted by. */
  readonly kept: readonly string[];
  /** How long the condition must hold, the rate window included (`for`, default 5m). */
  readonly duration: string;
  /** The rate window (`window`, default 2m or four scrape intervals if longer, or `duration` if shorter). */
  readonly window: string;
  /** The rule's own `for`: the duration beyond the window, or undefined when the window is all of it. */
  readonly pending: string | undefined;
}

const DEFAULT_DURATION = '5m';
const DEFAULT_WINDOW_MS = 2 * MINUTE;
/** A rate window holds this many scrapes, so that one missed scrape neither empties it nor restarts the `for`. */
const SCRAPES_PER_WINDOW = 4;

/**
 * What every request-traffic template checks first (definitions are loaded without type checks),
 * each refused in the template's words: a service, a known instrumentation, the labels to alert
 * by and to narrow by, none of which may be one the alert sets itself (`reserved`, or the
 * service's scrape labels), and the durations.
 *
 * `for` counts the rate window: "above the bound for 5 minutes" is a 2m rate that stays above it
 * for 3 more, not a 5m average that must then hold for another 5 (which pages a sustained problem
 * after nearly 10 minutes, and a short outage after it is over).
 */
export function checkedTrafficOptions(
  template: string,
  options: TrafficOptions,
  reserved: (profile: InstrumentationProfile) => readonly string[],
): CheckedTrafficOptions {
  const call = `${template}(${JSON.stringify((options.service as { name?: unknown } | undefined)?.name) ?? ''})`;
  requireService(call, options.service);
  const profile = requireOneOf(call, 'instrumentation', options.instrumentation ?? 'prometheus', instrumentationProfiles);
  const kept = options.by ?? [];
  requireLabelNames(call, 'by', kept);
  const own = reserved(profile);
  const keptOwn = kept.find((label) => own.includes(label));
  if (keptOwn !== undefined) throw new OptionsError(`${call}: \`by\` holds \`${keptOwn}\`, the label the alert itself matches on; alerting by it would compare each value with itself`);
  const keptLabelled = kept.find((label) => reservedAlertLabels.includes(label) || Object.hasOwn(options.service.labels ?? {}, label));
  if (keptLabelled !== undefined) {
    throw new OptionsError(
      `${call}: \`by\` holds \`${keptLabelled}\`, a label the alert sets itself: its value replaces the series' own, so two values (the Prometheus Operator labels \`service\` with the Kubernetes Service's name) become one label set and Prometheus evaluates nothing; alert by a label vigil does not set, such as \`route\``,
    );
  }
  const narrowed = Object.keys(options.matchers ?? {}).find((label) => own.includes(label) || Object.hasOwn(options.service.scrapeLabels, label));
  if (narrowed !== undefined) throw new OptionsError(`${call}: \`matchers\` sets \`${narrowed}\`, which the alert sets itself; narrow the requests by other labels`);
  return { call, profile, kept, ...checkedDurations(call, options) };
}

function checkedDurations(call: string, options: TrafficOptions): Pick<CheckedTrafficOptions, 'duration' | 'window' | 'pending'> {
  const duration = options.for ?? DEFAULT_DURATION;
  const durationMs = requireDuration(call, 'for', duration);
  const window = options.window ?? formatDuration(Math.min(Math.max(DEFAULT_WINDOW_MS, SCRAPES_PER_WINDOW * scrapeIntervalMs(options.service)), durationMs));
  const windowMs = requireDuration(call, 'window', window);
  if (windowMs === 0 || windowMs > durationMs) {
    throw new OptionsError(`${call}: \`window\` (${window}) must be longer than 0 and no longer than \`for\` (${duration}), which counts the window`);
  }
  return { duration, window, pending: windowMs < durationMs ? formatDuration(durationMs - windowMs) : undefined };
}

function scrapeIntervalMs(service: ServiceDefinition): number {
  return parseDuration(service.interval ?? serviceDefaults.interval) ?? parseDuration(serviceDefaults.interval)!;
}

function requireDuration(call: string, field: string, value: unknown): number {
  const ms = typeof value === 'string' ? parseDuration(value) : undefined;
  if (ms === undefined) throw new OptionsError(`${call}: \`${field}\` must be a Prometheus duration such as \`5m\`, not ${JSON.stringify(value) ?? String(value)}`);
  return ms;
}
