export { service, type ServiceOptions, type ServiceDefinition } from './service.ts';
export { alert, type AlertOptions, type AlertDefinition, type AlertSeverity, type ServiceRef } from './alert.ts';
export { record, type RecordOptions, type RecordDefinition } from './record.ts';
export {
  slo,
  errorRatio,
  latency,
  rawRatio,
  type SloOptions,
  type SloDefinition,
  type Sli,
  type SliSimulation,
  type ErrorRatioSli,
  type LatencySli,
  type RawRatioSli,
  type BurnWindow,
  type TierOptions,
  type SloAlerting,
} from './slo.ts';
export {
  routing,
  type RoutingOptions,
  type RoutingDefinition,
  type RouteOptions,
  type RouteTimings,
  type InhibitRule,
  type HeartbeatOptions,
} from './routing.ts';
export {
  slack,
  pagerduty,
  email,
  webhook,
  msteams,
  opsgenie,
  discard,
  type Receiver,
  type SlackOptions,
  type PagerDutyLink,
  type PagerDutyOptions,
  type EmailOptions,
  type WebhookOptions,
  type WebhookAuthorization,
  type MsTeamsOptions,
  type OpsgenieOptions,
  type OpsgenieResponder,
} from './receivers.ts';
export { secretKey, type SecretRef } from './secret.ts';
export { timeInterval, type TimeInterval, type Period, type TimeRange, type Weekday, type Month } from './time-interval.ts';
export {
  watchConsumerGroup,
  watchDeadLetterQueue,
  watchTraffic,
  type WatchDefinition,
  type ConsumerGroupWatch,
  type DeadLetterQueueWatch,
  type TrafficWatch,
} from './watch.ts';
export { dashboard, type DashboardDefinition, type DashboardSource } from './dashboard.ts';
export { defineConfig, type VigilConfig, type ConfigDefinition } from './config.ts';
export { isDefinition } from './definition.ts';
export { OptionsError } from './options-error.ts';
export { template } from './location.ts';

import type { AlertDefinition } from './alert.ts';
import type { RecordDefinition } from './record.ts';
import type { RoutingDefinition } from './routing.ts';
import type { ServiceDefinition } from './service.ts';
import type { SloDefinition } from './slo.ts';
import type { WatchDefinition } from './watch.ts';
import type { DashboardDefinition } from './dashboard.ts';

/** Everything the compiler accepts. */
export type Definition = ServiceDefinition | AlertDefinition | RecordDefinition | SloDefinition | RoutingDefinition | WatchDefinition | DashboardDefinition;
