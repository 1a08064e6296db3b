import { posix } from 'node:path';
import type { BundleFile } from '../bundle.ts';
import type { AlertRuleIR, ProjectIR, ServiceIR, SloIR } from '../ir.ts';
import { paths, ruleGroupName, sloGroup } from '../naming.ts';
import type { PromtoolTestCase, PromtoolTestFile } from '../promtool/test-file.ts';
import { FAST_EVALUATION_MINUTES, SLOW_EVALUATION_MINUTES, sloScenarios } from '../slo/scenarios.ts';
import { groupBy } from '../util/records.ts';

/**
 * Per service with SLOs: the promtool tests that prove its SLO alerts. Not part of the bundle
 * (nothing deploys them): `vigil test` writes them beside the rule files they load and runs them.
 */
export function emitRuleTests(ir: ProjectIR): { files: Map<string, BundleFile>; untestable: { slo: SloIR; problem: string }[] } {
  const files = new Map<string, BundleFile>();
  const untestable: { slo: SloIR; problem: string }[] = [];
  const groups = new Map(ir.ruleGroups.map((g) => [g.name, g]));
  const services = new Map(ir.services.map((s) => [s.id, s]));
  for (const [serviceId, slos] of groupBy(ir.slos, (s) => s.serviceId)) {
    const service = services.get(serviceId)!;
    const scenarios = slos.map((slo) => {
      const rules = groups.get(ruleGroupName(service, sloGroup(slo.name)))?.rules ?? [];
      const generated = sloScenarios(slo, rules.filter((r): r is AlertRuleIR => r.type === 'alert'));
      if (generated.untestable) untestable.push({ slo, problem: generated.untestable });
      return generated;
    });
    addTestFile(files, service, paths.ruleTests(service), FAST_EVALUATION_MINUTES, scenarios.flatMap((s) => s.fast));
    addTestFile(files, service, paths.slowRuleTests(service), SLOW_EVALUATION_MINUTES, scenarios.flatMap((s) => s.slow));
  }
  return { files, untestable };
}

function addTestFile(
  files: Map<string, BundleFile>,
  service: ServiceIR,
  path: string,
  evaluationMinutes: number,
  tests: readonly PromtoolTestCase[],
): void {
  if (tests.length === 0) return;
  const file: PromtoolTestFile = {
    rule_files: [posix.relative(posix.dirname(path), paths.ruleFile(service))],
    evaluation_interval: `${evaluationMinutes}m`,
    tests,
  };
  files.set(path, { format: 'yaml', value: file });
}
