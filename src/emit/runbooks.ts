import type { BundleFile } from '../bundle.ts';
import type { AlertRuleIR, ProjectIR } from '../ir.ts';
import { paths } from '../naming.ts';
import { groupBy } from '../util/records.ts';

/** One page per alert name, so every `runbook_url` resolves to a file in the bundle. */
export function emitRunbooks(ir: ProjectIR): Map<string, BundleFile> {
  const alerts = ir.ruleGroups.flatMap((g) => g.rules.filter((r): r is AlertRuleIR => r.type === 'alert'));
  const files = new Map<string, BundleFile>();
  for (const [name, instances] of groupBy(alerts, (a) => a.name)) {
    files.set(paths.runbook(name), { format: 'markdown', value: runbookPage(name, instances) });
  }
  return files;
}

function runbookPage(name: string, instances: readonly AlertRuleIR[]): string {
  const descriptions = [...new Set(instances.map((a) => a.annotations.description ?? ''))];
  const lines = [`# ${name}`, '', '## Meaning', '', ...descriptions.flatMap((d) => [d, '']), '## Diagnosis', ''];
  for (const alert of instances) {
    lines.push(
      `### ${alert.labels.service} (${alert.labels.namespace}), ${alert.severity}`,
      '',
      `Fires when this expression returns series${alert.for ? ` for ${alert.for}` : ''}:`,
      '',
      '```promql',
      alert.expr,
      '```',
      '',
    );
  }
  return lines.join('\n');
}
