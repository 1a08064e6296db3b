import { describe, expect, it } from 'vitest';
import type { AlertOptions } from '../../src/authoring/alert.ts';
import type { ServiceOptions } from '../../src/authoring/service.ts';
import { formatLocation } from '../../src/diagnostics/diagnostic.ts';
import { compileDefinitions, testAlert, testService } from '../support/definitions.ts';

interface Case {
  readonly name: string;
  readonly service?: Partial<ServiceOptions>;
  readonly alert?: Partial<AlertOptions> | null;
  /** Expected diagnostic code and path, or undefined for a valid case. */
  readonly expect?: { code: string; path: string };
}

const cases: Case[] = [
  { name: 'a plain service and alert' },
  { name: 'a service that is only scraped', alert: null },
  { name: 'PromQL syntax error', alert: { expr: 'sum(rate(x[5m])' }, expect: { code: 'promql-syntax', path: 'alert "CheckoutDown" > expr' } },
  { name: 'PromQL type error', alert: { expr: 'rate(x) > 1' }, expect: { code: 'promql-syntax', path: 'alert "CheckoutDown" > expr' } },
  { name: 'a selector that matches every series', alert: { expr: '{job=~".*"} == 0' }, expect: { code: 'promql-syntax', path: 'alert "CheckoutDown" > expr' } },
  { name: 'a regex RE2 cannot compile', alert: { expr: 'up{job=~"("} == 0' }, expect: { code: 'promql-syntax', path: 'alert "CheckoutDown" > expr' } },
  { name: 'a range of zero', alert: { expr: 'rate(x[0s]) > 1' }, expect: { code: 'promql-syntax', path: 'alert "CheckoutDown" > expr' } },
  { name: 'bad for', alert: { for: '5 minutes' }, expect: { code: 'invalid-duration', path: 'alert "CheckoutDown" > for' } },
  { name: 'bad keepFiringFor', alert: { keepFiringFor: '-1m' }, expect: { code: 'invalid-duration', path: 'alert "CheckoutDown" > keepFiringFor' } },
  { name: 'a for longer than Prometheus holds', alert: { for: '300y' }, expect: { code: 'invalid-duration', path: 'alert "CheckoutDown" > for' } },
  { name: 'a scrape interval longer than Prometheus holds', service: { interval: '300y' }, expect: { code: 'invalid-duration', path: 'service "checkout" > interval' } },
  { name: 'zero scrape interval', service: { interval: '0s' }, expect: { code: 'invalid-duration', path: 'service "checkout" > interval' } },
  { name: 'uppercase service name', service: { name: 'Checkout' }, alert: null, expect: { code: 'invalid-name', path: 'service "Checkout" > name' } },
  { name: 'namespace with a dot', service: { namespace: 'shop.prod' }, expect: { code: 'invalid-name', path: 'service "checkout" > namespace' } },
  { name: 'empty team', service: { team: ' ' }, expect: { code: 'invalid-name', path: 'service "checkout" > team' } },
  { name: 'port name too long', service: { port: 'http-metrics-port' }, expect: { code: 'invalid-name', path: 'service "checkout" > port' } },
  { name: 'relative metrics path', service: { path: 'metrics' }, expect: { code: 'invalid-name', path: 'service "checkout" > path' } },
  { name: 'alert name with a quote', alert: { name: 'Checkout"Down' }, expect: { code: 'invalid-name', path: 'alert "Checkout"Down" > name' } },
  { name: 'alert name with a slash', alert: { name: '../../etc/passwd' }, expect: { code: 'invalid-name', path: 'alert "../../etc/passwd" > name' } },
  { name: 'label name with a dash', alert: { labels: { 'my-label': 'x' } }, expect: { code: 'invalid-label', path: 'alert "CheckoutDown" > labels' } },
  { name: 'empty label value', alert: { labels: { component: '' } }, expect: { code: 'invalid-label', path: 'alert "CheckoutDown" > labels' } },
  { name: 'an empty selector, which selects every Service of the namespace', service: { selector: {} }, expect: { code: 'service-selector', path: 'service "checkout" > selector' } },
  { name: 'selector value with a space', service: { selector: { app: 'check out' } }, expect: { code: 'invalid-label', path: 'service "checkout" > selector' } },
  { name: 'severity overridden by a label', alert: { labels: { severity: 'page' } }, expect: { code: 'reserved-label', path: 'alert "CheckoutDown" > labels' } },
  { name: 'runbook_url overridden', alert: { annotations: { runbook_url: 'https://x' } }, expect: { code: 'reserved-label', path: 'alert "CheckoutDown" > annotations' } },
  { name: 'empty summary', alert: { summary: '' }, expect: { code: 'missing-annotation', path: 'alert "CheckoutDown" > summary' } },
  { name: 'empty description', alert: { description: '  ' }, expect: { code: 'missing-annotation', path: 'alert "CheckoutDown" > description' } },
  { name: 'a service that produces nothing', service: { scrape: false }, alert: null, expect: { code: 'empty-output', path: 'service "checkout"' } },
];

describe('validation rules', () => {
  it.each(cases)('$name', (c) => {
    const svc = testService(c.service);
    const definitions = c.alert === null ? [svc] : [svc, testAlert(svc, c.alert ?? {})];
    const result = compileDefinitions(definitions);
    if (!c.expect) {
      expect(result.diagnostics).toEqual([]);
      expect(result.bundle.size).toBeGreaterThan(0);
      return;
    }
    expect(result.diagnostics.map((d) => ({ code: d.code, path: d.location.path }))).toContainEqual(c.expect);
    expect(result.bundle.size, 'nothing is emitted when there are errors').toBe(0);
  });

  it('judges each expression, though another of the same shape was valid: an empty matcher value is an error', () => {
    const svc = testService();
    const fine = testAlert(svc, { name: 'Fine', expr: '{job="checkout"} == 0' });
    const empty = testAlert(svc, { name: 'Empty', expr: '{job=""} == 0' });
    const result = compileDefinitions([svc, fine, empty]);
    expect(result.diagnostics.map((d) => ({ code: d.code, path: d.location.path }))).toEqual([{ code: 'promql-syntax', path: 'alert "Empty" > expr' }]);
  });

  it('judges each regex matcher, though another expression of the same shape was valid', () => {
    const svc = testService();
    const fine = testAlert(svc, { name: 'Fine', expr: '{job=~"check.+"} == 0' });
    const everything = testAlert(svc, { name: 'Everything', expr: '{job=~"check.*|"} == 0' });
    const broken = testAlert(svc, { name: 'Broken', expr: '{job=~"check(.+"} == 0' });
    const result = compileDefinitions([svc, fine, everything, broken]);
    expect(result.diagnostics.map((d) => ({ code: d.code, path: d.location.path }))).toEqual([
      { code: 'promql-syntax', path: 'alert "Broken" > expr' },
      { code: 'promql-syntax', path: 'alert "Everything" > expr' },
    ]);
  });

  it('judges each regex matcher by its own value, though another expression of the same shape was judged first', () => {
    const svc = testService();
    const values: Record<string, string> = { Alternatives: 'checkout|cart', Literal: 'checkout', Anchored: '^checkout.+', Everything: '.*' };
    const regexAlert = (name: string) => testAlert(svc, { name, expr: `up{job=~"${values[name]}"} == 0` });
    for (const order of [
      ['Alternatives', 'Literal', 'Anchored', 'Everything'],
      ['Everything', 'Anchored', 'Literal', 'Alternatives'],
    ]) {
      const result = compileDefinitions([svc, ...order.map(regexAlert)]);
      const found = result.diagnostics.filter((d) => d.code === 'promql-regexp').map((d) => d.location.path);
      expect(found.sort()).toEqual(['alert "Anchored" > expr', 'alert "Everything" > expr', 'alert "Literal" > expr']);
    }
  });

  it('reports two scraped services of one namespace with the same selector, at the later, naming the earlier', () => {
    const checkout = testService();
    const canary = testService({ name: 'checkout-canary', selector: { 'app.kubernetes.io/name': 'checkout' } });
    const result = compileDefinitions([checkout, canary]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.location.path])).toEqual([['service-selector', 'error', 'service "checkout-canary" > selector']]);
    expect(result.diagnostics[0]!.hint).toContain(formatLocation(checkout.location));
    const apart = compileDefinitions([
      checkout,
      testService({ name: 'checkout', namespace: 'shop-eu' }),
      testService({ name: 'checkout-legacy', selector: { 'app.kubernetes.io/name': 'checkout' }, scrape: false }),
      // Another port of the same Kubernetes Service: the operator keeps only each monitor's port.
      testService({ name: 'checkout-jvm', selector: { 'app.kubernetes.io/name': 'checkout' }, port: 'jmx-metrics' }),
      testService({ name: 'checkout-envoy', selector: { 'app.kubernetes.io/name': 'checkout', sidecar: 'envoy' }, port: 'envoy-metrics' }),
    ]);
    expect(apart.diagnostics.map((d) => d.code)).not.toContain('service-selector');
  });

  it('warns at a selector that takes in the Services of another of its namespace', () => {
    const checkout = testService();
    const canary = testService({ name: 'checkout-canary', selector: { 'app.kubernetes.io/name': 'checkout', track: 'canary' } });
    const result = compileDefinitions([canary, checkout]);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.location.path])).toEqual([['service-selector', 'warning', 'service "checkout" > selector']]);
    expect(result.diagnostics[0]!.hint).toContain(formatLocation(canary.location));
  });

  it('reports an alert defined twice with the same labels', () => {
    const svc = testService();
    const result = compileDefinitions([svc, testAlert(svc), testAlert(svc)]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['duplicate-rule']);
  });

  it('reports an alert twice with its labels in another order, and tells alerts of one name apart by a label', () => {
    const svc = testService();
    const twice = compileDefinitions([svc, testAlert(svc, { labels: { a: '1', b: '2' } }), testAlert(svc, { labels: { b: '2', a: '1' } })]);
    expect(twice.diagnostics.map((d) => d.code)).toEqual(['duplicate-rule']);
    const apart = compileDefinitions([svc, testAlert(svc, { labels: { a: '1' } }), testAlert(svc, { labels: { a: '2' } }), testAlert(svc, { labels: { a: '1', b: '2' } })]);
    expect(apart.diagnostics).toEqual([]);
  });

  it('reports one condition both warning and critical, unless a label, `for` or the service tells them apart', () => {
    const svc = testService();
    const other = testService({ name: 'payments' });
    const both = compileDefinitions([svc, testAlert(svc), testAlert(svc, { severity: 'warning' })]);
    expect(both.diagnostics.map((d) => d.code)).toEqual(['alert-conflict']);
    const apart = compileDefinitions([
      svc,
      other,
      testAlert(svc, { labels: { a: '1' } }),
      testAlert(svc, { severity: 'warning', labels: { a: '2' } }),
      testAlert(svc, { severity: 'warning', for: '1m' }),
      testAlert(other, { severity: 'warning' }),
    ]);
    expect(apart.diagnostics).toEqual([]);
  });

  it('accepts the same alert name as tiers: a warning sooner, a critical later', () => {
    const svc = testService();
    const result = compileDefinitions([svc, testAlert(svc, { for: '15m' }), testAlert(svc, { severity: 'warning' })]);
    expect(result.diagnostics).toEqual([]);
  });

  it('refuses rules too large for a PrometheusRule, and warns of rules too large for client-side apply', () => {
    const withAlerts = (name: string, count: number) => {
      const svc = testService({ name, selector: { 'app.kubernetes.io/name': name } });
      const alerts = Array.from({ length: count }, (_, i) => testAlert(svc, { name: `Checkout${i}Down`, description: 'Prometheus cannot scrape checkout. '.repeat(280) }));
      return { svc, definitions: [svc, ...alerts] };
    };
    const [small, large, huge] = [withAlerts('small', 20), withAlerts('large', 40), withAlerts('huge', 80)];
    const found = compileDefinitions([...small.definitions, ...large.definitions, ...huge.definitions]).diagnostics.filter((d) => d.code === 'prometheus-rule-size');
    expect(found).toEqual([
      expect.objectContaining({ severity: 'error', message: expect.stringMatching(/^the rules of service `shop\/huge` make a PrometheusRule of about \d+ KiB: the Prometheus Operator refuses one over 512 KiB/), location: { ...huge.svc.location, path: 'service "huge"' } }),
      expect.objectContaining({ severity: 'warning', message: expect.stringMatching(/^the rules of service `shop\/large` make a PrometheusRule of about \d+ KiB: client-side apply/), location: { ...large.svc.location, path: 'service "large"' } }),
    ]);
  });

  it('warns of rules whose text takes more bytes as JSON than it has characters (escaped quotes, non-ASCII)', () => {
    // Under 256 KiB as characters, over it as JSON: 150,000 escaped (two bytes each), 100,000 non-ASCII (three).
    const withText = (name: string, text: string, characters: number) => {
      const svc = testService({ name, selector: { 'app.kubernetes.io/name': name } });
      const alerts = Array.from({ length: 10 }, (_, i) => testAlert(svc, { name: `Checkout${i}Down`, description: text.repeat(characters / 10 / text.length) }));
      return [svc, ...alerts];
    };
    const found = compileDefinitions([...withText('quoted', '"\\', 150_000), ...withText('accented', '…€', 100_000)]).diagnostics.filter((d) => d.code === 'prometheus-rule-size');
    expect(found.map((d) => [d.severity, d.location.path])).toEqual([
      ['warning', 'service "accented"'],
      ['warning', 'service "quoted"'],
    ]);
  });
});
