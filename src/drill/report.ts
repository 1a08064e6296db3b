import type { DrillReport } from './run-drill.ts';

const dash = '–';

/** The drill's report as text: what was compressed, the healthy run, one row per expected alert. */
export function formatDrillReport(report: DrillReport): string {
  const lines: string[] = ['Compressed:', ...report.compressed.map((c) => `  - ${c}`), 'Changed for the drill:', ...report.changed.map((c) => `  - ${c}`), ''];
  const { healthy } = report;
  lines.push(
    `Healthy run (${healthy.seconds}s): ${healthy.noise.length === 0 ? 'quiet' : `${healthy.noise.length} unexpected`}; heartbeat delivered to ${healthy.heartbeats.join(', ') || 'nobody'}`,
    ...healthy.noise.map((n) => `  ✗ ${n}`),
    '',
  );
  for (const s of report.scenarios.filter((s) => s.skipped)) lines.push(`skipped ${s.name}: ${s.skipped}`);
  const rows = report.outcomes.map((o) => [
    o.problems.length === 0 ? 'ok' : 'FAIL',
    o.scenario,
    `${o.alert}{${Object.entries(o.labels).filter(([k]) => k !== 'namespace').map(([k, v]) => `${k}=${v}`).join(',')}}`,
    o.firingAfter === undefined ? dash : `${o.firingAfter}s`,
    o.notifiedAfter === undefined ? dash : `${o.notifiedAfter}s`,
    `${o.budget}s`,
    o.receivers.join(' ') || dash,
    o.runbookUrl ? 'yes' : 'no',
  ]);
  lines.push(...table(['', 'scenario', 'alert', 'firing', 'notified', 'budget', 'receivers', 'runbook'], rows));
  for (const o of report.outcomes.filter((o) => o.problems.length > 0)) lines.push(`✗ ${o.scenario} ${o.alert}: ${o.problems.join('; ')} (routing names ${o.expectedReceivers.join(', ')})`);
  for (const u of report.unexpected) lines.push(`✗ unexpected: ${u}`);
  const { panels } = report;
  lines.push('', `Dashboards: ${panels.queries} panel queries run over the scenarios`);
  lines.push(...table(['', 'scenario', 'panel'], panels.outcomes.map((o) => [o.shown ? 'ok' : 'FAIL', o.scenario, `${o.dashboard} › ${o.title}`])));
  for (const o of panels.outcomes.filter((o) => !o.shown)) lines.push(`✗ ${o.scenario}: ${o.dashboard} › ${o.title} drew nothing but 0 or no data`);
  for (const e of panels.errors) lines.push(`✗ panel query failed: ${e}`);
  if (panels.empty.length > 0) lines.push(`no data in the drill: ${panels.empty.join('; ')}`);
  lines.push('', `Times are real seconds from injection; ×${report.factor} gives production time.`, report.ok ? 'drill passed' : 'drill failed');
  return lines.join('\n');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)];
}
