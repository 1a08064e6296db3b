import { join } from 'node:path';
import { expect, it } from 'vitest';
import { errorRatio, latency, rawRatio, slo } from '../../src/authoring/slo.ts';
import { service } from '../../src/authoring/service.ts';
import { compile } from '../../src/compile.ts';
import { runPromtoolTests } from '../../src/promtool/run-tests.ts';
import { renderBundle } from '../../src/render/render.ts';
import { listFiles } from '../../src/write/out-dir.ts';
import { writeBundle } from '../../src/write/write-bundle.ts';
import { repoRoot } from '../support/project.ts';
import { describeWithTool, tempDir, tool } from '../support/tools.ts';

async function runAll(dir: string, files: readonly string[]) {
  const results = await runPromtoolTests(tool('promtool'), files, dir, () => {});
  for (const result of results) expect(result.output, result.file).toContain('SUCCESS');
  expect(results.every((r) => r.passed)).toBe(true);
  return results;
}

describeWithTool('promtool', 'generated SLO tests', () => {
  it('pass for every SLO of the example bundle', { timeout: 600_000 }, async () => {
    const out = join(repoRoot, 'out');
    const files = listFiles(out).filter((p) => p.startsWith('prometheus/tests/'));
    expect(files.length).toBe(10);
    await runAll(out, files);
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
    const result = compile({ definitions });
    expect(result.diagnostics).toEqual([]);
    const { dir, cleanup } = tempDir();
    try {
      const rendered = renderBundle(result.bundle);
      writeBundle(dir, rendered);
      const files = [...rendered.keys()].filter((p) => p.startsWith('prometheus/tests/'));
      expect(files.length).toBe(6);
      await runAll(dir, files);
    } finally {
      cleanup();
    }
  });
});
