import type { Simulator } from './simulator.ts';

type Labels = Record<string, string>;

/** An alert a scenario must raise: its name and the labels that identify the instance. */
export interface ExpectedAlert {
  readonly alert: string;
  readonly labels: Labels;
  /** Budget from injection to notification, in uncompressed minutes. */
  readonly withinMinutes: number;
}

export interface DrillScenario {
  readonly name: string;
  /** What is injected, with its magnitude. */
  readonly description: string;
  /** Whether the project has what the scenario acts on. */
  applies(sim: Simulator): boolean;
  inject(sim: Simulator): void;
  readonly expect: readonly ExpectedAlert[];
  /** Alerts that may also fire (a slower tier, for instance) without counting as noise. */
  readonly also?: readonly { readonly alert: string; readonly labels: Labels }[];
  /** Dashboard panels, by uid and title as shown, that must draw the incident: a value other than 0 since injection. */
  readonly panels?: readonly PanelRef[];
}

export interface PanelRef {
  readonly dashboard: string;
  readonly title: string;
}

const dsrs = { namespace: 'dsrs' };
const partitionsOf = (sim: Simulator, group: string, topic: string, only?: string) =>
  [...(sim.groups.get(group)?.partitions ?? [])].filter(([key]) => key.startsWith(`${topic}/`) && (only === undefined || key === `${topic}/${only}`)).map(([, p]) => p);

/** The example system's (DSRS) incidents, each on its own service or group so they run side by side. */
export const drillScenarios: readonly DrillScenario[] = [
  {
    name: 'registry-outage',
    description: 'registry answers every request with a 500',
    applies: (sim) => sim.http.has('registry'),
    inject: (sim) => (sim.http.get('registry')!.errorRatio = 1),
    expect: [
      { alert: 'ErrorBudgetBurn', labels: { ...dsrs, service: 'registry', slo: 'availability', severity: 'critical' }, withinMinutes: 3 },
      { alert: 'HTTPErrorRateHigh', labels: { ...dsrs, service: 'registry', severity: 'critical' }, withinMinutes: 12 },
    ],
    also: [{ alert: 'ErrorBudgetBurn', labels: { service: 'registry', slo: 'availability', severity: 'warning' } }],
    panels: [
      { dashboard: 'dsrs-registry', title: 'availability: burn rate per alert window' },
      { dashboard: 'dsrs-registry', title: 'Error ratio by route' },
    ],
  },
  {
    name: 'slow-burn',
    description: 'identity fails 3% of requests (30× its 99.9% budget): the fast page tier trips, the error-rate alert (5%) stays quiet',
    applies: (sim) => sim.http.has('identity'),
    inject: (sim) => (sim.http.get('identity')!.errorRatio = 0.03),
    expect: [{ alert: 'ErrorBudgetBurn', labels: { ...dsrs, service: 'identity', slo: 'availability', severity: 'critical' }, withinMinutes: 60 }],
    also: [{ alert: 'ErrorBudgetBurn', labels: { service: 'identity', slo: 'availability', severity: 'warning' } }],
    panels: [{ dashboard: 'dsrs-identity', title: 'availability: burn rate per alert window' }],
  },
  {
    name: 'lag-surge',
    description: 'consumer group payment falls behind on eligibility.assessed by 20 messages per second per partition',
    applies: (sim) => partitionsOf(sim, 'payment', 'eligibility.assessed').length > 0,
    inject: (sim) => partitionsOf(sim, 'payment', 'eligibility.assessed').forEach((p) => (p.lagGrowth = 20)),
    expect: [
      { alert: 'KafkaConsumerLagHigh', labels: { ...dsrs, service: 'payment', consumergroup: 'payment', topic: 'eligibility.assessed', severity: 'warning' }, withinMinutes: 40 },
      { alert: 'KafkaConsumerLagGrowing', labels: { ...dsrs, service: 'payment', consumergroup: 'payment', topic: 'eligibility.assessed', severity: 'critical' }, withinMinutes: 40 },
    ],
    panels: [{ dashboard: 'vigil-kafka', title: 'payment: lag growth (messages/s)' }],
  },
  {
    name: 'stuck-partition',
    description: 'consumer group analytics stops committing on partition 0 of payment.events while messages keep arriving',
    applies: (sim) => partitionsOf(sim, 'analytics', 'payment.events', '0').length > 0,
    inject: (sim) =>
      partitionsOf(sim, 'analytics', 'payment.events', '0').forEach((p) => {
        p.commitRate = 0;
        p.lagGrowth = 0.3;
      }),
    expect: [{ alert: 'KafkaConsumerGroupStalled', labels: { ...dsrs, service: 'analytics', consumergroup: 'analytics', topic: 'payment.events', severity: 'critical' }, withinMinutes: 35 }],
    panels: [{ dashboard: 'vigil-kafka', title: 'analytics: lag growth (messages/s)' }],
  },
  {
    name: 'no-members',
    description: 'consumer group eligibility loses all its members',
    applies: (sim) => sim.groups.has('eligibility'),
    inject: (sim) => (sim.groups.get('eligibility')!.members = 0),
    expect: [{ alert: 'KafkaConsumerGroupNoMembers', labels: { ...dsrs, service: 'eligibility', consumergroup: 'eligibility', severity: 'critical' }, withinMinutes: 10 }],
  },
  {
    name: 'dlq-arrivals',
    description: 'payment parks one message from eligibility.assessed on its dead-letter topic',
    applies: (sim) => sim.hasCounter('payment', 'dlq_messages_published_total'),
    inject: (sim) =>
      sim.count('payment', 'dlq_messages_published_total', { source_topic: 'eligibility.assessed', dlq_topic: 'eligibility.assessed.dlq', reason: 'deserialization' }),
    expect: [{ alert: 'DeadLetterMessagesPublished', labels: { ...dsrs, service: 'payment', dlq_topic: 'eligibility.assessed.dlq', severity: 'warning' }, withinMinutes: 5 }],
    panels: [{ dashboard: 'vigil-dead-letters', title: 'eligibility.assessed.dlq: arrivals (messages/s)' }],
  },
  {
    name: 'dlq-publish-failed',
    description: 'eligibility fails to write one message from registry.household to its dead-letter topic',
    applies: (sim) => sim.hasCounter('eligibility', 'dlq_publish_failures_total'),
    inject: (sim) => sim.count('eligibility', 'dlq_publish_failures_total', { source_topic: 'registry.household', dlq_topic: 'registry.household.dlq' }),
    expect: [{ alert: 'DeadLetterPublishFailed', labels: { ...dsrs, service: 'eligibility', dlq_topic: 'registry.household.dlq', severity: 'critical' }, withinMinutes: 5 }],
    panels: [{ dashboard: 'vigil-dead-letters', title: 'registry.household.dlq: failed publishes (messages/s)' }],
  },
  {
    name: 'reprocessor-down',
    description: 'the dlq-reprocessor stops answering scrapes',
    applies: (sim) => sim.targets.some((t) => t.job === 'dlq-reprocessor'),
    inject: (sim) => sim.down.add('dlq-reprocessor'),
    expect: ['eligibility.assessed.dlq', 'payment.events.dlq', 'registry.household.dlq'].map((dlq_topic) => ({
      alert: 'DeadLetterReprocessorDown',
      labels: { ...dsrs, service: 'dlq-reprocessor', dlq_topic, severity: 'critical' },
      withinMinutes: 10,
    })),
  },
];
