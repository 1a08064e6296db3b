import type { ServiceIR, SloIR } from '../ir.ts';
import { paths } from '../naming.ts';
import { exact } from '../util/decimal.ts';
import { durationMs, MINUTE } from '../util/duration.ts';
import { detectionRows } from './detection.ts';
import { humanDuration, percent } from './words.ts';

/** What `vigil explain <slo>` prints: the SLO, its alert tiers, and when each tier fires. */
export function explainSlo(slo: SloIR, service: ServiceIR): string {
  const outageMinutes = exact(slo.budget).times(durationMs(slo.window) / MINUTE).toNumber();
  const lines = [
    `${slo.id}: ${slo.description}`,
    `objective ${slo.objective}% over ${slo.window}: an error budget of ${percent(slo.budget)} of events, about ${humanDuration(outageMinutes)} of total outage`,
    '',
    'alerts',
  ];
  const tierRows = slo.tiers.map((tier) => [
    `  ${tier.name} (${tier.severity})`,
    tier.windows.map((w) => `${w.factor}× over ${w.long} and ${w.short}`).join(', or ') +
      (tier.for ? `, for ${tier.for}` : '') +
      (tier.keepFiringFor ? `, keeps firing ${tier.keepFiringFor}` : ''),
  ]);
  if (slo.noData) tierRows.push([`  no data (${slo.noData.severity})`, `after ${slo.noData.for} without SLI data`]);
  if (slo.minEventRate !== undefined) tierRows.push(['  minimum traffic', `burn alerts wait for ${slo.minEventRate} events per second`]);
  lines.push(...table(tierRows), '');

  if (slo.tiers.length === 0) {
    lines.push('no burn-rate tier is on, so there is nothing to detect');
    return lines.join('\n');
  }
  lines.push('time from the start of the errors to the alert (budget × factor ÷ error ratio × window, plus `for`):', '');
  const header = ['  errors', ...slo.tiers.map((t) => t.name)];
  const rows = detectionRows(slo).map((row) => [
    `  ${row.label}`,
    ...row.tiers.map(({ detection }) => (detection.minutes === undefined ? 'never' : humanDuration(detection.minutes))),
  ]);
  lines.push(...table([header, ...rows]), '');
  if (slo.testSeries.kind !== 'none') {
    lines.push(
      `Every cell is proved by a generated promtool test (\`vigil test\`; ${paths.ruleTests(service)} and ${paths.slowRuleTests(service)}):`,
      'after a healthy history as long as the longest window, the alert fires by that time plus one',
      'scrape and evaluation step (plus the 5m rate\'s ramp for windows derived from it), and not a',
      'minute earlier; "never" is checked for a day, or as long as the longest window.',
    );
  } else {
    lines.push('This SLO has no generated tests: its SLI needs a `simulate` list of series (see `vigil build`).');
  }
  return lines.join('\n');
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows.reduce<number[]>((w, row) => row.map((cell, i) => Math.max(w[i] ?? 0, [...cell].length)), []);
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]! + 2))).join('').trimEnd());
}
