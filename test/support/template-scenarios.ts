import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Definition } from '../../src/authoring/index.ts';
import type { RenderedBundle } from '../../src/bundle.ts';
import type { ServiceIR } from '../../src/ir.ts';
import { paths } from '../../src/naming.ts';
import type { AlertRuleTest, InputSeries, PromqlExprTest, PromtoolTestCase } from '../../src/promtool/test-file.ts';
import { quote } from '../../src/promql/selector.ts';
import { renderBundle, renderYaml } from '../../src/render/render.ts';
import { compileDefinitions } from './definitions.ts';
import { promtool, tempDir } from './tools.ts';

/** A promtool check that `alertname` fires at `at`, once per label set given (only those labels are compared). */
export function fires(alertname: string, at: string, ...instances: Readonly<Record<string, string>>[]): PromqlExprTest {
  const keys = [...new Set(instances.flatMap((labels) => Object.keys(labels)))].sort();
  return {
    expr: `count by (${['alertname', ...keys].join(', ')}) (ALERTS{alertname=${quote(alertname)},alertstate="firing"})`,
    eval_time: at,
    exp_samples: (instances.length ? instances : [{}]).map((labels) => ({
      labels: `{${[['alertname', alertname], ...keys.map((k) => [k, labels[k] ?? ''])]
        .filter(([, v]) => v !== '')
        .map(([k, v]) => `${k}=${quote(v!)}`)
        .join(',')}}`,
      value: 1,
    })),
  };
}

/** A promtool check that `alertname` is not firing at `at`. */
export function silent(alertname: string, at: string): PromqlExprTest {
  return { expr: `ALERTS{alertname=${quote(alertname)},alertstate="firing"}`, eval_time: at, exp_samples: [] };
}

export function series(name: string, values: string): InputSeries {
  return { series: name, values };
}

export interface Scenario {
  readonly name: string;
  readonly input: readonly InputSeries[];
  readonly checks: readonly PromqlExprTest[];
  /** The alerts firing at a time, with their labels and expanded annotations. */
  readonly alerts?: readonly AlertRuleTest[];
}

/**
 * Compiles the definitions (they must compile without diagnostics), then runs every scenario
 * with promtool against the rule files of the bundle, its series sampled every `interval` and its
 * rules evaluated every `evaluationInterval` (the same by default).
 */
export function runScenarios(definitions: readonly Definition[], scenarios: readonly Scenario[], interval = '1m', evaluationInterval = interval): void {
  const result = compileDefinitions(definitions);
  expect(result.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
  runScenariosOnBundle(result.ir.services, renderBundle(result.bundle), scenarios, interval, evaluationInterval);
}

/** Runs every scenario with promtool against the plain rule files of a rendered bundle. */
export function runScenariosOnBundle(
  services: readonly ServiceIR[],
  rendered: RenderedBundle,
  scenarios: readonly Scenario[],
  interval = '1m',
  evaluationInterval = interval,
): void {
  const { dir, cleanup } = tempDir('vigil-template-');
  try {
    const ruleFiles = services.flatMap((service) => {
      const text = rendered.get(paths.ruleFile(service));
      if (text === undefined) return [];
      const file = `${service.namespace}-${service.name}.yaml`;
      writeFileSync(join(dir, file), text);
      return [file];
    });
    const tests: PromtoolTestCase[] = scenarios.map((s) => ({
      name: s.name,
      interval,
      input_series: s.input,
      promql_expr_test: s.checks,
      ...(s.alerts ? { alert_rule_test: s.alerts } : {}),
    }));
    writeFileSync(join(dir, 'test.yaml'), renderYaml({ rule_files: ruleFiles, evaluation_interval: evaluationInterval, tests }));
    const run = promtool(['test', 'rules', 'test.yaml'], dir);
    expect(run.stdout + run.stderr, 'promtool test rules').toContain('SUCCESS');
    expect(run.status).toBe(0);
  } finally {
    cleanup();
  }
}
