import { describe, expect, it } from 'vitest';
import { errorRatio, latency, rawRatio, slo, type SloOptions } from '../../src/authoring/slo.ts';
import { record } from '../../src/authoring/record.ts';
import { discard } from '../../src/authoring/receivers.ts';
import { routing } from '../../src/authoring/routing.ts';
import type { Definition } from '../../src/authoring/index.ts';
import { compile } from '../../src/compile.ts';
import { testAlert, testService } from '../support/definitions.ts';

/** Values a definition built from data (or JavaScript without type checking) may carry. */
const loose = <T>(value: unknown) => value as T;

const svc = testService();
const availability = (overrides: Partial<SloOptions>) =>
  slo({ service: svc, name: 'availability', objective: 99.9, sli: errorRatio({ errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total' }), ...overrides });

interface Case {
  readonly name: string;
  readonly definitions: () => Definition[];
  /** Each diagnostic's message and path. */
  readonly expected: readonly (readonly [message: string, path: string])[];
}

const cases: Case[] = [
  {
    name: 'a summary that is a number',
    definitions: () => [svc, testAlert(svc, { summary: loose(42) })],
    expected: [['alert "CheckoutDown": `summary` must be a string, not a number', 'alert "CheckoutDown" > summary']],
  },
  {
    name: 'a misspelt field, and so a missing one',
    definitions: () => [svc, testAlert(svc, loose({ description: undefined, descripton: 'd' }))],
    expected: [
      ['alert "CheckoutDown": `description` is missing', 'alert "CheckoutDown" > description'],
      ['alert "CheckoutDown": `descripton` is not a field it has', 'alert "CheckoutDown" > descripton'],
    ],
  },
  {
    name: 'metrics that are not a list',
    definitions: () => [testService({ metrics: loose(5) })],
    expected: [['service "checkout": `metrics` must be a list, not a number', 'service "checkout" > metrics']],
  },
  {
    name: 'a label value that is a number',
    definitions: () => [svc, record({ name: 'job:up:sum', service: svc, expr: 'sum(up)', labels: loose({ tier: 1 }) })],
    expected: [['record "job:up:sum": `labels.tier` must be a string, not a number', 'record "job:up:sum" > labels > tier']],
  },
  {
    name: 'a service that is no service',
    definitions: () => [svc, testAlert(svc, { service: loose(7) }), testAlert(svc, { name: 'Other', service: loose(availability({})) })],
    expected: [
      ['alert "CheckoutDown": `service` must be a service or its name, not a number', 'alert "CheckoutDown" > service'],
      ['alert "Other": `service` must be a service or its name, not a definition of kind slo', 'alert "Other" > service'],
    ],
  },
  {
    name: 'an SLO tier given true, a factor given as text, an SLI not made by its functions',
    definitions: () => [
      svc,
      availability({
        alerting: loose({ page: { windows: [{ long: '1h', factor: '14.4' }] }, ticket: true, noData: { fro: '10m' } }),
        sli: loose({ kind: 'ratio', errors: 'x' }),
      }),
    ],
    expected: [
      ['slo "availability": `alerting.noData.fro` is not a field it has', 'slo "availability" > alerting > noData > fro'],
      ['slo "availability": `alerting.page.windows[0].factor` must be a number, not a string', 'slo "availability" > alerting > page > windows > 0 > factor'],
      ['slo "availability": `alerting.ticket` must be options or false, not true', 'slo "availability" > alerting > ticket'],
      ['slo "availability": `sli` must be made by errorRatio(), latency() or rawRatio()', 'slo "availability" > sli'],
    ],
  },
  {
    name: 'a latency SLI with a bucket given as text',
    definitions: () => [svc, availability({ sli: latency({ histogram: 'http_request_duration_seconds', thresholdSeconds: 0.5, buckets: loose([0.1, '0.5']) }) })],
    expected: [['slo "availability": `sli.buckets[1]` must be a number, not a string', 'slo "availability" > sli > buckets > 1']],
  },
  {
    name: 'routes that are not a list, a group_by that is neither a list nor all, a continue given as text',
    definitions: () => [
      svc,
      routing({ receiver: discard('nobody'), groupBy: loose('team'), routes: loose({ matchers: { team: 'payments' } }) }),
      routing({ receiver: discard('nobody'), routes: [{ routes: [{ continue: loose('yes'), groupWait: loose(30) }] }], inhibitRules: [loose({ source: { severity: 'critical' } })] }),
    ],
    expected: [
      ['routing: `groupBy` must be a list of label names or \'all\', not a string', 'routing > groupBy'],
      ['routing: `routes` must be a list, not an object', 'routing > routes'],
      ['routing: `inhibitRules[0].target` is missing', 'routing > inhibitRules > 0 > target'],
      ['routing: `routes[0].routes[0].continue` must be true or false, not a string', 'routing > routes > 0 > routes > 0 > continue'],
      ['routing: `routes[0].routes[0].groupWait` must be a string, not a number', 'routing > routes > 0 > routes > 0 > groupWait'],
    ],
  },
];

describe('the shape of hand-written definitions', () => {
  it.each(cases)('$name', (c) => {
    const definitions = c.definitions();
    const result = compile({ definitions });
    const shape = result.diagnostics.filter((d) => d.code === 'invalid-definition');
    expect(shape.map((d) => [d.message, d.location.path])).toEqual(c.expected);
    const madeAt = new Set(definitions.map((d) => `${d.location.file}:${d.location.line}`));
    for (const d of shape) {
      expect(d.severity).toBe('error');
      expect(d.hint).toMatch(/^`(service|alert|record|slo|routing)\(\)` takes (Service|Alert|Record|Slo|Routing)Options: /);
      expect(d.location.line, 'at the line the definition was made').toBeDefined();
      expect(madeAt.has(`${d.location.file}:${d.location.line}`)).toBe(true);
    }
    expect(result.diagnostics, 'nothing else is checked until the shapes are right').toHaveLength(shape.length);
    expect(result.bundle.size).toBe(0);
  });

  it('takes every shape the option types allow', () => {
    const result = compile({
      definitions: [
        testService({ selector: { app: 'checkout' }, port: 'web', path: '/metrics', interval: '15s', scrape: true, labels: { tier: 'one' }, metrics: ['up'] }),
        testAlert(svc, { service: 'checkout', keepFiringFor: '5m', labels: { component: 'api' }, annotations: { dashboard: 'https://grafana/d/x' }, group: 'own' }),
        record({ name: 'job:http_requests:rate5m', service: 'checkout', expr: 'sum(rate(http_requests_total[5m]))', labels: { tier: 'one' }, group: 'recorded' }),
        availability({
          description: 'requests served',
          window: '28d',
          by: ['route'],
          alerting: { page: { windows: [{ long: '1h', short: '5m', factor: 14.4 }], for: '2m', keepFiringFor: '5m', severity: 'critical' }, ticket: false, noData: false, minEventRate: 0.1 },
        }),
        slo({ service: svc, name: 'latency', objective: 99, sli: latency({ histogram: 'http_request_duration_seconds', matchers: { job: 'checkout' }, thresholdSeconds: 0.5, buckets: [0.1, 0.5, 1] }) }),
        routing({
          receiver: discard('nobody'),
          groupBy: 'all',
          groupWait: '10s',
          routes: [{ matchers: { team: 'payments' }, receiver: discard('payments'), continue: true, groupBy: ['alertname'], routes: [{ repeatInterval: '1h' }] }],
          inhibitRules: [{ source: { severity: 'critical' }, target: { severity: 'warning' }, equal: ['alertname'] }],
          heartbeat: { service: svc, receiver: discard('heartbeat'), interval: '1m' },
        }),
        slo({ service: svc, name: 'raw', objective: 99, sli: rawRatio({ errorRatio: 'sum(rate(errors_total[{{window}}])) / sum(rate(requests_total[{{window}}]))', simulate: { bad: ['errors_total'], all: ['requests_total'] } }) }),
      ],
    });
    expect(result.diagnostics.filter((d) => d.code === 'invalid-definition')).toEqual([]);
  });
});
