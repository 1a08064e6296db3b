import { RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { anyOf, dashboard, re, selector, statPanel, timeSeriesPanel, vigilDashboard } from 'vigil';

/**
 * The DSRS household saga end to end, the way the platform team reads it in an incident:
 * households written by registry, events leaving its outbox, each consumer group's lag along
 * the saga, and what falls into the dead-letter topics.
 */
const dsrs = { namespace: 'dsrs' };
const kafka = { namespace: 'kafka', job: 'kafka-exporter' };
const saga = ['eligibility', 'payment', 'analytics'];

const builder = vigilDashboard({
  uid: 'dsrs-household-saga',
  title: 'DSRS household saga',
  description: 'From a household written in registry to its payment: throughput, outbox, lag per consumer group, dead letters.',
  tags: ['dsrs'],
  namespace: 'dsrs',
})
  .withRow(new RowBuilder('Entry: registry').id(10))
  .withPanel(
    timeSeriesPanel({
      id: 11,
      title: 'Households written (requests/s)',
      unit: 'reqps',
      queries: [{ expr: `sum by (code) (rate(${selector('http_requests_total', { ...dsrs, job: 'registry', method: 'POST' })}[5m]))`, legend: '{{code}}' }],
    }),
  )
  .withPanel(
    timeSeriesPanel({
      id: 12,
      title: 'Oldest event waiting in the outbox',
      unit: 's',
      thresholds: [300],
      queries: [{ expr: `max(${selector('outbox_oldest_pending_age_seconds', { ...dsrs, job: 'registry' })})`, legend: 'oldest pending' }],
    }),
  )
  .withRow(new RowBuilder('Along the saga: consumer lag').id(20))
  .withPanel(
    timeSeriesPanel({
      id: 21,
      title: 'Lag per consumer group (messages)',
      width: 24,
      queries: [{ expr: `sum by (consumergroup) (${selector('kafka_consumergroup_lag', { ...kafka, consumergroup: re(anyOf(saga)) })} >= 0)`, legend: '{{consumergroup}}' }],
    }),
  )
  .withRow(new RowBuilder('Dead letters').id(30))
  .withPanel(
    statPanel({
      id: 31,
      title: 'Parked in the last hour',
      width: 12,
      thresholds: [1],
      queries: [{ expr: `sum(increase(${selector('dlq_messages_published_total', dsrs)}[1h]))`, legend: 'parked' }],
    }),
  )
  .withPanel(
    statPanel({
      id: 32,
      title: 'Failed to park in the last hour (at risk)',
      width: 12,
      thresholds: [1],
      queries: [{ expr: `sum(increase(${selector('dlq_publish_failures_total', dsrs)}[1h]))`, legend: 'failed' }],
    }),
  );

dashboard(builder);
