import { alert, type AlertOptions } from '../../src/authoring/alert.ts';
import { service, type ServiceDefinition, type ServiceOptions } from '../../src/authoring/service.ts';
import { compile, type CompileResult } from '../../src/compile.ts';
import type { Definition } from '../../src/authoring/index.ts';
import type { RunbookSource } from '../../src/normalize/runbooks.ts';

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

/**
 * Compiles definitions as a project whose critical alerts all have a written runbook with a
 * Mitigation, so tests of other rules see no missing-mitigation warning.
 */
export function compileDefinitions(definitions: readonly Definition[]): CompileResult {
  return compile({ definitions, runbooks: writtenRunbooksFor(definitions) });
}

/** A written runbook with a Mitigation for every critical alert the definitions compile to, SLO burn alerts included. */
export function writtenRunbooksFor(definitions: readonly Definition[]): RunbookSource[] {
  const { ir } = compile({ definitions });
  const critical = new Set(
    ir.ruleGroups.flatMap((group) => group.rules.flatMap((rule) => (rule.type === 'alert' && rule.severity === 'critical' ? [rule.name] : []))),
  );
  return [...critical].map((name) => ({ file: `runbooks/${name}.md`, text: `# ${name}\n\n## Mitigation\n\nRoll back the last rollout.\n` }));
}

export function codes(result: CompileResult): string[] {
  return result.diagnostics.map((d) => d.code);
}
