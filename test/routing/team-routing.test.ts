import { describe, expect, it } from 'vitest';
import { pagerduty } from '../../src/authoring/receivers.ts';
import { secretKey } from '../../src/authoring/secret.ts';
import { compile } from '../../src/compile.ts';
import { teamRouting, type TeamRoutingOptions } from '../../src/templates/team-routing.ts';
import { testAlert, testService, writtenRunbooksFor } from '../support/definitions.ts';

function inhibitEqual(options: Partial<TeamRoutingOptions>) {
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
  return result.ir.routing!.inhibitRules.map((rule) => rule.equal);
}

describe('teamRouting', () => {
  it('mutes a warning under the critical alert of the same alert name, namespace and service, or the labels a project names', () => {
    expect(inhibitEqual({})).toEqual([['alertname', 'namespace', 'service']]);
    expect(inhibitEqual({ inhibitEqual: ['alertname', 'namespace', 'service', 'slo'] })).toEqual([['alertname', 'namespace', 'service', 'slo']]);
  });
});
