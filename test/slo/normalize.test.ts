import { describe, expect, it } from 'vitest';
import { errorRatio, latency, rawRatio, slo, type SloOptions } from '../../src/authoring/slo.ts';
import { compileDefinitions, testService } from '../support/definitions.ts';

const svc = testService();
const availability = errorRatio({ errors: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' });

function compileSlo(overrides: Partial<SloOptions>) {
  return compileDefinitions([svc, slo({ service: svc, name: 'availability', objective: 99.9, sli: availability, ...overrides })]);
}

const invalid: [string, Partial<SloOptions>, string, string][] = [
  ['objective 0', { objective: 0 }, 'slo-objective', 'objective'],
  ['objective 100', { objective: 100 }, 'slo-objective', 'objective'],
  ['objective written as a ratio', { objective: 0.999 }, 'slo-objective', 'objective'],
  ['objective written as a ratio, its page tier off', { objective: 0.999, alerting: { page: false } }, 'slo-objective', 'objective'],
  ['objective 150', { objective: 150 }, 'slo-objective', 'objective'],
  ['objective NaN', { objective: Number.NaN }, 'slo-objective', 'objective'],
  ['objective with ten nines', { objective: 99.99999999 }, 'slo-objective', 'objective'],
  ['window 0d', { window: '0d' }, 'slo-window', 'window'],
  ['window in hours', { window: '720h' }, 'slo-window', 'window'],
  ['name with a capital', { name: 'Availability' }, 'invalid-name', 'name'],
  ['by a label with a dash', { by: ['my-route'] }, 'invalid-label', 'by'],
  ['by the service label its rules set', { by: ['service'] }, 'reserved-label', 'by'],
  ['by the slo label its rules set', { by: ['slo'] }, 'reserved-label', 'by'],
  ['errors not a selector', { sli: errorRatio({ errors: 'sum(x_total)', total: 'y_total' }) }, 'slo-sli', 'sli > errors'],
  ['errors without the total\'s job', { sli: errorRatio({ errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total{job="checkout"}' }) }, 'slo-sli', 'sli > errors'],
  ['errors and total swapped', { sli: errorRatio({ errors: 'http_requests_total{job="checkout"}', total: 'http_requests_total{job="checkout",code=~"5.."}' }) }, 'slo-sli', 'sli > errors'],
  ['errors the same as the total', { sli: errorRatio({ errors: 'http_requests_total{job="checkout"}', total: 'http_requests_total{job="checkout"}' }) }, 'slo-sli', 'sli > errors'],
  ['errors the same as the total, matchers reordered', { sli: errorRatio({ errors: 'http_requests_total{namespace="shop",job="checkout"}', total: 'http_requests_total{job="checkout",namespace="shop"}' }) }, 'slo-sli', 'sli > errors'],
  ['errors of another counter, of every job and namespace', { sli: errorRatio({ errors: 'payment_failures_total{provider="stripe"}', total: 'payment_attempts_total{job="checkout",namespace="shop"}' }) }, 'slo-sli', 'sli > errors'],
  ['errors pinned outside the total', { sli: errorRatio({ errors: 'http_requests_total{job="checkout",code="500"}', total: 'http_requests_total{job="checkout",code!="500"}' }) }, 'slo-sli', 'sli > errors'],
  ['a histogram named by its buckets', { sli: latency({ histogram: 'http_request_duration_seconds_bucket', thresholdSeconds: 0.25, buckets: [0.1, 0.25, 0.5] }) }, 'slo-sli', 'sli'],
  ['total not PromQL', { sli: errorRatio({ errors: 'x_total', total: 'y_total{' }) }, 'promql-syntax', 'sli > total'],
  ['raw without placeholder', { sli: rawRatio({ errorRatio: 'sum(rate(x[5m]))' }) }, 'slo-sli', 'sli > errorRatio'],
  ['raw with minEventRate', { sli: rawRatio({ errorRatio: 'sum(rate(x[{{window}}]))' }), alerting: { minEventRate: 1 } }, 'slo-alerting', 'alerting > minEventRate'],
  ['negative minEventRate', { alerting: { minEventRate: -1 } }, 'slo-alerting', 'alerting > minEventRate'],
  ['factor that can never fire', { objective: 90, alerting: { page: { windows: [{ long: '1h', factor: 14.4 }] } } }, 'slo-alerting', 'alerting > page'],
  ['short not shorter than long', { alerting: { ticket: { windows: [{ long: '1h', short: '1h', factor: 2 }] } } }, 'slo-alerting', 'alerting > ticket'],
  ['window longer than the SLO', { window: '7d', alerting: { ticket: { windows: [{ long: '8d', factor: 1 }] } } }, 'slo-alerting', 'alerting > ticket'],
  ['zero factor', { alerting: { page: { windows: [{ long: '1h', factor: 0 }] } } }, 'slo-alerting', 'alerting > page'],
  ['bad tier for', { alerting: { page: { for: 'soon' } } }, 'invalid-duration', 'for'],
];

describe('SLO definitions', () => {
  it.each(invalid)('rejects %s', (_, overrides, code, field) => {
    const result = compileSlo(overrides);
    expect(result.diagnostics.map((d) => ({ code: d.code, path: d.location.path }))).toContainEqual({
      code,
      path: expect.stringContaining(field) as string,
    });
    expect(result.bundle.size).toBe(0);
  });

  it('names the nearest bucket boundaries when a latency threshold is not one', () => {
    const result = compileSlo({ sli: latency({ histogram: 'http_request_duration_seconds', thresholdSeconds: 0.3, buckets: [0.1, 0.25, 0.5, 1] }) });
    const [diagnostic] = result.diagnostics;
    expect(diagnostic?.message).toBe('threshold `0.3` seconds is not a bucket boundary of `http_request_duration_seconds`');
    expect(diagnostic?.hint).toContain('the nearest are `0.25` and `0.5`');
  });

  it('warns when an SLO is kept per a label whose values come and go', () => {
    const result = compileSlo({ by: ['pod', 'route'] });
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['slo-high-cardinality', 'warning']]);
    expect(result.bundle.size).toBeGreaterThan(0);
  });

  it('warns that a raw SLI without simulated series gets no generated tests', () => {
    const result = compileSlo({ sli: rawRatio({ errorRatio: 'sum(rate(x[{{window}}])) / sum(rate(y[{{window}}]))' }) });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['slo-untested']);
  });

  it('names the matchers of the total that the errors selector leaves out', () => {
    const result = compileSlo({ sli: errorRatio({ errors: 'http_requests_total{code=~"5.."}', total: 'http_requests_total{job="checkout",namespace="shop"}' }) });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'the SLI\'s errors select series its total does not count: the errors lack the total\'s `job="checkout"`, `namespace="shop"`',
    ]);
  });

  it.each([
    ['repeat every matcher of the total', 'http_requests_total{job="checkout",route!="/health",code=~"5.."}', 'http_requests_total{job="checkout",route!="/health"}'],
    ['pin a label to a value the total matches', 'http_requests_total{job="checkout",code="503"}', 'http_requests_total{job="checkout",code=~"2..|5.."}'],
    ['count another counter', 'payment_failures_total{job="checkout",provider="stripe"}', 'payment_attempts_total{job="checkout",method="POST"}'],
    ['count another counter, of the job a regex names', 'payment_failures_total{job=~"checkout|checkout-canary"}', 'payment_attempts_total{job="checkout"}'],
  ])('accepts errors that %s', (_, errors, total) => {
    expect(compileSlo({ sli: errorRatio({ errors, total }) }).diagnostics).toEqual([]);
  });

  it('says an objective of 0.999 is in percent and asks for 99.9', () => {
    const [diagnostic] = compileSlo({ objective: 0.999 }).diagnostics;
    expect(diagnostic?.message).toBe('objective `0.999` is in percent: it promises 0.999% good events');
    expect(diagnostic?.hint).toContain('`99.9` for 99.9%');
  });

  it('reports an SLO defined twice', () => {
    const twice = [svc, slo({ service: svc, name: 'a', objective: 99, sli: availability }), slo({ service: svc, name: 'a', objective: 99, sli: availability })];
    expect(compileDefinitions(twice).diagnostics.map((d) => d.code)).toEqual(['duplicate-slo']);
  });

  it('matches le spelled by Go (1) and by Java or Python (1.0) for an integer threshold', () => {
    const result = compileSlo({ sli: latency({ histogram: 'rpc_seconds', thresholdSeconds: 1, buckets: [0.5, 1, 2] }) });
    const base = result.ir.ruleGroups.flatMap((g) => g.rules).find((r) => r.name === 'slo:sli_error:rate5m');
    expect(base?.expr).toContain('le=~"1|1\\\\.0"');
  });
});
