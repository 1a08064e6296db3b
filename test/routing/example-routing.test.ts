import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertRuleIR } from '../../src/ir.ts';
import { paths } from '../../src/naming.ts';
import { alertLabelSet, matchRoutes, receiverNames, routingTree } from '../../src/routing/evaluate.ts';
import { compiledExample } from '../support/example.ts';
import { repoRoot } from '../support/project.ts';
import { amtool, amtoolReceivers } from '../support/routing.ts';
import { describeWithTool } from '../support/tools.ts';

const configFile = join(repoRoot, 'out', paths.alertmanagerConfig);

async function example() {
  const { result } = await compiledExample();
  const alerts = result.ir.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertRuleIR => r.type === 'alert');
  const tree = routingTree(result.ir.routing!);
  const receiversOf = (labels: Readonly<Record<string, string>>) => receiverNames(matchRoutes(tree, labels)).join(',');
  return { result, alerts, receiversOf };
}

describe("the example system's routing (EXAMPLE-SYSTEM.md)", () => {
  it('pages critical alerts through PagerDuty and posts them to the owning team', async () => {
    const { receiversOf } = await example();
    expect(receiversOf({ alertname: 'HTTPErrorRateHigh', severity: 'critical', team: 'payments' })).toBe('pagerduty-oncall,slack-payments-alerts');
    expect(receiversOf({ alertname: 'HTTPErrorRateHigh', severity: 'critical', team: 'registry' })).toBe('pagerduty-oncall,slack-registry-alerts');
  });

  it("posts warnings to the team's channel, or #alerts for a team without one", async () => {
    const { receiversOf } = await example();
    expect(receiversOf({ severity: 'warning', team: 'eligibility' })).toBe('slack-eligibility-alerts');
    expect(receiversOf({ severity: 'warning', team: 'analytics' })).toBe('slack-alerts');
  });

  it('sends info alerts nowhere', async () => {
    const { result, receiversOf } = await example();
    expect(receiversOf({ severity: 'info', team: 'payments' })).toBe('null');
    expect(result.ir.routing!.receivers.find((r) => r.name === 'null')?.type).toBe('discard');
  });

  it('lets a critical alert mute the warning of the same alert name, namespace and service', async () => {
    const { result } = await example();
    expect(result.ir.routing!.inhibitRules).toEqual([
      expect.objectContaining({
        source: [{ name: 'severity', op: '=', value: 'critical' }],
        target: [{ name: 'severity', op: '=', value: 'warning' }],
        equal: ['alertname', 'namespace', 'service'],
      }),
    ]);
  });

  it('sends the always-firing Watchdog to the heartbeat receiver, and nowhere else', async () => {
    const { alerts, receiversOf } = await example();
    const watchdog = alerts.filter((a) => a.name === 'Watchdog');
    expect(watchdog).toHaveLength(1);
    expect(watchdog[0]).toMatchObject({ expr: 'vector(1)', labels: { severity: 'none', team: 'platform', namespace: 'dsrs', service: 'identity' } });
    expect(receiversOf(alertLabelSet(watchdog[0]!))).toBe('heartbeat');
  });

  it('keeps secrets out of the bundle: every credential is a file or a Secret key', async () => {
    const { result } = await compiledExample();
    const texts = [...result.bundle.values()].map((file) => JSON.stringify(file.value)).join('\n');
    expect(texts).not.toMatch(/hooks\.slack\.com|events\.pagerduty\.com|routing_key"|api_url"/);
    expect(texts).toContain('api_url_file');
    expect(texts).toContain('routing_key_file');
  });
});

describeWithTool('amtool', 'amtool and the example alertmanager.yml', () => {
  it('amtool check-config accepts it', () => {
    const run = amtool(['check-config', configFile]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.status).toBe(0);
  });

  it("names the same receivers as vigil's route evaluation for every alert of the bundle", async () => {
    const { alerts, receiversOf } = await example();
    expect(alerts.length).toBeGreaterThanOrEqual(11);
    const compared = alerts.map((alert) => {
      const labels = alertLabelSet(alert);
      return { alert: `${alert.name} ${alert.serviceId} ${alert.severity}`, vigil: receiversOf(labels), amtool: amtoolReceivers(configFile, labels) };
    });
    for (const row of compared) expect(row.vigil, row.alert).toBe(row.amtool);
  });
});
