import { alert, selector, template, type AlertDefinition, type ServiceDefinition } from 'vigil';

export interface OutboxAgeOptions {
  readonly service: ServiceDefinition;
  /** Warn when the oldest event still waiting in the outbox is older than this. Default 300 (5 minutes). */
  readonly maxAgeSeconds?: number;
}

/**
 * A custom template: a typed function that returns definitions. The outbox relay publishes
 * events a service wrote in its own transaction; when the oldest pending one ages, Kafka
 * consumers stop hearing about new writes although the service answers fine. Wrapped in
 * `template`, its alert and every diagnostic about it point at the line that calls it.
 */
export const outboxAge = template(function outboxAge({ service, maxAgeSeconds = 300 }: OutboxAgeOptions): AlertDefinition {
  const age = selector('outbox_oldest_pending_age_seconds', service.scrapeLabels);
  return alert({
    name: 'OutboxEventsStale',
    service,
    severity: 'warning',
    expr: `max(${age}) > ${maxAgeSeconds}`,
    for: '1m',
    summary: `${service.name}: the oldest outbox event has waited {{ $value | humanizeDuration }}`,
    description: `The oldest event in ${service.name}'s outbox has not been published for more than ${maxAgeSeconds} seconds. Writes succeed, but consumers of its topics do not see them: the outbox relay is stuck or cannot reach Kafka.`,
  });
});
