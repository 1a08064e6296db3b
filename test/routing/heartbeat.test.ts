import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AlertRuleIR, MatcherIR } from '../../src/ir.ts';
import { paths } from '../../src/naming.ts';
import { selector } from '../../src/promql/selector.ts';
import { matchesAll } from '../../src/routing/matchers.ts';
import { compiledExample } from '../support/example.ts';
import { repoRoot } from '../support/project.ts';
import { describeWithTool, runPromtoolTest } from '../support/tools.ts';

const owner = { name: 'identity', namespace: 'dsrs' };

async function watchdog(): Promise<AlertRuleIR> {
  const { result } = await compiledExample();
  const found = result.ir.ruleGroups.flatMap((g) => g.rules).find((r): r is AlertRuleIR => r.type === 'alert' && r.name === 'Watchdog');
  if (!found) throw new Error('no Watchdog alert');
  return found;
}

describe('the heartbeat', () => {
  it('lands in the owner service’s PrometheusRule and rule file, in its own group', () => {
    for (const file of [paths.prometheusRule(owner), paths.ruleFile(owner)]) {
      const text = readFileSync(join(repoRoot, 'out', file), 'utf8');
      const doc = parse(text, { version: '1.1' });
      const groups: { name: string; rules: { alert?: string }[] }[] = doc.spec?.groups ?? doc.groups;
      const group = groups.find((g) => g.name === 'dsrs.identity.heartbeat');
      expect(group?.rules.map((r) => r.alert), file).toEqual(['Watchdog']);
    }
  });

  it('carries severity, team, namespace and service, and a runbook', async () => {
    const alert = await watchdog();
    expect(alert.labels).toEqual({ namespace: 'dsrs', service: 'identity', severity: 'none', team: 'platform' });
    expect(alert.annotations.runbook_url).toMatch(/\/Watchdog\.md$/);
  });

  it("is the target of none of kube-prometheus-stack's default inhibit rules, so a quiet namespace keeps its heartbeat", async () => {
    const alert = await watchdog();
    // The chart's default Alertmanager config: critical mutes warning and info, warning mutes
    // info, and InfoInhibitor (firing wherever only info alerts fire) mutes info.
    const defaultTargets: MatcherIR[][] = [
      [{ name: 'severity', op: '=~', value: 'warning|info' }],
      [{ name: 'severity', op: '=', value: 'info' }],
    ];
    for (const target of defaultTargets) expect(matchesAll(target, alert.labels), JSON.stringify(target)).toBe(false);
  });

  it('repeats at every tick of its group interval, so sends come one interval apart', async () => {
    const { result } = await compiledExample();
    const route = result.ir.routing!.route.routes[0]!;
    expect(route).toMatchObject({ heartbeat: true, groupInterval: '1m', repeatInterval: '50s' });
  });
});

describeWithTool('promtool', 'the heartbeat, evaluated by promtool', () => {
  it('fires from the first evaluation on, with no series at all', async () => {
    const alert = await watchdog();
    const firing = (at: string) => ({
      expr: selector('ALERTS', { alertname: 'Watchdog', alertstate: 'firing' }),
      eval_time: at,
      exp_samples: [{ labels: selector('ALERTS', { ...alert.labels, alertname: 'Watchdog', alertstate: 'firing' }), value: 1 }],
    });
    const run = runPromtoolTest({
      rule_files: [join(repoRoot, 'out', paths.ruleFile(owner))],
      evaluation_interval: '1m',
      tests: [{ name: 'always firing', interval: '1m', input_series: [], promql_expr_test: [firing('0m'), firing('1h'), firing('1d')] }],
    });
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });
});
