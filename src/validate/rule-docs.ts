import type { LintCase, LintRule } from './rule.ts';

/** A lint rule's documentation page (docs/rules/<id>.md): what, why, its table of cases, how to configure it. */
export function ruleDocPage(rule: LintRule): string {
  return [
    `# ${rule.id}`,
    '',
    `Default severity: **${rule.severity}**.`,
    '',
    rule.description,
    '',
    '## Why',
    '',
    rule.why,
    '',
    '## Reported',
    '',
    ...rule.invalid.flatMap(caseBlock),
    '## Not reported',
    '',
    ...rule.valid.flatMap(caseBlock),
    '## Configuration',
    '',
    'Change its severity, or turn it off, in `vigil.config.ts`:',
    '',
    '```ts',
    `export default defineConfig({ lint: { rules: { '${rule.id}': 'off' } } }); // or 'info', 'warning', 'error'`,
    '```',
    '',
  ].join('\n');
}

function caseBlock(c: LintCase): string[] {
  if (c.sloBy) {
    return ['```ts', `slo({ service: checkout, name: 'availability', objective: 99.9, by: ${JSON.stringify(c.sloBy)},`, `  sli: errorRatio({ errors: '${c.expr}', total: 'http_requests_total' }) });`, '```', ''];
  }
  const lines = c.declaredMetrics ? [`# the service declares metrics: ${c.declaredMetrics.join(', ')}`] : [];
  if (c.interval) lines.push(`# job checkout is scraped every ${c.interval}`);
  if (c.record) {
    lines.push(`- record: ${c.record}`, `  expr: ${c.expr}`);
  } else {
    lines.push('- alert: CheckoutProblem', `  expr: ${c.expr}`);
    if (c.for) lines.push(`  for: ${c.for}`);
    lines.push('  labels: { severity: warning }');
    if (c.noDescription) lines.push('  annotations: { summary: checkout has a problem }');
    if (c.twin) {
      lines.push('- alert: CheckoutProblem', `  expr: ${c.twin.expr ?? c.expr}`);
      if (c.twin.for ?? c.for) lines.push(`  for: ${c.twin.for ?? c.for}`);
      lines.push(`  labels: { severity: ${c.twin.severity} }`);
    }
  }
  return ['```yaml', ...lines, '```', ''];
}
