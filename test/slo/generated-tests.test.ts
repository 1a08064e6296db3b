import { expect, it } from 'vitest';
import { errorRatio, latency, rawRatio, slo } from '../../src/authoring/slo.ts';
import { service } from '../../src/authoring/service.ts';
import type { RenderedBundle } from '../../src/bundle.ts';
import { compileDefinitions } from '../support/definitions.ts';
import { emitRuleTests } from '../../src/emit/rule-tests.ts';
import type { ProjectIR } from '../../src/ir.ts';
import { runPromtoolTests } from '../../src/promtool/run-tests.ts';
import { renderBundle } from '../../src/render/render.ts';
import { writeBundle } from '../../src/write/write-bundle.ts';
import { compiledExample } from '../support/example.ts';
import { describeWithTool, tempDir, tool } from '../support/tools.ts';

/** Writes the bundle and its generated tests to a temporary directory and runs every test file. */
async function runGenerated(bundle: RenderedBundle, ir: ProjectIR, expectedFiles: number) {
  const results = await runGeneratedResults(bundle, ir, expectedFiles);
  for (const result of results) expect(result.output, result.file).toContain('SUCCESS');
  expect(results.every((r) => r.passed)).toBe(true);
}

async function runGeneratedResults(bundle: RenderedBundle, ir: ProjectIR, expectedFiles: number) {
  const generated = emitRuleTests(ir);
  expect(generated.untestable).toEqual([]);
  const tests = renderBundle(generated.files);
  expect(tests.size).toBe(expectedFiles);
  const { dir, cleanup } = tempDir();
  try {
    await writeBundle(dir, new Map([...bundle, ...tests]));
    return await runPromtoolTests(tool('promtool'), [...tests.keys()], dir, () => {});
  } finally {
    cleanup();
  }
}

/** The bundle with one rule file's text changed, as a compiler bug would change it. */
function mutated(bundle: RenderedBundle, path: string, from: RegExp, to: string): RenderedBundle {
  const text = bundle.get(path)!;
  const changed = text.replace(from, to);
  expect(changed).not.toBe(text);
  return new Map([...bundle, [path, changed]]);
}

/** One service in namespace `shop` with one availability SLO of 99.9 % on counters; compiled and rendered. */
function oneAvailabilitySlo(name: string, errors: string, total: string, options: Pick<Parameters<typeof slo>[0], 'by' | 'alerting'>) {
  const owner = service({ name, namespace: 'shop', team: 'web' });
  const result = compileDefinitions([owner, slo({ service: owner, name: 'availability', objective: 99.9, sli: errorRatio({ errors, total }), ...options })]);
  return { result, bundle: renderBundle(result.bundle), rules: `prometheus/rules/shop/${name}.yaml` };
}

describeWithTool('promtool', 'generated SLO tests', () => {
  it('pass for every SLO of the example', { timeout: 600_000 }, async () => {
    const { result, rendered } = await compiledExample();
    await runGenerated(rendered, result.ir, 10);
  });

  it('pass for SLIs kept per label, raw SLIs, other windows, custom tiers and a minimum event rate', { timeout: 600_000 }, async () => {
    const checkout = service({ name: 'checkout', namespace: 'shop', team: 'payments' });
    const batch = service({ name: 'batch', namespace: 'jobs', team: 'data' });
    const rpc = service({ name: 'rpc', namespace: 'shop', team: 'payments' });
    const definitions = [
      checkout,
      batch,
      rpc,
      slo({
        service: checkout,
        name: 'availability',
        objective: 99.9,
        by: ['route'],
        sli: errorRatio({ errors: 'checkout_failures_total{job="checkout"}', total: 'checkout_requests_total{job="checkout"}' }),
        alerting: { minEventRate: 1 },
      }),
      slo({
        service: batch,
        name: 'success',
        objective: 99,
        window: '4w',
        sli: rawRatio({
          errorRatio: 'sum(rate(jobs_failed_total{job="batch"}[{{window}}])) / sum(rate(jobs_total{job="batch"}[{{window}}]))',
          simulate: { bad: ['jobs_failed_total{job="batch"}'], all: ['jobs_total{job="batch"}'] },
        }),
        alerting: { noData: false },
      }),
      slo({
        service: rpc,
        name: 'latency',
        objective: 99.5,
        sli: latency({ histogram: 'rpc_duration_seconds', matchers: { job: 'rpc' }, thresholdSeconds: 1, buckets: [0.1, 0.5, 1, 5] }),
        alerting: { page: { windows: [{ long: '2h', short: '10m', factor: 10 }], for: '2m', keepFiringFor: '5m' }, ticket: false },
      }),
    ];
    const result = compileDefinitions(definitions);
    expect(result.diagnostics).toEqual([]);
    await runGenerated(renderBundle(result.bundle), result.ir, 6);
  });

  it('fail, naming the SLO and the scenario, when a burn condition loses its short window and the alert no longer resets soon after recovery', { timeout: 600_000 }, async () => {
    const { result, bundle, rules } = oneAvailabilitySlo('api', 'http_requests_total{job="api",code=~"5.."}', 'http_requests_total{job="api"}', { alerting: { noData: false } });
    const short = (window: string, threshold: string) =>
      new RegExp(`\\n\\s*and\\n\\s*slo:sli_error:ratio_rate${window}\\{[^}]*\\}[^\\n]*(\\n[^\\n]*)?> ${threshold.replace('.', '\\.')}`);
    for (const [mutant, failing, severity] of [
      [mutated(bundle, rules, short('5m', '0.0144'), ''), 'prometheus/tests/shop/api.yaml', 'critical'],
      [mutated(bundle, rules, short('6h', '0.001'), ''), 'prometheus/tests/shop/api.slow.yaml', 'warning'],
    ] as const) {
      const results = await runGeneratedResults(mutant, result.ir, 2);
      const failed = results.filter((r) => !r.passed);
      expect(failed.map((r) => r.file)).toEqual([failing]);
      // The failure names the SLO and the scenario, not only an expression and a time.
      expect(failed[0]!.output).toMatch(new RegExp(`# shop/api/availability: a \\d+-minute total outage: ${severity} within .*, resolved within`));
    }
  });

  it('fail, naming the window scenario, when a window is recorded over another length than its name', { timeout: 600_000 }, async () => {
    const { result, bundle, rules } = oneAvailabilitySlo('api', 'http_requests_total{job="api",code=~"5.."}', 'http_requests_total{job="api"}', { alerting: { noData: false } });
    const twoHoursOverOne = mutated(bundle, rules, /(record: slo:sli_error:ratio_rate2h\n\s*expr: \|-\n[^\n]*)\[2h\]([^]*?)\[2h\]/, '$1[1h]$2[1h]');
    const results = await runGeneratedResults(twoHoursOverOne, result.ir, 2);
    const failed = results.filter((r) => !r.passed);
    expect(failed.map((r) => r.file)).toEqual(['prometheus/tests/shop/api.yaml']);
    expect(failed[0]!.output).toMatch(/# shop\/api\/availability: a step to 50% errors: each window of .*2h.* records half of it/);
    expect(failed[0]!.output).toContain('ratio_rate2h');
  });

  it('fail when a label of `by` is dropped from the rules, which then dilute one route\'s burn with the others\' traffic', { timeout: 600_000 }, async () => {
    const { result, bundle, rules } = oneAvailabilitySlo('checkout', 'checkout_failures_total{job="checkout"}', 'checkout_requests_total{job="checkout"}', {
      by: ['route'],
      alerting: { ticket: false, noData: false },
    });
    const withoutBy = mutated(mutated(bundle, rules, /sum by \(route\) \(/g, 'sum('), rules, /or on \(route\)/g, 'or on ()');
    const results = await runGeneratedResults(withoutBy, result.ir, 2);
    expect(results.filter((r) => !r.passed).map((r) => r.file)).toEqual(['prometheus/tests/shop/checkout.yaml']);
  });
});

