import type { Matchers } from '../promql/selector.ts';
import type { ServiceRef } from './alert.ts';
import { define, type DefinitionBase } from './definition.ts';
import type { Receiver } from './receivers.ts';
import type { TimeInterval } from './time-interval.ts';

/** How alerts are batched into notifications; inherited by child routes. */
export interface RouteTimings {
  /** Labels whose values make a notification group; `'all'` sends each alert on its own. */
  readonly groupBy?: readonly string[] | 'all';
  /** Wait this long for more alerts of a new group before the first notification. Default `30s`. */
  readonly groupWait?: string;
  /** Wait this long before notifying about alerts added to a group. Default `5m`. */
  readonly groupInterval?: string;
  /** Repeat a notification of an unchanged group after this long. Default `4h`. */
  readonly repeatInterval?: string;
}

export interface RouteOptions extends RouteTimings {
  /** Conditions on the alert's labels, all of which must hold: `{ team: 'payments', severity: re('critical|warning') }`. */
  readonly matchers?: Matchers;
  /** Where matching alerts go. Default: the parent route's receiver. */
  readonly receiver?: Receiver;
  /** After this route matched, keep trying the next sibling routes too. */
  readonly continue?: boolean;
  /** The route notifies only during these intervals (it still ends the search when it matches). */
  readonly activeTimeIntervals?: readonly TimeInterval[];
  /** The route notifies nobody during these intervals (it still ends the search when it matches). */
  readonly muteTimeIntervals?: readonly TimeInterval[];
  /** Child routes, tried in order; the first that matches wins unless it says `continue`. */
  readonly routes?: readonly RouteOptions[];
}

/** While an alert matching `source` fires, alerts matching `target` with the same `equal` labels are muted. */
export interface InhibitRule {
  readonly source: Matchers;
  readonly target: Matchers;
  readonly equal?: readonly string[];
}

/** An alert that always fires, routed to a receiver that raises the alarm when it stops arriving. */
export interface HeartbeatOptions {
  /** The service that owns the heartbeat: its team, namespace and name label the alert, and its rules carry it. */
  readonly service: ServiceRef;
  /** Usually a dead man's switch service (a webhook). */
  readonly receiver: Receiver;
  /** How often the receiver hears the heartbeat. Default `1m`. */
  readonly interval?: string;
}

export interface RoutingOptions extends RouteTimings {
  /** The root route's receiver: it gets every alert no child route claims. */
  readonly receiver: Receiver;
  readonly routes?: readonly RouteOptions[];
  readonly inhibitRules?: readonly InhibitRule[];
  /** Generates the `Watchdog` alert and a first route sending it to the heartbeat receiver. */
  readonly heartbeat?: HeartbeatOptions;
}

export interface RoutingDefinition extends DefinitionBase<'routing'>, RoutingOptions {}

/**
 * How Alertmanager notifies people: a route tree with receivers, inhibit rules and the
 * heartbeat. A project has at most one. vigil writes it as alertmanager.yml and as one
 * AlertmanagerConfig per namespace, and checks that every alert reaches someone.
 */
export function routing(options: RoutingOptions): RoutingDefinition {
  return define('routing', { ...options });
}
