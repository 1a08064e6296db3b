import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { expect, it } from 'vitest';
import type { AlertRuleIR } from '../../src/ir.ts';
import { paths } from '../../src/naming.ts';
import { selector } from '../../src/promql/selector.ts';
import type { InputSeries, PromqlExprTest, PromtoolTestCase } from '../../src/promtool/test-file.ts';
import { renderYaml } from '../../src/render/render.ts';
import { listFiles } from '../../src/write/out-dir.ts';
import { compiledExample } from '../support/example.ts';
import { alertsProvedBy, deadLetterIncidents, kafkaIncidents } from '../support/example-incidents.ts';
import { repoRoot } from '../support/project.ts';
import { describeWithTool, promtool, runPromtoolTest, tempDir } from '../support/tools.ts';

const out = join(repoRoot, 'out');

describeWithTool('promtool', 'promtool accepts the example bundle', () => {
  it('checks every plain rule file', () => {
    const files = listFiles(out).filter((p) => p.startsWith('prometheus/rules/'));
    expect(files.length).toBeGreaterThan(0);
    const run = promtool(['check', 'rules', ...files.map((f) => join(out, f))]);
    expect(run.stderr + run.stdout).not.toMatch(/FAILED/);
    expect(run.status).toBe(0);
  });

  it('checks the groups of every PrometheusRule', () => {
    const files = listFiles(out).filter((p) => p.startsWith('prometheus/prometheusrules/'));
    expect(files.length).toBeGreaterThan(0);
    const { dir, cleanup } = tempDir();
    try {
      const extracted = files.map((file, i) => {
        const crd = parse(readFileSync(join(out, file), 'utf8'), { version: '1.1' }) as { kind: string; spec: { groups: unknown[] } };
        expect(crd.kind).toBe('PrometheusRule');
        const target = join(dir, `${i}.yaml`);
        writeFileSync(target, renderYaml({ groups: crd.spec.groups }));
        return target;
      });
      const run = promtool(['check', 'rules', ...extracted]);
      expect(run.status, run.stderr + run.stdout).toBe(0);
    } finally {
      cleanup();
    }
  });
});

/**
 * How to make each example threshold alert fire, and what healthy looks like. Against a
 * 1-minute scrape; each scenario runs 30 minutes.
 */
const scenarios: Record<
  string,
  { failing: (s: ScrapeLabels) => InputSeries[]; healthy: (s: ScrapeLabels) => InputSeries[]; alwaysFiring?: true }
> = {
  HTTPErrorRateHigh: {
    // 10% of requests fail
    failing: (s) => [requests(s, '200', 540), requests(s, '500', 60)],
    // 0.5% of requests fail
    healthy: (s) => [requests(s, '200', 597), requests(s, '500', 3)],
  },
  HTTPLatencyP95High: {
    // every request takes between 0.5 s and 1 s
    failing: (s) => latencyBuckets(s, { '0.05': 0, '0.1': 0, '0.25': 0, '0.5': 0 }),
    // every request takes between 50 and 100 ms
    healthy: (s) => latencyBuckets(s, { '0.05': 0 }),
  },
  // the heartbeat has no failing state: test/routing/heartbeat.test.ts proves it always fires
  Watchdog: { failing: () => [], healthy: () => [], alwaysFiring: true },
};

type ScrapeLabels = { namespace: string; service: string };

function scrape(s: ScrapeLabels, extra: Record<string, string>) {
  return { namespace: s.namespace, job: s.service, service: s.service, pod: `${s.service}-0`, ...extra };
}

function requests(s: ScrapeLabels, code: string, perMinute: number): InputSeries {
  return {
    series: selector('http_requests_total', scrape(s, { route: '/api/v1/items', method: 'GET', code })),
    values: `0+${perMinute}x30`,
  };
}

/** Buckets of a histogram receiving 60 requests a minute; `empty` lists buckets that stay at zero. */
function latencyBuckets(s: ScrapeLabels, empty: Record<string, number>): InputSeries[] {
  return ['0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '+Inf'].map((le) => ({
    series: selector('http_request_duration_seconds_bucket', scrape(s, { route: '/api/v1/items', method: 'GET', le })),
    values: le in empty ? '0x30' : '0+60x30',
  }));
}

function firing(alert: AlertRuleIR, evalTime: string): PromqlExprTest {
  return {
    expr: selector('ALERTS', { alertname: alert.name, alertstate: 'firing' }),
    eval_time: evalTime,
    exp_samples: [{ labels: selector('ALERTS', { ...alert.labels, alertname: alert.name, alertstate: 'firing' }), value: 1 }],
  };
}

function nothingFiring(alert: AlertRuleIR, evalTime: string): PromqlExprTest {
  return { expr: selector('ALERTS', { alertname: alert.name, alertstate: 'firing' }), eval_time: evalTime, exp_samples: [] };
}

describeWithTool('promtool', 'the example threshold alerts, on simulated series', async () => {
  const { result } = await compiledExample();
  // SLO alerts are proved by the tests vigil generates for them (test/slo).
  const alerts = result.ir.ruleGroups
    .filter((g) => !g.name.includes('.slo-'))
    .flatMap((g) => g.rules)
    .filter((r): r is AlertRuleIR => r.type === 'alert');

  it('covers every example alert with a scenario, here or among the incidents of kafka-dlq-alerts.test.ts', () => {
    expect(alerts.length).toBeGreaterThan(0);
    const proved = new Set([...Object.keys(scenarios), ...alertsProvedBy([...kafkaIncidents, ...deadLetterIncidents])]);
    for (const alert of alerts) expect([...proved], alert.name).toContain(alert.name);
  });

  for (const alert of alerts) {
    const scenario = scenarios[alert.name];
    if (!scenario || scenario.alwaysFiring) continue;
    const s = { namespace: alert.labels.namespace!, service: alert.labels.service! };
    it(`${alert.name} on ${s.service}: fires after its 'for' when failing, never when healthy`, () => {
      const service = result.ir.services.find((x) => x.id === alert.serviceId)!;
      const tests: PromtoolTestCase[] = [
        {
          name: 'failing',
          interval: '1m',
          input_series: scenario.failing(s),
          // the condition holds from the second scrape (1m); `for: 5m`, of which 2m is the rate
          // window, makes it fire 3m later, at 4m
          promql_expr_test: [nothingFiring(alert, '3m'), firing(alert, '4m'), firing(alert, '30m')],
        },
        { name: 'healthy', interval: '1m', input_series: scenario.healthy(s), promql_expr_test: [nothingFiring(alert, '10m'), nothingFiring(alert, '30m')] },
      ];
      const run = runPromtoolTest({ rule_files: [join(out, paths.ruleFile(service))], evaluation_interval: '1m', tests });
      expect(run.stdout + run.stderr, 'promtool test rules').toContain('SUCCESS');
      expect(run.status).toBe(0);
    });
  }
});
