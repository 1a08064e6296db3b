import { execFileSync } from 'node:child_process';
import { beforeAll, expect, it } from 'vitest';
import { DrillError } from '../../src/drill/drill-error.ts';
import { formatDrillReport } from '../../src/drill/report.ts';
import { runDrill, type DrillReport } from '../../src/drill/run-drill.ts';
import { drillScenarios } from '../../src/drill/scenarios.ts';
import type { ProjectIR } from '../../src/ir.ts';
import { compiledExample, type CompiledExample } from '../support/example.ts';
import { describeWithTool } from '../support/tools.ts';

/** Processes whose command line names a drill's temporary directory. */
function drillProcesses(): string[] {
  try {
    return execFileSync('pgrep', ['-af', 'vigil-drill-'], { encoding: 'utf8' }).trim().split('\n').filter((l) => l && !l.includes('pgrep'));
  } catch {
    return [];
  }
}

let example: CompiledExample;

/** The example with a misspelt metric behind the DLQ arrivals panel and a query Prometheus refuses on the saga's outbox panel. */
function withBrokenPanels(ir: ProjectIR): ProjectIR {
  const edits: Record<string, [string, string]> = {
    'vigil-dead-letters': ['dlq_messages_published_total', 'dlq_messages_parked_total'],
    'dsrs-household-saga': ['max(outbox_oldest_pending_age_seconds', 'up * on () max(outbox_oldest_pending_age_seconds'],
  };
  return {
    ...ir,
    dashboards: ir.dashboards.map((d) => {
      const edit = edits[d.uid];
      return edit ? { ...d, model: JSON.parse(JSON.stringify(d.model).replaceAll(edit[0], edit[1])) } : d;
    }),
  };
}
beforeAll(async () => {
  example = await compiledExample();
});

describeWithTool('prometheus', 'vigil drill on the example bundle (real Prometheus and Alertmanager)', () => {
  let report: DrillReport;

  beforeAll(async () => {
    report = await runDrill(example.result.ir, example.rendered, { healthySeconds: 30 });
    process.stdout.write(`${formatDrillReport(report)}\n`);
  }, 280_000);

  it('stays quiet while healthy, but for the heartbeat, delivered to its receiver', () => {
    expect(report.healthy.noise).toEqual([]);
    expect(report.healthy.heartbeats).toEqual(['heartbeat']);
  });

  it('delivers every expected alert of every scenario in its budget, to the receivers the routing names, with a runbook link', () => {
    expect(report.scenarios.filter((s) => s.skipped)).toEqual([]);
    expect(new Set(report.outcomes.map((o) => o.scenario))).toEqual(new Set(drillScenarios.map((s) => s.name)));
    for (const outcome of report.outcomes) {
      expect(outcome.problems, `${outcome.scenario} ${outcome.alert}`).toEqual([]);
      expect(outcome.receivers).toEqual([...outcome.expectedReceivers].sort());
      expect(outcome.runbookUrl).toBe(true);
    }
    expect(report.unexpected).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('pages a registry outage through PagerDuty and the registry channel within three compressed minutes', () => {
    const page = report.outcomes.find((o) => o.scenario === 'registry-outage' && o.alert === 'ErrorBudgetBurn')!;
    expect(page.receivers).toEqual(['pagerduty-oncall', 'slack-registry-alerts']);
    expect(page.notifiedAfter).toBeLessThanOrEqual(page.budget);
  });

  it('fails, naming the alert, when a rule is missing or an alert reaches the wrong receiver', async () => {
    const broken = new Map(
      [...example.rendered]
        .filter(([path]) => !path.endsWith('/dsrs/payment.yaml'))
        .map(([path, text]) => [path, path.endsWith('alertmanager.yml') ? text.replace(/(team="eligibility"\n\s+receiver: )slack-eligibility-alerts/, '$1slack-alerts') : text]),
    );
    const report = await runDrill(withBrokenPanels(example.result.ir), broken, { healthySeconds: 5, scenarios: ['dlq-arrivals', 'dlq-publish-failed'] });
    expect(report.ok).toBe(false);
    expect(report.outcomes.map((o) => [o.alert, o.problems])).toEqual([
      ['DeadLetterMessagesPublished', ['never fired']],
      ['DeadLetterPublishFailed', ['never reached slack-eligibility-alerts', 'reached slack-alerts, which the routing does not name']],
    ]);
    expect(report.panels.outcomes.map((o) => [o.scenario, o.title, o.shown])).toEqual([
      ['dlq-arrivals', 'eligibility.assessed.dlq: arrivals (messages/s)', false],
      ['dlq-publish-failed', 'registry.household.dlq: failed publishes (messages/s)', true],
    ]);
    expect(report.panels.errors).toEqual([expect.stringMatching(/^dsrs-household-saga › Oldest event waiting in the outbox: .*many-to-one/)]);
  }, 120_000);

  it('leaves no process behind', () => {
    expect(drillProcesses()).toEqual([]);
  });

  it('stops everything it started when interrupted', async () => {
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort(), 4000);
    await expect(runDrill(example.result.ir, example.rendered, { healthySeconds: 60, signal: interrupt.signal })).rejects.toBeInstanceOf(DrillError);
    expect(drillProcesses()).toEqual([]);
  }, 60_000);
});
