import { expect, it } from 'vitest';
import { outboxAge } from '../../alerts/shared/outbox.ts';
import { errorRatio, slo, type ErrorRatioSli } from '../../src/authoring/slo.ts';
import { service } from '../../src/authoring/service.ts';
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

/** A custom SLI kind: a typed function that returns one of vigil's SLIs, here gRPC availability. */
function grpcAvailability(job: string): ErrorRatioSli {
  const handled = { job };
  return errorRatio({
    errors: selector('grpc_server_handled_total', { ...handled, grpc_code: re('Unknown|DeadlineExceeded|Internal|Unavailable|DataLoss') }),
    total: selector('grpc_server_handled_total', handled),
  });
}

it('a custom SLI kind compiles like a built-in one', () => {
  const svc = service({ name: 'ledger', namespace: 'bank', team: 'core' });
  const result = compileDefinitions([svc, slo({ service: svc, name: 'availability', objective: 99.9, sli: grpcAvailability('ledger') })]);
  expect(result.diagnostics).toEqual([]);
  const exprs = result.ir.ruleGroups.flatMap((g) => g.rules.map((r) => r.expr));
  expect(exprs).toContainEqual(expect.stringContaining('sum(rate(grpc_server_handled_total{grpc_code=~"Unknown|DeadlineExceeded|Internal|Unavailable|DataLoss",job="ledger"}[5m]))'));
});
