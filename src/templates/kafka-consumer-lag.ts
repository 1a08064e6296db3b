import { alert, type AlertDefinition, type ServiceRef } from '../authoring/alert.ts';
import { template } from '../authoring/location.ts';
import { record, type RecordDefinition } from '../authoring/record.ts';
import { OptionsError } from '../authoring/options-error.ts';
import { watchConsumerGroup, type ConsumerGroupWatchDefinition } from '../authoring/watch.ts';
import { kafkaRecordings, lagExporterGroup } from '../naming.ts';
import { labelMatchers, re } from '../promql/selector.ts';
import { memoize } from '../util/memo.ts';
import { exporterScope, type ExporterScope, type KafkaExporterOptions } from './kafka/exporter-options.ts';
import type { KafkaExporter } from './kafka/exporters.ts';
import { GROUP_LABEL, LagQueries } from './kafka/lag-queries.ts';
import { alertNames, listInWords, promNumber, requireName, requireOptions, tuned, type Tunable } from './shared.ts';

export type { KafkaExporterOptions } from './kafka/exporter-options.ts';

export interface KafkaConsumerLagOptions {
  /** The consuming service: it owns the alerts. */
  readonly service: ServiceRef;
  /** The consumer group. */
  readonly group: string;
  readonly topics: readonly string[];
  /** Which exporter reports the lag. Default kafka_exporter. */
  readonly exporter?: KafkaExporter | KafkaExporterOptions;
  /** Summed lag of a topic above `threshold` messages for `for` (warning). */
  readonly lag?: Tunable<Partial<{ threshold: number; for: string }>>;
  /** Lag growing by more than `minGrowthPerHour` messages an hour over `window`, above the lag threshold (critical). */
  readonly growing?: Tunable<Partial<{ window: string; for: string; minGrowthPerHour: number }>>;
  /** Lag above zero while the committed offset has not moved for `window` (critical). */
  readonly stalled?: Tunable<Partial<{ window: string; for: string }>>;
  /** Time lag above `maxSeconds` (warning): measured, or estimated from the produce rate. Off unless given. */
  readonly timeLag?: false | { readonly maxSeconds: number; readonly for?: string };
  /** The group has no members (critical). */
  readonly noMembers?: Tunable<Partial<{ for: string }>>;
  /** The exporter stopped reporting the group for a topic for `window` while it is up (critical). */
  readonly missing?: Tunable<Partial<{ window: string }>>;
  /** The exporter is down or absent (critical): every other alert here is blind then. */
  readonly exporterDown?: Tunable<Partial<{ for: string }>>;
  /** Rule group inside the service's PrometheusRule. Default `kafka-lag`. */
  readonly ruleGroup?: string;
}

/**
 * How far back KafkaConsumerLagGrowing wants the lag still growing: after one burst (a replay) the
 * trend over its whole window stays up for most of the window while the backlog already drains.
 */
const RECENT = '5m';

export interface KafkaConsumerLag {
  readonly alerts: readonly AlertDefinition[];
  /** The exporter's consumer-group count, shared with every other group the exporter reports (one rule in the project). */
  readonly records: readonly RecordDefinition[];
  readonly watch: ConsumerGroupWatchDefinition;
}

/**
 * The consumer-lag alerts for one consumer group, from any of the supported exporters, each
 * labelled `consumergroup` and `topic`.
 */
export const kafkaConsumerLag = template(function kafkaConsumerLag(options: KafkaConsumerLagOptions): KafkaConsumerLag {
  requireOptions('kafkaConsumerLag()', options);
  const call = `kafkaConsumerLag(${JSON.stringify(options.group) ?? ''})`;
  requireName(call, 'group', options.group);
  checkTopics(call, options.topics);
  const exporter = exporterScope(call, 'exporter', options.exporter);
  const { profile } = exporter;
  const q = new LagQueries({ ...exporter, group: options.group, topics: options.topics });
  const base = { service: options.service, group: options.ruleGroup ?? 'kafka-lag', labels: { consumergroup: options.group } };
  const group = options.group;
  const topics = listInWords([...options.topics].sort());
  const where = q.perTopic ? 'on {{ $labels.topic }}' : `on ${topics}`;
  const numbers: Record<string, number> = {};
  const alerts: AlertDefinition[] = [];

  const lag = tuned(options.lag, { threshold: 1000, for: '10m' });
  const threshold = lag?.threshold ?? 1000;
  numbers['lag.threshold'] = threshold;
  if (lag) {
    alerts.push(
      alert({
        ...base,
        name: 'KafkaConsumerLagHigh',
        severity: 'warning',
        expr: `${q.lagSum()} > ${promNumber(threshold)}`,
        for: lag.for,
        summary: `Consumer group ${group} is {{ $value | humanize }} messages behind ${where}`,
        description: `Consumer group ${group} has been more than ${promNumber(threshold)} messages behind ${where} for ${lag.for}. Events reach its consumers late; if the lag keeps growing, data processing falls further behind.`,
      }),
    );
  }

  const growing = tuned(options.growing, { window: '15m', for: '10m', minGrowthPerHour: threshold });
  if (growing) {
    numbers['growing.minGrowthPerHour'] = growing.minGrowthPerHour;
    alerts.push(
      alert({
        ...base,
        name: 'KafkaConsumerLagGrowing',
        severity: 'critical',
        expr: `(${q.lagGrowth(growing.window)} * 3600 > ${promNumber(growing.minGrowthPerHour)})\nand\n(${q.lagGrowth(RECENT)} > 0)\nand\n(${q.lagSum()} > ${promNumber(threshold)})`,
        for: growing.for,
        summary: `Consumer group ${group} falls further behind ${where}, by {{ $value | humanize }} messages an hour`,
        description: `The lag of consumer group ${group} ${where} is above ${promNumber(threshold)} messages and has kept growing, by more than ${promNumber(growing.minGrowthPerHour)} messages an hour fitted over ${growing.window} and still over the last ${RECENT}, for ${growing.for}. The consumers cannot keep up with what is produced: scale them or find what slows them down.`,
      }),
    );
  }

  const stalled = tuned(options.stalled, { window: '15m', for: '5m' });
  const stalledLag = stalled ? q.stalledLag(stalled.window) : undefined;
  if (stalled && stalledLag) {
    alerts.push(
      alert({
        ...base,
        name: 'KafkaConsumerGroupStalled',
        severity: 'critical',
        expr: stalledLag,
        for: stalled.for,
        summary: `Consumer group ${group} has stopped committing ${where} with {{ $value | humanize }} messages waiting`,
        description: `Consumer group ${group} has messages waiting ${where} but its committed offset has not moved for ${stalled.window}. A consumer is stuck (a poison message, a deadlock, a blocked downstream) while the partition waits.`,
      }),
    );
  }

  const timeLag = options.timeLag ? { for: '10m', ...options.timeLag } : undefined;
  const timeLagSeconds = q.timeLagSeconds();
  if (timeLag && timeLagSeconds) {
    numbers['timeLag.maxSeconds'] = timeLag.maxSeconds;
    alerts.push(
      alert({
        ...base,
        name: 'KafkaConsumerTimeLagHigh',
        severity: 'warning',
        expr: `${timeLagSeconds} > ${promNumber(timeLag.maxSeconds)}`,
        for: timeLag.for,
        summary: `Consumer group ${group} is {{ $value | humanizeDuration }} behind ${where}`,
        description: `Consumer group ${group} has been more than ${promNumber(timeLag.maxSeconds)} seconds behind ${where} for ${timeLag.for}${profile.timeLagSeconds ? '' : ' (estimated: the lag in messages over the rate messages are produced)'}. Whatever reads its results sees data that old.`,
      }),
    );
  }

  const noMembers = tuned(options.noMembers, { for: '5m' });
  const members = q.members();
  if (noMembers && members) {
    alerts.push(
      alert({
        ...base,
        name: 'KafkaConsumerGroupNoMembers',
        severity: 'critical',
        expr: `${members} == 0`,
        for: noMembers.for,
        summary: `Consumer group ${group} has no members`,
        description: `Consumer group ${group} has had no members for ${noMembers.for}: nothing consumes ${topics}. Its service is down, crash-looping or cannot reach Kafka.`,
      }),
    );
  }

  const missing = tuned(options.missing, { window: '10m' });
  if (missing) {
    alerts.push(
      alert({
        ...base,
        name: 'KafkaConsumerGroupMissing',
        severity: 'critical',
        expr: `(${q.missing(missing.window)})\nand on ()\n(${q.exporterSeesGroups()})`,
        summary: `Consumer group ${group} has vanished ${where}`,
        description: `The lag exporter reports other consumer groups but has not reported ${group} ${where} for ${missing.window}, though messages were written there. The group was deleted or renamed, its offsets expired, or it never committed there: its lag can no longer be watched.`,
      }),
    );
  }

  const exporterDown = tuned(options.exporterDown, { for: '5m' });
  if (exporterDown) {
    const up = q.exporterUp();
    // count(): one alert whichever way the exporter fails, and no second one when several hold.
    const failing = [`max(${up}) == 0`, `absent(${up})`, ...q.exporterBlind()];
    alerts.push(
      alert({
        ...base,
        name: 'KafkaLagExporterDown',
        severity: 'critical',
        expr: `count(\n  ${failing.join('\n  or\n  ')}\n)`,
        for: exporterDown.for,
        summary: `The Kafka lag exporter (${profile.name}) is down or cannot read Kafka: the lag of ${group} is not watched`,
        description: `For ${exporterDown.for}, Prometheus has not scraped the ${profile.name} exporter, or it has reported no consumer group at all${profile.health ? ` or a failed collection (${profile.health} 0)` : ''}: it cannot reach the brokers. Until it is back, no lag alert of consumer group ${group} can fire.`,
      }),
    );
  }

  const records = missing || exporterDown ? [groupCountRecord(options.service, q, exporter)] : [];

  const watch = watchConsumerGroup({
    service: options.service,
    group,
    topics: [...new Set(options.topics)].sort(),
    exporter: profile.name,
    signals: lagSignals(q),
    // Every group this exporter reports, the group chosen by the dashboard variable, over all its topics.
    shared: {
      variable: GROUP_LABEL,
      value: group,
      signals: groupVariableSignals(exporter),
    },
    alertNames: alertNames(alerts),
    numbers,
  });
  return { alerts, records, watch };
});

/**
 * The recording KafkaConsumerGroupMissing and KafkaLagExporterDown read: every template over the
 * exporter defines it, vigil keeps one (see RecordOptions.shared), so each group's alerts read one
 * series instead of one per group the exporter reports.
 */
function groupCountRecord(service: ServiceRef, q: LagQueries, exporter: ExporterScope): RecordDefinition {
  return record({
    name: kafkaRecordings.consumerGroups,
    service,
    expr: q.groupCount(),
    labels: q.groupCountLabels(),
    group: lagExporterGroup(exporter.target),
    shared: true,
  });
}

/** The signals of whichever group the dashboard variable picks: the same for every group one exporter reports. */
const groupVariableSignals = memoize(
  (exporter: ExporterScope) => lagSignals(new LagQueries({ ...exporter, group: re(`$${GROUP_LABEL}`) })),
  (exporter) => `${exporter.profile.name}${labelMatchers(exporter.matchers)}[${exporter.bridge}]`,
);

function lagSignals(q: LagQueries) {
  return {
    lagMax: q.lagMax(),
    lagSum: q.lagSum(),
    lagGrowth: q.lagGrowth('15m'),
    members: q.members(),
    consumeRate: q.consumeRate(),
    timeLagSeconds: q.timeLagSeconds(),
    produceRate: q.produceRate(),
    exporterHealth: q.exporterHealth(),
  };
}

/** What the queries cannot be written without; the numbers and durations are checked with the rest. */
function checkTopics(call: string, topics: unknown): void {
  if (!Array.isArray(topics) || topics.length === 0) throw new OptionsError(`${call}: \`topics\` must list the topics the group consumes, at least one`);
  topics.forEach((topic, i) => requireName(call, `topics[${i}]`, topic));
}
