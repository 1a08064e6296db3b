import { describe, expect, it } from 'vitest';
import type { Definition } from '../../src/authoring/index.ts';
import { errorRatio, slo } from '../../src/authoring/slo.ts';
import { panelsOf } from '../../src/grafana/panels-of.ts';
import type { GrafanaDashboardModel } from '../../src/ir.ts';
import { checkPromql } from '../../src/promql/check.ts';
import { re, selector } from '../../src/promql/selector.ts';
import { deadLetterQueue } from '../../src/templates/dead-letter-queue.ts';
import { kafkaConsumerLag } from '../../src/templates/kafka-consumer-lag.ts';
import { compileDefinitions, testService } from '../support/definitions.ts';

/** `services` services, each with an SLO, a consumer group and a DLQ with its reprocessor. */
function organisation(services: number, extra: (i: number) => Definition[] = () => []): Definition[] {
  const definitions: Definition[] = [];
  for (let i = 0; i < services; i++) {
    const svc = testService({ name: `svc-${i}`, namespace: `ns-${i % 3}`, team: 'payments' });
    const requests = selector('http_requests_total', svc.scrapeLabels);
    const lag = kafkaConsumerLag({ service: svc, group: `group-${i}`, topics: [`orders-${i}`], exporterDown: false });
    const dlq = deadLetterQueue({ service: svc, sourceTopic: `orders-${i}`, dlqTopic: `orders-${i}.dlq`, reprocessor: { service: svc } });
    definitions.push(
      svc,
      slo({ service: svc, name: 'availability', objective: 99.9, sli: errorRatio({ errors: selector('http_requests_total', { ...svc.scrapeLabels, code: re('5..') }), total: requests }) }),
      ...lag.alerts,
      ...lag.records,
      lag.watch,
      ...dlq.alerts,
      dlq.watch,
      ...extra(i),
    );
  }
  return definitions;
}

function orgDashboards(definitions: readonly Definition[]) {
  const result = compileDefinitions(definitions);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const byUid = (uid: string) => result.ir.dashboards.find((d) => d.uid === uid)!.model;
  return { kafka: byUid('vigil-kafka'), deadLetters: byUid('vigil-dead-letters'), overview: byUid('vigil-overview') };
}

const variables = (model: GrafanaDashboardModel) => ((model.templating as { list?: unknown[] } | undefined)?.list ?? []) as { name: string; query?: string; current?: { value: string } }[];
const shape = (model: GrafanaDashboardModel) => panelsOf({ model } as never).map((p) => `${p.type} ${p.id} ${p.title}`);

describe('the organisation-wide dashboards', () => {
  it('keep the same panels however many services there are: rows repeat over a variable of the watched values', () => {
    const small = orgDashboards(organisation(3));
    const large = orgDashboards(organisation(40));
    for (const name of ['kafka', 'deadLetters', 'overview'] as const) expect(shape(large[name]), name).toEqual(shape(small[name]));

    const groups = variables(large.kafka).find((v) => v.name === 'consumergroup')!;
    expect(groups.query!.split(',')).toHaveLength(40);
    expect(groups.current, 'more values than a browser draws comfortably: the first only').toEqual({ text: 'group-0', value: 'group-0' });
    expect(variables(small.kafka).find((v) => v.name === 'consumergroup')!.current!.value).toBe('$__all');
    const topics = variables(large.deadLetters).find((v) => v.name === 'dlq_topic')!;
    expect(topics.query!.split(',')).toContain('orders-7.dlq');

    const rows = panelsOf({ model: large.kafka } as never).filter((p) => p.type === 'row') as { repeat?: string }[];
    expect(rows.map((r) => r.repeat)).toEqual(['consumergroup']);
  });

  it("select the row's value in every query, with a regex as Grafana escapes a multi-value variable", () => {
    const { kafka, deadLetters } = orgDashboards(organisation(2));
    for (const model of [kafka, deadLetters]) {
      for (const panel of panelsOf({ model } as never).filter((p) => p.type !== 'row')) {
        for (const target of panel.targets ?? []) {
          expect(target.expr, panel.title).toMatch(/=~"\$(consumergroup|dlq_topic)"/);
          expect(checkPromql(target.expr!), target.expr).toEqual([]);
        }
      }
    }
  });

  it('give a second exporter its own repeated row and variable, and a Kafka Connect DLQ a row of its own', () => {
    const extra = (i: number): Definition[] => {
      if (i !== 0) return [];
      const svc = testService({ name: 'connect', namespace: 'ns-0' });
      const kminion = kafkaConsumerLag({ service: svc, group: 'sink', topics: ['events'], exporter: 'kminion', exporterDown: false });
      const connect = deadLetterQueue({ service: svc, sourceTopic: 'events', dlqTopic: 'events.dlq', profile: { kind: 'kafka-connect', connector: 'sink' } });
      return [svc, ...kminion.alerts, kminion.watch, ...connect.alerts, connect.watch];
    };
    const { kafka, deadLetters } = orgDashboards(organisation(2, extra));
    expect(variables(kafka).map((v) => [v.name, v.query])).toEqual([
      ['datasource', 'prometheus'],
      ['consumergroup', 'group-0,group-1'],
      ['consumergroup_2', 'sink'],
    ]);
    const kminionRow = panelsOf({ model: kafka } as never).filter((p) => (p.id ?? 0) >= 200 && (p.id ?? 0) < 300 && p.type !== 'row');
    expect(kminionRow.length).toBeGreaterThan(0);
    for (const panel of kminionRow) for (const target of panel.targets ?? []) expect(target.expr).toContain('"$consumergroup_2"');

    const titles = panelsOf({ model: deadLetters } as never).filter((p) => p.type === 'row').map((p) => p.title);
    expect(titles).toEqual(['$dlq_topic', 'events.dlq: dead letters of events (connect)']);
  });
});
