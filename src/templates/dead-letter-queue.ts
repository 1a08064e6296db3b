import { alert, type AlertDefinition } from '../authoring/alert.ts';
import { template } from '../authoring/location.ts';
import type { ServiceDefinition } from '../authoring/service.ts';
import { watchDeadLetterQueue, type DeadLetterQueueWatchDefinition } from '../authoring/watch.ts';
import { aggregateBy, quote, re, selector, type Matchers } from '../promql/selector.ts';
import { LagQueries } from './kafka/lag-queries.ts';
import { exporterScope, type KafkaExporterOptions } from './kafka/exporter-options.ts';
import { serviceDefaults } from '../normalize/services.ts';
import { formatDuration, parseDuration } from '../util/duration.ts';
import { alertNames, promNumber, requireName, requireOptions, tuned, type Tunable } from './shared.ts';

const DLQ_TOPIC = 'dlq_topic';
/** Long enough to hold two crashes of a pod that Kubernetes restarts after its longest back-off (5m). */
const CRASH_LOOP_WINDOW = '15m';

/** Where the dead-letter counters come from. */
export type DeadLetterProfile =
  | {
      /** The service's own counters (names as EXAMPLE-SYSTEM.md's; each configurable). */
      readonly kind: 'application';
      readonly published?: string;
      readonly publishFailures?: string;
      readonly reprocessAttempts?: string;
    }
  | {
      /** Kafka Connect's dead-letter task metrics, as the JMX exporter exposes them. */
      readonly kind: 'kafka-connect';
      readonly connector: string;
      /** Default `kafka_connect_task_error_metrics_deadletterqueue_produce_requests`. */
      readonly produceRequests?: string;
      /** Default `kafka_connect_task_error_metrics_deadletterqueue_produce_failures`. */
      readonly produceFailures?: string;
      /** Selects the Connect workers' series. Default: the service's own. */
      readonly matchers?: Matchers;
    };

export interface DeadLetterQueueOptions {
  /** The service that parks failed messages: it owns the arrival and publish-failure alerts. */
  readonly service: ServiceDefinition;
  readonly sourceTopic: string;
  readonly dlqTopic: string;
  /** Default: the application counters. */
  readonly profile?: DeadLetterProfile;
  /** The service that re-drives dead letters: it owns the reprocessing, backlog and down alerts. */
  readonly reprocessor?: {
    readonly service: ServiceDefinition;
    /** Its consumer group on the DLQ topic, for the backlog. Default the service's name. */
    readonly group?: string;
    /** The lag exporter that reports that group. Default kafka_exporter. */
    readonly exporter?: KafkaExporterOptions;
  };
  /** Any message parked in the DLQ within `window` (warning). */
  readonly arrivals?: Tunable<Partial<{ window: string }>>;
  /** A failed DLQ write within `window` (critical: the message may be lost). */
  readonly publishFailed?: Tunable<Partial<{ window: string }>>;
  /** A dead letter the reprocessor gave up on within `window` (warning). */
  readonly exhausted?: Tunable<Partial<{ window: string }>>;
  /** The reprocessor's lag on the DLQ topic above `threshold` for `for` (warning). */
  readonly backlog?: Tunable<Partial<{ threshold: number; for: string }>>;
  /** The reprocessor is down or absent (critical). */
  readonly reprocessorDown?: Tunable<Partial<{ for: string }>>;
  /** Rule group inside the services' PrometheusRules. Default `dead-letters`. */
  readonly ruleGroup?: string;
}

export interface DeadLetterQueue {
  readonly alerts: readonly AlertDefinition[];
  readonly watch: DeadLetterQueueWatchDefinition;
}

/**
 * Whether `counter` counted anything within `window`, its value the count. `increase` alone misses
 * the first event of a counter that a client library creates at its first increment (the series
 * is born at 1, and `increase` reads 0), which for a failed DLQ write is the one event that
 * matters: a series born within the window counts its value, when its target (`up`) was scraped
 * before it, or is a new target (a pod that replaced another, whose first scrape may already
 * show its first failure) of a job that was scraped then. A gap in one target's scraping, or a
 * restarted Prometheus, is not taken for a birth. The born series is read as its newest value
 * within two scrape intervals: one failed scrape marks it stale, and read plainly it would vanish
 * for an evaluation, resolving the alert and paging again a scrape later.
 */
function countedOrBorn(counter: string, window: string, target: ScrapedTarget, aggregate: (expr: string) => string): string {
  const { up } = target;
  const before = `${up} offset ${window}`;
  const scrapedBefore = `${before} == 1\n    or\n    (${up} unless on (job, instance) ${before})\n    and on (job)\n    ${before}`;
  const newest = `last_over_time(${counter}[${formatDuration(2 * target.intervalMs)}])`;
  const born = `\n  (${newest} unless ${counter} offset ${window})\n  and on (job, instance)\n  (\n    ${scrapedBefore}\n  )\n`;
  return `${aggregate(`increase(${counter}[${window}])`)} > 0\nor\n${aggregate(born)} > 0`;
}

/** A scrape target: its `up` selector and how often Prometheus scrapes it. */
interface ScrapedTarget {
  readonly up: string;
  readonly intervalMs: number;
}

function scrapedTarget(service: ServiceDefinition, matchers: Matchers): ScrapedTarget {
  const intervalMs = parseDuration(service.interval ?? serviceDefaults.interval) ?? parseDuration(serviceDefaults.interval)!;
  return { up: selector('up', matchers), intervalMs };
}

/** The dead-letter alerts for one source topic and its DLQ topic, each labelled `dlq_topic`. */
export const deadLetterQueue = template(function deadLetterQueue(options: DeadLetterQueueOptions): DeadLetterQueue {
  requireOptions('deadLetterQueue()', options);
  const { service, sourceTopic, dlqTopic } = options;
  const call = `deadLetterQueue(${JSON.stringify(dlqTopic) ?? ''})`;
  requireName(call, 'sourceTopic', sourceTopic);
  requireName(call, 'dlqTopic', dlqTopic);
  const profile = options.profile ?? { kind: 'application' };
  const labels = { dlq_topic: dlqTopic };
  const ruleGroup = options.ruleGroup ?? 'dead-letters';
  const alerts: AlertDefinition[] = [];
  const numbers: Record<string, number> = {};

  let published: string;
  let failed: string;
  let scraped: Matchers;
  // Every DLQ topic alike, the topic chosen by the dashboard variable: only the application's
  // counters carry the topic (Kafka Connect's do not).
  const topicVariable = re(`$${DLQ_TOPIC}`);
  let shared: Record<string, string | undefined> | undefined;
  if (profile.kind === 'application') {
    scraped = service.scrapeLabels;
    const matchers = { ...scraped, source_topic: sourceTopic, dlq_topic: dlqTopic };
    const publishedMetric = profile.published ?? 'dlq_messages_published_total';
    const failedMetric = profile.publishFailures ?? 'dlq_publish_failures_total';
    published = selector(publishedMetric, matchers);
    failed = selector(failedMetric, matchers);
    const everyTopic = (metric: string) => aggregateBy('sum', [DLQ_TOPIC], `rate(${selector(metric, { dlq_topic: topicVariable })}[5m])`);
    shared = { arrivals: everyTopic(publishedMetric), publishFailures: everyTopic(failedMetric) };
  } else {
    scraped = profile.matchers ?? service.scrapeLabels;
    const matchers = { ...scraped, connector: profile.connector };
    published = selector(profile.produceRequests ?? 'kafka_connect_task_error_metrics_deadletterqueue_produce_requests', matchers);
    failed = selector(profile.produceFailures ?? 'kafka_connect_task_error_metrics_deadletterqueue_produce_failures', matchers);
  }
  // Kafka Connect's metrics carry no topic: label every result with the DLQ topic it watches.
  const labelled = (expr: string) => (profile.kind === 'application' ? aggregateBy('sum', ['dlq_topic'], expr) : `label_replace(sum(${expr}), "dlq_topic", ${quote(dlqTopic)}, "", "")`);
  const counted = (series: string, window: string) => countedOrBorn(series, window, scrapedTarget(service, scraped), labelled);
  const perSecond = (series: string) => labelled(`rate(${series}[5m])`);

  const arrivals = tuned(options.arrivals, { window: '5m' });
  if (arrivals) {
    alerts.push(
      alert({
        service,
        group: ruleGroup,
        labels,
        name: 'DeadLetterMessagesPublished',
        severity: 'warning',
        expr: counted(published, arrivals.window),
        summary: `{{ $value | humanize }} messages from ${sourceTopic} were parked in ${dlqTopic}`,
        description: `Messages from ${sourceTopic} failed processing and were parked in the dead-letter topic ${dlqTopic} in the last ${arrivals.window}. They are safe but unprocessed until someone fixes the cause and re-drives them.`,
      }),
    );
  }

  const publishFailed = tuned(options.publishFailed, { window: '5m' });
  if (publishFailed) {
    alerts.push(
      alert({
        service,
        group: ruleGroup,
        labels,
        name: 'DeadLetterPublishFailed',
        severity: 'critical',
        expr: counted(failed, publishFailed.window),
        summary: `Writing to the dead-letter topic ${dlqTopic} failed: messages from ${sourceTopic} are at risk`,
        description: `In the last ${publishFailed.window}, messages from ${sourceTopic} failed processing and could not be written to ${dlqTopic} either. Unless the consumer stopped before committing, those messages are lost.`,
      }),
    );
  }

  const reprocessor = options.reprocessor;
  let backlogQuery: string | undefined;
  let reprocessOutcomes: string | undefined;
  if (reprocessor) {
    const owner = { service: reprocessor.service, group: ruleGroup, labels };
    const lagExporter = exporterScope(call, 'reprocessor.exporter', reprocessor.exporter);
    const lag = new LagQueries({
      ...lagExporter,
      group: reprocessor.group ?? reprocessor.service.name,
      topics: [dlqTopic],
    });
    backlogQuery = `label_replace(${lag.lagSum()}, "dlq_topic", ${quote(dlqTopic)}, "", "")`;
    const attempts = profile.kind === 'application' ? (profile.reprocessAttempts ?? 'dlq_reprocess_attempts_total') : undefined;
    if (shared && lag.perTopic) {
      const everyGroup = new LagQueries({ ...lagExporter, group: re('.+'), topics: topicVariable });
      shared.backlog = `label_replace(${everyGroup.lagSum()}, "dlq_topic", "$1", "topic", "(.*)")`;
    }
    if (shared && attempts) {
      shared.reprocessOutcomes = aggregateBy('sum', [DLQ_TOPIC, 'outcome'], `rate(${selector(attempts, { dlq_topic: topicVariable })}[5m])`);
    }
    if (attempts) {
      const attemptSeries = (outcome?: string) =>
        selector(attempts, { ...reprocessor.service.scrapeLabels, dlq_topic: dlqTopic, ...(outcome ? { outcome } : {}) });
      reprocessOutcomes = aggregateBy('sum', ['dlq_topic', 'outcome'], `rate(${attemptSeries()}[5m])`);
      const exhausted = tuned(options.exhausted, { window: '15m' });
      if (exhausted) {
        alerts.push(
          alert({
            ...owner,
            name: 'DeadLetterReprocessingExhausted',
            severity: 'warning',
            expr: countedOrBorn(attemptSeries('exhausted'), exhausted.window, scrapedTarget(reprocessor.service, reprocessor.service.scrapeLabels), (expr) => aggregateBy('sum', [DLQ_TOPIC], expr)),
            summary: `{{ $value | humanize }} dead letters in ${dlqTopic} ran out of retries`,
            description: `The reprocessor gave up on dead letters of ${dlqTopic} in the last ${exhausted.window}: retrying will not fix them. Each needs a person: fix the data or the consumer, then re-drive or discard it.`,
          }),
        );
      }
    }

    const backlog = tuned(options.backlog, { threshold: 100, for: '30m' });
    if (backlog) {
      numbers['backlog.threshold'] = backlog.threshold;
      alerts.push(
        alert({
          ...owner,
          name: 'DeadLetterBacklogHigh',
          severity: 'warning',
          expr: `${backlogQuery} > ${promNumber(backlog.threshold)}`,
          for: backlog.for,
          summary: `{{ $value | humanize }} dead letters wait in ${dlqTopic}`,
          description: `The reprocessor has been more than ${promNumber(backlog.threshold)} messages behind on ${dlqTopic} for ${backlog.for}. Dead letters pile up faster than they are re-driven.`,
        }),
      );
    }

    const down = tuned(options.reprocessorDown, { for: '5m' });
    if (down) {
      const up = selector('up', reprocessor.service.scrapeLabels);
      alerts.push(
        alert({
          ...owner,
          name: 'DeadLetterReprocessorDown',
          severity: 'critical',
          // Down, gone or crash-looping, the result has no labels: the alert keeps its identity from one to the other.
          // A crash loop (a minute up, minutes of back-off) would restart `for` at every start. It
          // is told from one outage, which must last `for` on its own, by going down more than once.
          expr: `max(absent(${up} == 1))\nor\n(max(avg_over_time(${up}[${CRASH_LOOP_WINDOW}])) < 0.5 and max(changes(${up}[${CRASH_LOOP_WINDOW}])) >= 3)`,
          for: down.for,
          summary: `The dead-letter reprocessor ${reprocessor.service.name} is down: ${dlqTopic} is not re-driven`,
          description: `Prometheus has not scraped a running ${reprocessor.service.name} for ${down.for}, or it crash-loops: no replica up for half of the last ${CRASH_LOOP_WINDOW}, going down and up again. Dead letters of ${dlqTopic} wait, and neither reprocessing nor its failures are seen.`,
        }),
      );
    }
  }

  const watch = watchDeadLetterQueue({
    service,
    sourceTopic,
    dlqTopic,
    profile: profile.kind,
    ...(reprocessor ? { reprocessor: reprocessor.service } : {}),
    signals: {
      arrivals: perSecond(published),
      publishFailures: perSecond(failed),
      backlog: backlogQuery,
      reprocessOutcomes,
    },
    ...(shared ? { shared: { variable: DLQ_TOPIC, value: dlqTopic, signals: shared } } : {}),
    alertNames: alertNames(alerts),
    numbers,
  });
  return { alerts, watch };
});
