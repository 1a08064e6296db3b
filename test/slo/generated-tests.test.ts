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
  const generated = emitRuleTests(ir);
  expect(generated.untestable).toEqual([]);
  const tests = renderBundle(generated.files);
  expect(tests.size).toBe(expectedFiles);
  const { dir, cleanup } = tempDir();
  try {
    await writeBundle(dir, new Map([...bundle, ...tests]));
    const results = await runPromtoolTests(tool('promtool'), [...tests.keys()], dir, () => {});
    for (const result of results) expect(result.output, result.file).toContain('SUCCESS');
    expect(results.every((r) => r.passed)).toBe(true);
  } finally {
    cleanup();
  }
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
});
