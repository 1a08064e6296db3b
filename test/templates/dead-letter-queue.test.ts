import { it } from 'vitest';
import { service } from '../../src/authoring/service.ts';
import { labelMatchers } from '../../src/promql/selector.ts';
import { deadLetterQueue } from '../../src/templates/dead-letter-queue.ts';
import { fires, runScenarios, series, silent } from '../support/template-scenarios.ts';
import { describeWithTool } from '../support/tools.ts';

const consumer = service({ name: 'billing', namespace: 'shop', team: 'payments' });
const reprocessor = service({ name: 'redriver', namespace: 'shop', team: 'platform' });
const DLQ = 'invoices.dlq';
const dlqLabels = { dlq_topic: DLQ };
const all = ['DeadLetterMessagesPublished', 'DeadLetterPublishFailed', 'DeadLetterReprocessingExhausted', 'DeadLetterBacklogHigh', 'DeadLetterReprocessorDown'];

const app = (metric: string, values: string, extra: Record<string, string> = {}) =>
  series(`${metric}${labelMatchers({ namespace: 'shop', job: 'billing', source_topic: 'invoices', dlq_topic: DLQ, reason: 'deserialization', ...extra })}`, values);
const attempts = (outcome: string, values: string) => series(`dlq_reprocess_attempts_total${labelMatchers({ namespace: 'shop', job: 'redriver', dlq_topic: DLQ, outcome })}`, values);
const backlog = (values: string) =>
  series(`kafka_consumergroup_lag${labelMatchers({ job: 'kafka-exporter', consumergroup: 'redriver', topic: DLQ, partition: '0' })}`, values);
const up = (values: string) => series(`up${labelMatchers({ namespace: 'shop', job: 'redriver' })}`, values);
const consumerUp = (values: string) => series(`up${labelMatchers({ namespace: 'shop', job: 'billing' })}`, values);

/** A quiet DLQ: counters exist and do not move, the reprocessor is up with no backlog. */
const quietWorld = [
  app('dlq_messages_published_total', '3x120'),
  app('dlq_publish_failures_total', '0x120'),
  attempts('success', '3x120'),
  attempts('exhausted', '0x120'),
  backlog('0x120'),
  up('1x120'),
];
const replace = (name: string, ...replacement: ReturnType<typeof series>[]) => [...quietWorld.filter((s) => !s.series.startsWith(name)), ...replacement];

describeWithTool('promtool', 'deadLetterQueue alerts under promtool', () => {
  it('application counters: fire on arrivals, failed publishes, exhausted retries, backlog and a down reprocessor; quiet otherwise', () => {
    const dlq = deadLetterQueue({ service: consumer, sourceTopic: 'invoices', dlqTopic: DLQ, reprocessor: { service: reprocessor } });
    runScenarios(
      [consumer, reprocessor, ...dlq.alerts, dlq.watch],
      [
        { name: 'a quiet DLQ stays quiet', input: quietWorld, checks: all.map((a) => silent(a, '100m')) },
        {
          name: 'one dead letter warns',
          input: replace('dlq_messages_published_total', app('dlq_messages_published_total', '3x30 4x90')),
          checks: [silent('DeadLetterMessagesPublished', '29m'), fires('DeadLetterMessagesPublished', '32m', dlqLabels), silent('DeadLetterMessagesPublished', '40m')],
        },
        {
          name: 'one failed publish pages',
          input: replace('dlq_publish_failures_total', app('dlq_publish_failures_total', '0x30 1x90')),
          checks: [fires('DeadLetterPublishFailed', '32m', dlqLabels)],
        },
        {
          name: 'exhausted retries warn',
          input: replace('dlq_reprocess_attempts_total{dlq_topic="invoices.dlq",job="redriver",namespace="shop",outcome="exhausted"}', attempts('exhausted', '0x30 2x90')),
          checks: [fires('DeadLetterReprocessingExhausted', '35m', dlqLabels), silent('DeadLetterPublishFailed', '35m')],
        },
        {
          name: 'a backlog above 100 for 30 minutes warns',
          input: replace('kafka_consumergroup_lag', backlog('0x10 500x110')),
          checks: [silent('DeadLetterBacklogHigh', '35m'), fires('DeadLetterBacklogHigh', '45m', dlqLabels)],
        },
        {
          name: 'a small backlog stays quiet',
          input: replace('kafka_consumergroup_lag', backlog('0x10 80x110')),
          checks: [silent('DeadLetterBacklogHigh', '100m')],
        },
        {
          name: 'a down reprocessor pages',
          input: replace('up', up('1x20 0x100')),
          checks: [silent('DeadLetterReprocessorDown', '22m'), fires('DeadLetterReprocessorDown', '30m', dlqLabels)],
        },
        { name: 'an absent reprocessor pages', input: replace('up'), checks: [fires('DeadLetterReprocessorDown', '10m', dlqLabels)] },
        {
          // Down, then gone from the targets (scaled to zero): one outage, one alert that stays firing.
          name: 'a reprocessor down and then gone stays one firing alert',
          input: replace('up', up('1x10 0x10')),
          checks: ['16m', '27m', '40m'].map((at) => fires('DeadLetterReprocessorDown', at, dlqLabels)),
        },
        {
          // Client libraries create a labelled counter at its first increment: the series is born at 1.
          name: 'a failed publish whose counter is born at 1 pages, and resolves',
          input: [...replace('dlq_publish_failures_total', app('dlq_publish_failures_total', '_x30 1x90')), consumerUp('1x120')],
          checks: [silent('DeadLetterPublishFailed', '29m'), fires('DeadLetterPublishFailed', '31m', dlqLabels), fires('DeadLetterPublishFailed', '34m', dlqLabels), silent('DeadLetterPublishFailed', '40m')],
        },
        {
          name: 'dead letters and exhausted retries whose counters are born at their first increment warn',
          input: [
            ...replace('dlq_messages_published_total', app('dlq_messages_published_total', '_x30 2x90')).filter((s) => !s.series.includes('outcome="exhausted"')),
            attempts('exhausted', '_x30 1x90'),
            consumerUp('1x120'),
          ],
          checks: [fires('DeadLetterMessagesPublished', '32m', dlqLabels), fires('DeadLetterReprocessingExhausted', '32m', dlqLabels), silent('DeadLetterReprocessingExhausted', '50m')],
        },
        ...[
          // A rollout: the new pod (a new instance) re-reads the poison message and fails its DLQ write before its first scrape.
          { name: 'a new pod whose first scrape shows a failed publish pages', oldPod: '1x20', check: fires },
          { name: 'a pod first seen after Prometheus was down is no new failure', oldPod: '_x20', check: silent },
        ].map(({ name, oldPod, check }) => ({
          name,
          input: [
            ...quietWorld.filter((s) => !s.series.startsWith('dlq_')),
            app('dlq_publish_failures_total', oldPod, { instance: '10.0.0.1:8080' }),
            app('dlq_publish_failures_total', '_x21 1x60', { instance: '10.0.0.2:8080' }),
            series(`up${labelMatchers({ namespace: 'shop', job: 'billing', instance: '10.0.0.1:8080' })}`, oldPod),
            series(`up${labelMatchers({ namespace: 'shop', job: 'billing', instance: '10.0.0.2:8080' })}`, '_x21 1x60'),
          ],
          checks: [silent('DeadLetterPublishFailed', '20m'), check('DeadLetterPublishFailed', '23m', dlqLabels), silent('DeadLetterPublishFailed', '30m')],
        })),
        ...[
          { name: 'a counter seen again after a scrape gap is no new failure', up: '1x20 0x20 1x80' },
          { name: 'a counter seen again after Prometheus was down is no new failure', up: '1x20 _x20 1x80' },
        ].map(({ name, up: consumerScrapes }) => ({
          name,
          input: [
            ...replace('dlq_publish_failures_total', app('dlq_publish_failures_total', '2x20 _x20 2x80')).filter((s) => !s.series.startsWith('dlq_messages_published_total')),
            app('dlq_messages_published_total', '_x40 5x80'),
            consumerUp(consumerScrapes),
          ],
          checks: ['42m', '45m', '50m'].flatMap((at) => [silent('DeadLetterPublishFailed', at), silent('DeadLetterMessagesPublished', at)]),
        })),
      ],
    );
  });

  it('a failed scrape while a newly born counter pages neither resolves the page nor pages again', () => {
    const dlq = deadLetterQueue({ service: consumer, sourceTopic: 'invoices', dlqTopic: DLQ });
    runScenarios(
      [consumer, ...dlq.alerts],
      [
        {
          // 30s scrapes: the counter is born at 20m; the scrape at 23m fails and marks it stale.
          name: 'a failed publish keeps paging through one failed scrape',
          input: [app('dlq_publish_failures_total', '_x40 1x5 stale 1x60'), consumerUp('1x45 0 1x60')],
          checks: [silent('DeadLetterPublishFailed', '19m30s'), ...['20m', '23m', '23m15s', '24m'].map((at) => fires('DeadLetterPublishFailed', at, dlqLabels)), silent('DeadLetterPublishFailed', '26m')],
        },
      ],
      '30s',
    );
  });

  it('a reprocessor crash-looping on a poison message pages; a flaky scrape does not', () => {
    const dlq = deadLetterQueue({ service: consumer, sourceTopic: 'invoices', dlqTopic: DLQ, reprocessor: { service: reprocessor } });
    // 30s scrapes. Each cycle runs a minute, crashes and backs off for five (Kubernetes' cap).
    const crashLoop = Array.from({ length: 8 }, () => '1 1 0 0 0 0 0 0 0 0 0 0').join(' ');
    runScenarios(
      [consumer, reprocessor, ...dlq.alerts],
      [
        {
          name: 'a crash loop pages',
          input: [up(`1x19 ${crashLoop}`)],
          checks: [silent('DeadLetterReprocessorDown', '10m'), ...['30m', '41m', '45m', '57m'].map((at) => fires('DeadLetterReprocessorDown', at, dlqLabels))],
        },
        {
          name: 'a crash loop that ends resolves within minutes',
          input: [up(`1x19 ${crashLoop.split(' ').slice(0, 48).join(' ')} 1x60`)],
          checks: [fires('DeadLetterReprocessorDown', '33m', dlqLabels), silent('DeadLetterReprocessorDown', '41m')],
        },
        ...[
          // One outage shorter than `for`: less than half up for minutes after it ends, but no crash loop.
          { name: 'a slow first start stays quiet', values: '0x7 1x110' },
          { name: 'one outage shorter than for stays quiet after it ends', values: '1x19 0x8 1x90' },
        ].map(({ name, values }) => ({ name, input: [up(values)], checks: ['5m', '8m', '15m', '18m', '21m'].map((at) => silent('DeadLetterReprocessorDown', at)) })),
        {
          name: 'one failed scrape in four stays quiet',
          input: [up(Array.from({ length: 30 }, () => '1 1 1 0').join(' '))],
          checks: ['20m', '40m', '59m'].map((at) => silent('DeadLetterReprocessorDown', at)),
        },
      ],
      '30s',
    );
  });

  it('Kafka Connect metrics: fire on arrivals and failed publishes, labelled with the DLQ topic', () => {
    const connect = service({ name: 'connect', namespace: 'kafka', team: 'platform' });
    const dlq = deadLetterQueue({ service: connect, sourceTopic: 'invoices', dlqTopic: DLQ, profile: { kind: 'kafka-connect', connector: 'invoices-sink' } });
    const task = (metric: string, values: string) =>
      series(`kafka_connect_task_error_metrics_${metric}${labelMatchers({ namespace: 'kafka', job: 'connect', connector: 'invoices-sink', task: '0' })}`, values);
    runScenarios(
      [connect, ...dlq.alerts, dlq.watch],
      [
        {
          name: 'quiet',
          input: [task('deadletterqueue_produce_requests', '5x60'), task('deadletterqueue_produce_failures', '0x60')],
          checks: [silent('DeadLetterMessagesPublished', '50m'), silent('DeadLetterPublishFailed', '50m')],
        },
        {
          name: 'arrivals warn, failures page',
          input: [task('deadletterqueue_produce_requests', '5x20 7x40'), task('deadletterqueue_produce_failures', '0x20 1x40')],
          checks: [fires('DeadLetterMessagesPublished', '22m', dlqLabels), fires('DeadLetterPublishFailed', '22m', dlqLabels)],
        },
      ],
    );
  });
});
