import { describe, expect, it } from 'vitest';
import { pagerduty } from '../../src/authoring/receivers.ts';
import { secretKey } from '../../src/authoring/secret.ts';
import { compile } from '../../src/compile.ts';
import { teamRouting, type TeamRoutingOptions } from '../../src/templates/team-routing.ts';
import { testAlert, testService, writtenRunbooksFor } from '../support/definitions.ts';
import { notificationData, renderNotificationTemplate, type NotifiedAlert } from '../support/notification.ts';
import { describeWithTool } from '../support/tools.ts';

/** One service with an alert, routed by `teamRouting` to #payments, compiled without diagnostics. */
function compiledTeamRouting(options: Partial<TeamRoutingOptions> = {}) {
  const svc = testService();
  const definitions = [
    svc,
    testAlert(svc),
    teamRouting({
      slack: { webhook: secretKey('alertmanager-slack', 'webhook-url'), defaultChannel: '#alerts' },
      pager: pagerduty({ name: 'pagerduty-oncall', routingKey: secretKey('alertmanager-pagerduty', 'routing-key') }),
      teams: { payments: { channel: '#payments' } },
      ...options,
    }),
  ];
  const result = compile({ definitions, runbooks: writtenRunbooksFor(definitions) });
  expect(result.diagnostics).toEqual([]);
  return result.ir.routing!;
}

function inhibitEqual(options: Partial<TeamRoutingOptions>) {
  return compiledTeamRouting(options).inhibitRules.map((rule) => rule.equal);
}

describe('teamRouting', () => {
  it('mutes a warning under the critical alert of the same alert name, namespace and service, or the labels a project names', () => {
    expect(inhibitEqual({})).toEqual([['alertname', 'namespace', 'service']]);
    expect(inhibitEqual({ inhibitEqual: ['alertname', 'namespace', 'service', 'slo'] })).toEqual([['alertname', 'namespace', 'service', 'slo']]);
  });
});

function defaultSlackText(): string {
  const receiver = compiledTeamRouting().receivers.find((r) => r.name === 'slack-payments');
  if (receiver?.type !== 'slack' || receiver.text === undefined) throw new Error('no Slack text for #payments');
  return receiver.text;
}

function dlqAlert(topic: string, status: NotifiedAlert['status']): NotifiedAlert {
  return {
    status,
    labels: { alertname: 'DeadLetterPublishFailed', namespace: 'shop', service: 'checkout', dlq_topic: `${topic}.dlq`, severity: 'critical' },
    annotations: {
      summary: `Writing to ${topic}.dlq failed`,
      description: `Messages from ${topic} are at risk.`,
      runbook_url: 'https://runbooks.example/DeadLetterPublishFailed.md',
    },
  };
}

describeWithTool('amtool', "teamRouting's Slack message", () => {
  it('tells the alerts of a group that still fire from those that resolved', () => {
    const data = notificationData('slack-payments', ['alertname', 'namespace', 'service'], [
      dlqAlert('orders', 'firing'),
      dlqAlert('payments', 'resolved'),
      dlqAlert('refunds', 'firing'),
    ]);
    const lines = renderNotificationTemplate(defaultSlackText(), data).split('\n');
    expect(lines).toContain('*Writing to orders.dlq failed*');
    expect(lines).toContain('*Writing to refunds.dlq failed*');
    expect(lines).toContain('Resolved: Writing to payments.dlq failed');
    expect(lines.filter((line) => line.includes('payments.dlq'))).toEqual(['Resolved: Writing to payments.dlq failed']);
  });

  it("links an SLO alert's dashboard beside its runbook, and writes no dashboard line for an alert without one", () => {
    const burn: NotifiedAlert = {
      status: 'firing',
      labels: { alertname: 'ErrorBudgetBurn', namespace: 'shop', service: 'checkout', slo: 'availability', severity: 'critical' },
      annotations: {
        summary: 'checkout availability SLO: the error budget is burning fast',
        description: 'Act now.',
        runbook_url: 'https://runbooks.example/ErrorBudgetBurn.md',
        dashboard_url: 'https://grafana.example/d/shop-checkout?viewPanel=100',
      },
    };
    const groupBy = ['alertname', 'namespace', 'service'];
    const sloLines = renderNotificationTemplate(defaultSlackText(), notificationData('slack-payments', groupBy, [burn])).split('\n');
    expect(sloLines).toContain('Runbook: https://runbooks.example/ErrorBudgetBurn.md');
    expect(sloLines).toContain('Dashboard: https://grafana.example/d/shop-checkout?viewPanel=100');
    const dlq = renderNotificationTemplate(defaultSlackText(), notificationData('slack-payments', groupBy, [dlqAlert('orders', 'firing')]));
    expect(dlq).not.toContain('Dashboard');
  });
});
