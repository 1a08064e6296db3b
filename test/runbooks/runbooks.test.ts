import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../src/authoring/index.ts';
import { compile } from '../../src/compile.ts';
import type { AlertRuleIR } from '../../src/ir.ts';
import { paths } from '../../src/naming.ts';
import { parseRunbookMarkdown } from '../../src/runbooks/parse-markdown.ts';
import { renderBundle } from '../../src/render/render.ts';
import { testAlert, testService } from '../support/definitions.ts';
import { compiledExample } from '../support/example.ts';
import { repoRoot } from '../support/project.ts';

describe('parsing a runbook a person wrote', () => {
  it('drops the title, keeps the intro, and keys the four sections case-insensitively', () => {
    const parsed = parseRunbookMarkdown('# Checkout down\r\n\r\nOwned by payments.\r\n\r\n## meaning\r\nIt is down.\r\n\r\n## MITIGATION ##\r\nRoll back.\r\n');
    expect(parsed.intro).toBe('Owned by payments.');
    expect(parsed.sections).toEqual([
      { title: 'meaning', key: 'meaning', body: 'It is down.', line: 5 },
      { title: 'MITIGATION', key: 'mitigation', body: 'Roll back.', line: 8 },
    ]);
  });

  it('reads a page saved with a byte order mark as if it had none', () => {
    const parsed = parseRunbookMarkdown('\uFEFF## Mitigation\r\n\r\nRoll back.\r\n');
    expect(parsed.intro).toBe('');
    expect(parsed.sections).toEqual([{ title: 'Mitigation', key: 'mitigation', body: 'Roll back.', line: 1 }]);
  });

  it('never starts a section inside a fenced code block, and keeps sections it does not know', () => {
    const text = ['## Diagnosis', '', '```sh', '## not a heading', 'kubectl get pods', '```', '', '## Escalation', 'Call Sam.', '## Diagnosis', 'again'].join('\n');
    const { sections } = parseRunbookMarkdown(text);
    expect(sections.map((s) => [s.title, s.key])).toEqual([
      ['Diagnosis', 'diagnosis'],
      ['Escalation', undefined],
      ['Diagnosis', undefined],
    ]);
    expect(sections[0]!.body).toBe('```sh\n## not a heading\nkubectl get pods\n```');
  });
});

function compileWithRunbooks(definitions: readonly Definition[], runbooks: Record<string, string>) {
  return compile({ definitions, runbooks: Object.entries(runbooks).map(([file, text]) => ({ file, text })) });
}

describe('generated runbook pages', () => {
  const svc = testService();
  const critical = testAlert(svc);
  const warning = testAlert(svc, { name: 'CheckoutSlow', severity: 'warning', expr: 'histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) > 0.5' });
  const written = [
    '# CheckoutDown',
    '',
    'Checkout takes the money.',
    '',
    '## Meaning',
    '',
    'Nobody can pay.',
    '',
    '## Mitigation',
    '',
    'Roll back: `kubectl -n shop rollout undo deployment/checkout`.',
    '',
    '## Escalation',
    '',
    'Call the payments lead.',
  ].join('\n');

  it('merges: the text a person wrote wins, vigil adds its facts, extra sections come last', () => {
    const result = compileWithRunbooks([svc, critical, warning], { 'runbooks/CheckoutDown.md': written });
    expect(result.diagnostics).toEqual([]);
    const page = renderBundle(result.bundle).get(paths.runbook('CheckoutDown'))!;
    const order = ['# CheckoutDown', 'Checkout takes the money.', '## Meaning', 'Nobody can pay.', '### Definition', '## Impact', '## Diagnosis', '### Queries', '### Related alerts', '## Mitigation', 'Roll back: `kubectl', '## Escalation', 'Call the payments lead.'];
    const positions = order.map((text) => page.indexOf(text));
    expect(positions.every((p) => p >= 0), JSON.stringify(Object.fromEntries(order.map((t, i) => [t, positions[i]])))).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(page, "the person's Meaning replaces the description").not.toContain('Prometheus cannot scrape checkout.');
    expect(page).toContain('- [CheckoutSlow](CheckoutSlow.md) (warning): checkout');
    expect(page).toContain('up{job="checkout"} == 0');
  });

  it('writes what it knows where a person wrote nothing: description, severity, thresholds and queries', () => {
    const result = compileWithRunbooks([svc, critical, warning], { 'runbooks/CheckoutDown.md': written });
    const page = renderBundle(result.bundle).get(paths.runbook('CheckoutSlow'))!;
    expect(page).toContain('Prometheus cannot scrape checkout.');
    expect(page).toContain('Severity `warning`: no page.');
    expect(page).toContain('| checkout | shop | payments | warning | 5m | > 0.5 |  |');
    expect(page).toContain('histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))\n```');
    expect(page).toContain('ALERTS{alertname="CheckoutSlow",alertstate="firing"}');
    expect(page).toContain('No mitigation has been written for this alert. Write the steps under `## Mitigation` in `runbooks/CheckoutSlow.md`');
  });

  it('names as thresholds only what the alert compares, not the filters inside what it measures', () => {
    const backlog = testAlert(svc, { name: 'QueueBacklog', severity: 'warning', expr: 'sum(queue_depth{job="checkout"} >= 0) > 1000 and on () max(up{job="checkout"} == 1) > 0' });
    const page = renderBundle(compileWithRunbooks([svc, backlog], {}).bundle).get(paths.runbook('QueueBacklog'))!;
    expect(page).toContain('| checkout | shop | payments | warning | 5m | > 1000; > 0 |  |');
    expect(page).toContain('the alert fires when it is `> 1000`):\n\n```promql\nsum(queue_depth{job="checkout"} >= 0)\n```');
    expect(page).not.toContain('fires when it is `>= 0`');
    expect(page).not.toContain('fires when it is `== 1`');
  });

  it('names no threshold for a comparison that silences the alert: the right side of unless, the argument of absent', () => {
    const errors = testAlert(svc, {
      name: 'CheckoutErrors',
      severity: 'warning',
      expr: 'sum(rate(errors_total{job="checkout"}[5m])) > 0.05 unless on () maintenance_mode{job="checkout"} == 1 or absent(up{job="checkout"} == 1)',
    });
    const page = renderBundle(compileWithRunbooks([svc, errors], {}).bundle).get(paths.runbook('CheckoutErrors'))!;
    expect(page).toContain('| checkout | shop | payments | warning | 5m | > 0.05 |  |');
    expect(page).toContain('the alert fires when it is `> 0.05`):\n\n```promql\nsum(rate(errors_total{job="checkout"}[5m]))\n```');
    expect(page).not.toContain('fires when it is `== 1`');
  });

  it('warns about a critical alert without a written Mitigation, at the alert', () => {
    const result = compileWithRunbooks([svc, critical, warning], { 'runbooks/CheckoutDown.md': '## Meaning\n\nNobody can pay.\n' });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: 'runbook-missing-mitigation',
        severity: 'warning',
        location: expect.objectContaining({ line: critical.location.line, path: 'alert "CheckoutDown"' }),
      }),
    ]);
    expect(result.bundle.size, 'a warning still writes the bundle').toBeGreaterThan(0);
  });

  it('reads a section of HTML comments alone as unwritten: the page keeps what vigil knows, and a critical alert is warned about', () => {
    const template = '## Meaning\n\n<!-- What does this alert mean? -->\n\n## Mitigation\n\n<!-- TODO:\n steps for the on-call -->\n';
    const result = compileWithRunbooks([svc, critical], { 'runbooks/CheckoutDown.md': template });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['runbook-missing-mitigation']);
    const page = renderBundle(result.bundle).get(paths.runbook('CheckoutDown'))!;
    expect(page).toContain('## Meaning\n\nPrometheus cannot scrape checkout.\n\n<!-- What does this alert mean? -->');
    expect(page).toContain('## Mitigation\n\nNo mitigation has been written for this alert.');
  });

  it('warns about a runbook for an alert that does not exist, with its file path', () => {
    const result = compileWithRunbooks([svc, critical], { 'runbooks/CheckoutDown.md': written, 'runbooks/CheckoutDwn.md': '## Mitigation\n\nx\n' });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ code: 'runbook-unknown-alert', severity: 'warning', location: { file: 'runbooks/CheckoutDwn.md', line: 1 } }),
    ]);
  });

  it('stays readable for an alert defined on many services: every instance in the table, the first 20 expressions spelled out', () => {
    const services = Array.from({ length: 25 }, (_, i) => testService({ name: `svc-${String(i).padStart(2, '0')}` }));
    const alerts = services.map((s) => testAlert(s, { name: 'ServiceSlow', severity: 'warning', expr: `latency_seconds{job="${s.name}"} > 1`, description: `${s.name} is slow.` }));
    const page = renderBundle(compileWithRunbooks([...services, ...alerts], {}).bundle).get(paths.runbook('ServiceSlow'))!;
    expect(page).toContain('| svc-24 | shop | payments | warning | 5m | > 1 |  |');
    expect(page).toContain('latency_seconds{job="svc-19"} > 1');
    expect(page).not.toContain('latency_seconds{job="svc-20"} > 1');
    expect(page).not.toContain('svc-20 is slow.');
    expect(page).toContain('The 5 other instances follow the same pattern');
  });

  it('spells out once an expression that instances differing only in their labels share', () => {
    const perQueue = ['orders', 'refunds'].map((queue) => testAlert(svc, { name: 'QueueStuck', severity: 'warning', labels: { queue }, expr: 'max(queue_age_seconds{job="checkout"}) > 600' }));
    const page = renderBundle(compileWithRunbooks([svc, ...perQueue], {}).bundle).get(paths.runbook('QueueStuck'))!;
    expect(page).toContain('| queue=orders |');
    expect(page).toContain('| queue=refunds |');
    const occurrences = (text: string) => page.split(text).length - 1;
    expect(occurrences('max(queue_age_seconds{job="checkout"}) > 600\n```')).toBe(1);
    expect(occurrences('max(queue_age_seconds{job="checkout"})\n```')).toBe(1);
  });

  it('stays a page for an alert defined on hundreds of services: the first 100 rows and names, and how many more', () => {
    const services = Array.from({ length: 130 }, (_, i) => testService({ name: `svc-${String(i).padStart(3, '0')}` }));
    const alerts = services.map((s) => testAlert(s, { name: 'ServiceSlow', severity: 'warning', expr: `latency_seconds{job="${s.name}"} > 1` }));
    const page = renderBundle(compileWithRunbooks([...services, ...alerts], {}).bundle).get(paths.runbook('ServiceSlow'))!;
    expect(page).toContain('is defined for 130 services: svc-000, svc-001');
    expect(page).toContain('svc-099 and 30 more.');
    expect(page).toContain('| svc-099 | shop | payments | warning | 5m | > 1 |  |');
    expect(page).not.toContain('| svc-100 |');
    expect(page).toContain("30 more instances are not listed here: each one's rule is in its service's rule file");
  });

  it('warns about a file in the runbooks folder not named after an alert', () => {
    const result = compileWithRunbooks([svc, critical], { 'runbooks/CheckoutDown.md': written, 'runbooks/checkout-down.notes.md': 'x' });
    expect(result.diagnostics.map((d) => [d.code, d.location.file])).toEqual([['invalid-runbook', 'runbooks/checkout-down.notes.md']]);
  });

  it('warns at its line about a section heading at another level, or repeated, whose text is not that section', () => {
    const text = ['# CheckoutDown', '', '## Diagnosis', 'Check pods.', '', '```sh', '# Mitigation', '```', '', '## Diagnosis', 'Check the database.', '', '# Mitigation', 'Roll back.', '', '### Steps', 'one'].join('\r\n');
    const result = compileWithRunbooks([svc, critical], { 'runbooks/CheckoutDown.md': text });
    const runbookWarnings = result.diagnostics.filter((d) => d.location.file === 'runbooks/CheckoutDown.md');
    expect(runbookWarnings.map((d) => [d.code, d.location.line, d.message])).toEqual([
      ['invalid-runbook', 10, "`## Diagnosis` repeats the section of line 3: its text follows the page's four sections, under a second heading"],
      ['invalid-runbook', 13, "`# Mitigation` is not a `## ` heading: its text is not the page's Mitigation section"],
    ]);
  });
});

describe("the example's runbooks", () => {
  it('gives every alert a runbook_url that resolves to a page of the bundle', async () => {
    const { result, rendered } = await compiledExample();
    const alerts = result.ir.ruleGroups.flatMap((g) => g.rules).filter((r): r is AlertRuleIR => r.type === 'alert');
    expect(alerts.length).toBeGreaterThan(0);
    for (const alert of alerts) {
      const url = alert.annotations.runbook_url!;
      expect(url.startsWith(`${result.ir.config.runbooks.baseUrl}/`), url).toBe(true);
      expect(rendered.has(`runbooks/${url.slice(result.ir.config.runbooks.baseUrl.length + 1)}`), url).toBe(true);
    }
  });

  it('tells apart in "Who is notified" the instances of one service and severity, one per DLQ topic', async () => {
    const { rendered } = await compiledExample();
    const page = rendered.get('runbooks/DeadLetterReprocessorDown.md')!;
    const table = page.slice(page.indexOf('### Who is notified'), page.indexOf('## Diagnosis'));
    const rows = table.split('\n').filter((line) => line.startsWith('| dlq-reprocessor '));
    expect(rows).toHaveLength(3);
    expect(new Set(rows).size).toBe(3);
    expect(rows[0]).toContain('dlq_topic=eligibility.assessed.dlq');
  });

  it('puts the written Mitigation of HTTPErrorRateHigh on its page', () => {
    const written = parseRunbookMarkdown(readFileSync(join(repoRoot, 'runbooks/HTTPErrorRateHigh.md'), 'utf8'));
    const mitigation = written.sections.find((s) => s.key === 'mitigation')!.body;
    expect(mitigation).toContain('kubectl -n dsrs rollout undo');
    expect(readFileSync(join(repoRoot, 'out/runbooks/HTTPErrorRateHigh.md'), 'utf8')).toContain(mitigation);
  });
});
