import type { ProjectIR } from '../../src/ir.ts';
import { labelMatchers } from '../../src/promql/selector.ts';
import type { PromqlExprTest } from '../../src/promtool/test-file.ts';
import { fires, series, silent, type Scenario } from './template-scenarios.ts';

/**
 * Incidents of the example system (DSRS) for its Kafka, dead-letter, outbox and HTTP alerts:
 * a simulated DSRS scraped once a minute for two hours, healthy unless an incident changes one
 * series from minute 10 on.
 */

const MINUTES = 120;
const kafka = { namespace: 'kafka', job: 'kafka-exporter' };
const dsrs = (job: string) => ({ namespace: 'dsrs', job });

type Labels = Record<string, string>;
const key = (metric: string, labels: Labels) => `${metric}${labelMatchers(labels)}`;

/** Every series of a healthy DSRS, keyed by series name, derived from what the example watches. */
export function healthyWorld(ir: ProjectIR): Map<string, string> {
  const world = new Map<string, string>();
  const set = (metric: string, labels: Labels, values: string) => world.set(key(metric, labels), values);
  set('up', kafka, `1x${MINUTES}`);
  for (const group of ir.consumerGroups) {
    set('kafka_consumergroup_members', { ...kafka, consumergroup: group.group }, `2x${MINUTES}`);
    for (const topic of group.topics) {
      const partition = { ...kafka, consumergroup: group.group, topic, partition: '0' };
      set('kafka_consumergroup_lag', partition, `5x${MINUTES}`);
      set('kafka_consumergroup_current_offset', partition, `100+60x${MINUTES}`);
      set('kafka_topic_partition_current_offset', { ...kafka, topic, partition: '0' }, `105+60x${MINUTES}`);
    }
  }
  for (const dlq of ir.deadLetterQueues) {
    const job = dlq.serviceId.split('/')[1]!;
    const labels = { ...dsrs(job), source_topic: dlq.sourceTopic, dlq_topic: dlq.dlqTopic };
    set('dlq_messages_published_total', { ...labels, reason: 'deserialization' }, `0x${MINUTES}`);
    set('dlq_publish_failures_total', labels, `0x${MINUTES}`);
    if (dlq.reprocessorServiceId) {
      for (const outcome of ['success', 'retry', 'exhausted']) {
        set('dlq_reprocess_attempts_total', { ...dsrs('dlq-reprocessor'), dlq_topic: dlq.dlqTopic, outcome }, `0x${MINUTES}`);
      }
    }
  }
  for (const service of ir.services) {
    set('up', dsrs(service.name), `1x${MINUTES}`);
    if (service.name === 'dlq-reprocessor') continue;
    const route = { ...dsrs(service.name), route: '/api/v1/things', method: 'GET' };
    set('http_requests_total', { ...route, code: '200' }, `0+600x${MINUTES}`);
    set('http_requests_total', { ...route, code: '500' }, `0x${MINUTES}`);
    for (const [le, perMinute] of [['0.1', 540], ['0.5', 600], ['+Inf', 600]] as const) {
      set('http_request_duration_seconds_bucket', { ...route, le }, `0+${perMinute}x${MINUTES}`);
    }
    set('http_request_duration_seconds_count', route, `0+600x${MINUTES}`);
  }
  set('outbox_oldest_pending_age_seconds', dsrs('registry'), `2x${MINUTES}`);
  return world;
}

/** The healthy world with some series replaced (or, given `undefined`, removed), and what promtool must see. */
export interface Incident {
  readonly name: string;
  readonly changes: Readonly<Record<string, string | undefined>>;
  readonly checks: readonly PromqlExprTest[];
}

const incident = (name: string, changes: Incident['changes'], checks: Incident['checks']): Incident => ({ name, changes, checks });

/** The promtool scenario of an incident: the healthy world with its changes applied. */
export function incidentScenario(world: ReadonlyMap<string, string>, incident: Incident): Scenario {
  const merged = new Map(world);
  for (const [name, values] of Object.entries(incident.changes)) {
    if (!merged.has(name)) throw new Error(`${incident.name}: the healthy world has no series ${name}`);
    if (values === undefined) merged.delete(name);
    else merged.set(name, values);
  }
  return { name: incident.name, checks: incident.checks, input: [...merged].map(([name, values]) => series(name, values)) };
}

/** The names of the alerts an incident proves firing. */
export function alertsProvedBy(incidents: readonly Incident[]): Set<string> {
  return new Set(
    incidents.flatMap((i) => i.checks.filter((c) => c.exp_samples.length > 0).map((c) => /alertname="([^"]+)"/.exec(c.expr)?.[1] ?? '')),
  );
}

/** Nothing but the Watchdog and the alerts in `except` fires at `at`. */
export const nothingElseFires = (at: string, except: readonly string[]): PromqlExprTest => ({
  expr: `ALERTS{alertstate="firing",alertname!~"${['Watchdog', ...except].join('|')}"}`,
  eval_time: at,
  exp_samples: [],
});

export const healthy = incident('a healthy DSRS', {}, ['30m', '60m', '119m'].map((at) => nothingElseFires(at, [])));

const lag = (group: string, topic: string) => key('kafka_consumergroup_lag', { ...kafka, consumergroup: group, topic, partition: '0' });
const offset = (group: string, topic: string) => key('kafka_consumergroup_current_offset', { ...kafka, consumergroup: group, topic, partition: '0' });
const logEnd = (topic: string) => key('kafka_topic_partition_current_offset', { ...kafka, topic, partition: '0' });
const owner = (service: string, team: string) => ({ service, team, namespace: 'dsrs' });
const growing = (group: string, topic: string) => ({ consumergroup: group, topic });

export const kafkaIncidents: readonly Incident[] = [
  incident(
    'a lag surge on payment warns, then pages because it keeps growing',
    { [lag('payment', 'eligibility.assessed')]: '5x10 5+300x110' },
    [
      silent('KafkaConsumerLagHigh', '15m'),
      fires('KafkaConsumerLagHigh', '40m', { ...owner('payment', 'payments'), ...growing('payment', 'eligibility.assessed'), severity: 'warning' }),
      fires('KafkaConsumerLagGrowing', '40m', { ...owner('payment', 'payments'), ...growing('payment', 'eligibility.assessed'), severity: 'critical' }),
      nothingElseFires('40m', ['KafkaConsumerLagHigh', 'KafkaConsumerLagGrowing']),
    ],
  ),
  incident(
    'one stuck partition of analytics pages as stalled',
    { [offset('analytics', 'payment.events')]: '100+60x10 700x110', [lag('analytics', 'payment.events')]: '5x10 5+20x110' },
    [
      silent('KafkaConsumerGroupStalled', '20m'),
      fires('KafkaConsumerGroupStalled', '40m', { ...owner('analytics', 'analytics'), ...growing('analytics', 'payment.events'), severity: 'critical' }),
      nothingElseFires('40m', ['KafkaConsumerGroupStalled']),
    ],
  ),
  incident('eligibility without members pages', { [key('kafka_consumergroup_members', { ...kafka, consumergroup: 'eligibility' })]: '2x10 0x110' }, [
    fires('KafkaConsumerGroupNoMembers', '30m', { ...owner('eligibility', 'eligibility'), consumergroup: 'eligibility', severity: 'critical' }),
    nothingElseFires('30m', ['KafkaConsumerGroupNoMembers']),
  ]),
  incident('the payment group vanishing from the exporter pages', { [lag('payment', 'eligibility.assessed')]: '5x10 _x110' }, [
    silent('KafkaConsumerGroupMissing', '15m'),
    fires('KafkaConsumerGroupMissing', '40m', { ...owner('payment', 'payments'), ...growing('payment', 'eligibility.assessed'), severity: 'critical' }),
  ]),
  incident(
    'the reprocessor, never committed on a DLQ topic nothing was ever written to (so the exporter leaves it out), raises nothing',
    { [lag('dlq-reprocessor', 'payment.events.dlq')]: undefined, [offset('dlq-reprocessor', 'payment.events.dlq')]: undefined, [logEnd('payment.events.dlq')]: `0x${MINUTES}` },
    ['30m', '119m'].map((at) => nothingElseFires(at, [])),
  ),
  incident('the Kafka exporter down pages the platform team once', { [key('up', kafka)]: '1x10 0x110' }, [
    fires('KafkaLagExporterDown', '30m', { ...owner('dlq-reprocessor', 'platform'), severity: 'critical' }),
    nothingElseFires('30m', ['KafkaLagExporterDown']),
  ]),
];

const published = (job: string, source: string) =>
  key('dlq_messages_published_total', { ...dsrs(job), source_topic: source, dlq_topic: `${source}.dlq`, reason: 'deserialization' });
const publishFailures = (job: string, source: string) => key('dlq_publish_failures_total', { ...dsrs(job), source_topic: source, dlq_topic: `${source}.dlq` });
const dlqTopics = ['eligibility.assessed.dlq', 'payment.events.dlq', 'registry.household.dlq'];

export const deadLetterIncidents: readonly Incident[] = [
  incident('one dead letter from payment warns the payments team', { [published('payment', 'eligibility.assessed')]: '0x10 1x110' }, [
    fires('DeadLetterMessagesPublished', '12m', { ...owner('payment', 'payments'), dlq_topic: 'eligibility.assessed.dlq', severity: 'warning' }),
    nothingElseFires('12m', ['DeadLetterMessagesPublished']),
    silent('DeadLetterMessagesPublished', '30m'),
  ]),
  incident('a failed DLQ publish in eligibility pages', { [publishFailures('eligibility', 'registry.household')]: '0x10 1x110' }, [
    fires('DeadLetterPublishFailed', '12m', { ...owner('eligibility', 'eligibility'), dlq_topic: 'registry.household.dlq', severity: 'critical' }),
    nothingElseFires('12m', ['DeadLetterPublishFailed']),
  ]),
  incident('the reprocessor down pages the platform team for each DLQ topic', { [key('up', dsrs('dlq-reprocessor'))]: '1x10 0x110' }, [
    fires('DeadLetterReprocessorDown', '30m', ...dlqTopics.map((dlq_topic) => ({ ...owner('dlq-reprocessor', 'platform'), dlq_topic, severity: 'critical' }))),
    nothingElseFires('30m', ['DeadLetterReprocessorDown']),
  ]),
  incident('a DLQ backlog of 500 for half an hour warns', { [lag('dlq-reprocessor', 'registry.household.dlq')]: '0x10 500x110' }, [
    silent('DeadLetterBacklogHigh', '35m'),
    fires('DeadLetterBacklogHigh', '45m', { ...owner('dlq-reprocessor', 'platform'), dlq_topic: 'registry.household.dlq', severity: 'warning' }),
    nothingElseFires('45m', ['DeadLetterBacklogHigh']),
  ]),
  incident(
    'exhausted retries warn',
    { [key('dlq_reprocess_attempts_total', { ...dsrs('dlq-reprocessor'), dlq_topic: 'payment.events.dlq', outcome: 'exhausted' })]: '0x10 3x110' },
    [fires('DeadLetterReprocessingExhausted', '15m', { ...owner('dlq-reprocessor', 'platform'), dlq_topic: 'payment.events.dlq', severity: 'warning' })],
  ),
  incident('a stale registry outbox warns', { [key('outbox_oldest_pending_age_seconds', dsrs('registry'))]: '2x10 2+60x110' }, [
    silent('OutboxEventsStale', '12m'),
    fires('OutboxEventsStale', '25m', { ...owner('registry', 'registry'), severity: 'warning' }),
    nothingElseFires('25m', ['OutboxEventsStale']),
  ]),
];
