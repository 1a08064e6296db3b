import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../src/authoring/config.ts';
import { normalize } from '../../src/normalize/index.ts';
import { compileDefinitions, testAlert, testService } from '../support/definitions.ts';

describe('normalize', () => {
  it('fills service defaults', () => {
    const { ir } = normalize([testService()]);
    expect(ir.services[0]).toMatchObject({
      id: 'shop/checkout',
      selector: { 'app.kubernetes.io/name': 'checkout' },
      port: 'http-metrics',
      path: '/metrics',
      interval: '30s',
      scrape: true,
    });
  });

  it('gives every alert severity, team, namespace, service and a runbook link', () => {
    const svc = testService({ labels: { tier: 'frontend' } });
    const config = defineConfig({ runbooks: { baseUrl: 'https://git.example/runbooks/' } });
    const { ir } = normalize([svc, testAlert(svc, { labels: { component: 'api' } })], config);
    const [rule] = ir.ruleGroups[0]!.rules;
    expect(rule).toMatchObject({
      labels: { component: 'api', namespace: 'shop', service: 'checkout', severity: 'critical', team: 'payments', tier: 'frontend' },
      annotations: {
        summary: 'checkout is down',
        description: 'Prometheus cannot scrape checkout.',
        runbook_url: 'https://git.example/runbooks/CheckoutDown.md',
      },
    });
    expect(ir.ruleGroups[0]!.name).toBe('shop.checkout.alerts');
  });

  it('resolves a service by name', () => {
    const svc = testService();
    const { ir, diagnostics } = normalize([svc, testAlert(svc, { service: 'checkout' })]);
    expect(diagnostics).toEqual([]);
    expect(ir.ruleGroups[0]!.serviceId).toBe('shop/checkout');
  });

  it('reports unknown, ambiguous and duplicate services', () => {
    const a = testService();
    const b = testService({ namespace: 'other' });
    const result = compileDefinitions([a, b, testService(), testAlert(a, { service: 'checkout' }), testAlert(a, { service: 'nope' })]);
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual(
      expect.arrayContaining([
        ['duplicate-service', 'service `shop/checkout` is defined twice'],
        ['unknown-service', 'service name `checkout` is ambiguous'],
        ['unknown-service', 'no service is named `nope`'],
      ]),
    );
    expect(result.bundle.size).toBe(0);
  });

  it('orders recordings after the recordings they read, whatever the definition order', async () => {
    const { record } = await import('../../src/authoring/record.ts');
    const svc = testService();
    const base = record({ name: 'job:requests:rate5m', service: svc, expr: 'sum(rate(requests_total[5m]))' });
    const derived = record({ name: 'a:requests:ratio', service: svc, expr: 'job:requests:rate5m / 2' });
    const other = record({ name: 'b:other:rate5m', service: svc, expr: 'sum(rate(other_total[5m]))' });
    for (const order of [[base, derived, other], [other, derived, base]]) {
      const { ir } = normalize([svc, ...order]);
      expect(ir.ruleGroups[0]!.rules.map((r) => r.name)).toEqual(['job:requests:rate5m', 'a:requests:ratio', 'b:other:rate5m']);
    }
  });

  it('keeps one rule of a shared recording, in the first service by id that defines it, whatever the definition order', async () => {
    const { record } = await import('../../src/authoring/record.ts');
    const services = ['orders', 'billing', 'audit'].map((name) => testService({ name }));
    const shared = services.map((service) => record({ name: 'job:groups:count', service, expr: 'count(groups)', labels: { job: 'exporter' }, group: 'exporter', shared: true }));
    for (const order of [shared, [...shared].reverse()]) {
      const { ir, diagnostics } = normalize([...services, ...order]);
      expect(diagnostics).toEqual([]);
      expect(ir.ruleGroups.map((g) => [g.name, g.rules.map((r) => r.name)])).toEqual([['shop.audit.exporter', ['job:groups:count']]]);
    }
  });

  it('refuses two shared recordings of one series with different expressions', async () => {
    const { record } = await import('../../src/authoring/record.ts');
    const [a, b] = ['a', 'b'].map((name) => testService({ name }));
    const { diagnostics } = normalize([
      a!,
      b!,
      record({ name: 'job:groups:count', service: a!, expr: 'count(groups)', labels: { job: 'exporter' }, shared: true }),
      record({ name: 'job:groups:count', service: b!, expr: 'count(other_groups)', labels: { job: 'exporter' }, shared: true }),
      record({ name: 'job:groups:count', service: b!, expr: 'count(groups)', labels: { job: 'other' }, shared: true }),
    ]);
    expect(diagnostics.map((d) => [d.code, d.message])).toEqual([
      ['duplicate-rule', 'shared recording `job:groups:count{job="exporter"}` is defined with two different expressions'],
    ]);
  });
});
