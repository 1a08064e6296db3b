import { expect, it } from 'vitest';
import { outboxAge } from '../../alerts/shared/outbox.ts';
import { errorRatio, slo, type ErrorRatioSli } from '../../src/authoring/slo.ts';
import { service, type ServiceDefinition } from '../../src/authoring/service.ts';
import { re, selector } from '../../src/promql/selector.ts';
import { labelMatchers } from '../../src/promql/selector.ts';
import { compileDefinitions } from '../support/definitions.ts';
import { fires, runScenarios, series, silent } from '../support/template-scenarios.ts';
import { describeWithTool } from '../support/tools.ts';

const registry = service({ name: 'registry', namespace: 'dsrs', team: 'registry' });

describeWithTool('promtool', 'a custom template (the example system\'s outbox age)', () => {
  it('warns when the oldest pending event is older than 5 minutes, and not before', () => {
    const age = (values: string) => series(`outbox_oldest_pending_age_seconds${labelMatchers({ namespace: 'dsrs', job: 'registry', pod: 'registry-0' })}`, values);
    runScenarios(
      [registry, outboxAge({ service: registry })],
      [
        { name: 'a relay that keeps up', input: [age('0 2 1 3 0 2 1 3 0 2 1 3 0 2 1 3 0 2 1 3')], checks: [silent('OutboxEventsStale', '19m')] },
        // Stuck from minute 5: the age grows by 60 s a minute and passes 300 s at minute 10.
        { name: 'a stuck relay', input: [age('0x5 60+60x20')], checks: [silent('OutboxEventsStale', '10m'), fires('OutboxEventsStale', '12m')] },
      ],
    );
  });
});

/** A custom SLI kind, as the README writes it: a typed function that returns one of vigil's SLIs, here gRPC availability. */
function grpcAvailability(svc: ServiceDefinition): ErrorRatioSli {
  return errorRatio({
    errors: selector('grpc_server_handled_total', { ...svc.scrapeLabels, grpc_code: re('Unknown|DeadlineExceeded|Internal|Unavailable|DataLoss') }),
    total: selector('grpc_server_handled_total', svc.scrapeLabels),
  });
}

it('a custom SLI kind compiles like a built-in one', () => {
  const svc = service({ name: 'ledger', namespace: 'bank', team: 'core' });
  const result = compileDefinitions([svc, slo({ service: svc, name: 'availability', objective: 99.9, sli: grpcAvailability(svc) })]);
  expect(result.diagnostics).toEqual([]);
  const exprs = result.ir.ruleGroups.flatMap((g) => g.rules.map((r) => r.expr));
  expect(exprs).toContainEqual(expect.stringContaining('sum(rate(grpc_server_handled_total{grpc_code=~"Unknown|DeadlineExceeded|Internal|Unavailable|DataLoss",job="ledger",namespace="bank"}[5m]))'));
});

describeWithTool('promtool', 'a custom SLI kind (gRPC availability)', () => {
  const ledger = service({ name: 'ledger', namespace: 'bank', team: 'core' });
  const staging = service({ name: 'ledger', namespace: 'bank-staging', team: 'core' });
  const handled = (namespace: string, code: string, values: string) =>
    series(`grpc_server_handled_total${labelMatchers({ namespace, job: 'ledger', grpc_code: code, pod: 'ledger-0' })}`, values);

  it("pages for its own service's failures, never for a service of the same name in another namespace", () => {
    runScenarios(
      [ledger, staging, slo({ service: ledger, name: 'availability', objective: 99.9, sli: grpcAvailability(ledger) })],
      [
        {
          name: 'the staging copy fails every call',
          input: [handled('bank', 'OK', '0+1000x120'), handled('bank-staging', 'Unavailable', '0+100x120')],
          checks: [silent('ErrorBudgetBurn', '2h')],
        },
        {
          name: 'the ledger fails every call',
          input: [handled('bank', 'OK', '0+1000x60 60000x60'), handled('bank', 'Unavailable', '0x60 1000+1000x60')],
          checks: [silent('ErrorBudgetBurn', '1h'), fires('ErrorBudgetBurn', '1h3m', { namespace: 'bank', severity: 'critical' })],
        },
      ],
    );
  });
});
