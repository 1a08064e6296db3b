import type { ServiceRef } from './alert.ts';
import { define, type DefinitionBase } from './definition.ts';

/**
 * What a template watches (a consumer group, a dead-letter queue, a service's traffic), for
 * dashboards and runbooks: its signals as PromQL with normalized labels, the alerts it made, and
 * the numbers it was given, which vigil checks (a negative or NaN threshold is an error).
 */
interface WatchBase {
  readonly service: ServiceRef;
  readonly signals: Readonly<Record<string, string | undefined>>;
  /** The same signals written for every watch of its kind at once; see SharedSignals. */
  readonly shared?: SharedSignals;
  readonly alertNames: readonly string[];
  /** Option path → value, e.g. `lag.threshold` → 1000. */
  readonly numbers: Readonly<Record<string, number>>;
}

/**
 * Signals written once for every watch of a kind, the one watched chosen by the Grafana
 * variable `variable` (`$variable` in the queries, in a regex matcher), which this watch sets to
 * `value`. The organisation-wide dashboards repeat one row over the variable's values for all
 * watches with the same shared signals, instead of a row of panels each, so their size does not
 * grow with the organisation.
 */
export interface SharedSignals {
  readonly variable: string;
  readonly value: string;
  readonly signals: Readonly<Record<string, string | undefined>>;
}

export interface ConsumerGroupWatch extends WatchBase {
  readonly group: string;
  readonly topics: readonly string[];
  readonly exporter: string;
}

export interface DeadLetterQueueWatch extends WatchBase {
  readonly sourceTopic: string;
  readonly dlqTopic: string;
  readonly profile: string;
  readonly reprocessor?: ServiceRef;
}

export interface TrafficWatch extends WatchBase {
  readonly profile: string;
}

export interface ConsumerGroupWatchDefinition extends DefinitionBase<'consumer-group'>, ConsumerGroupWatch {}
export interface DeadLetterQueueWatchDefinition extends DefinitionBase<'dead-letter-queue'>, DeadLetterQueueWatch {}
export interface TrafficWatchDefinition extends DefinitionBase<'traffic'>, TrafficWatch {}

export type WatchDefinition = ConsumerGroupWatchDefinition | DeadLetterQueueWatchDefinition | TrafficWatchDefinition;

export function watchConsumerGroup(watch: ConsumerGroupWatch): ConsumerGroupWatchDefinition {
  return define('consumer-group', { ...watch });
}

export function watchDeadLetterQueue(watch: DeadLetterQueueWatch): DeadLetterQueueWatchDefinition {
  return define('dead-letter-queue', { ...watch });
}

export function watchTraffic(watch: TrafficWatch): TrafficWatchDefinition {
  return define('traffic', { ...watch });
}
