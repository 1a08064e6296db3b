import { alert, type AlertOptions } from '../../src/authoring/alert.ts';
import { service, type ServiceDefinition, type ServiceOptions } from '../../src/authoring/service.ts';
import { compile, type CompileResult } from '../../src/compile.ts';
import type { Definition } from '../../src/authoring/index.ts';

export function testService(overrides: Partial<ServiceOptions> = {}): ServiceDefinition {
  return service({ name: 'checkout', namespace: 'shop', team: 'payments', ...overrides });
}

export function testAlert(svc: ServiceDefinition, overrides: Partial<AlertOptions> = {}) {
  return alert({
    name: 'CheckoutDown',
    service: svc,
    expr: 'up{job="checkout"} == 0',
    for: '5m',
    severity: 'critical',
    summary: 'checkout is down',
    description: 'Prometheus cannot scrape checkout.',
    ...overrides,
  });
}

export function compileDefinitions(definitions: readonly Definition[]): CompileResult {
  return compile({ definitions });
}

export function codes(result: CompileResult): string[] {
  return result.diagnostics.map((d) => d.code);
}
