import type { BurnTierIR, BurnWindowIR, SloIR } from '../ir.ts';
import { exact, formatExact } from '../util/decimal.ts';
import { durationMs, formatDuration, MINUTE } from '../util/duration.ts';
import { memoize } from '../util/memo.ts';

/** The words alerts, runbooks and `vigil explain` use to describe an SLO and its burn rates. */

/** `0.1%` for a budget of 0.001. */
export function percent(ratio: string): string {
  return `${formatExact(exact(ratio).times(100))}%`;
}

/** `registry availability` (plus the per-label part for SLOs kept per label). */
export function sloTitle(slo: SloIR, serviceName: string): string {
  const labels = slo.by.map((label) => `${label} {{ $labels.${label} }}`).join(', ');
  return `${serviceName} ${slo.name}${labels ? ` (${labels})` : ''}`;
}

/** How long the whole budget lasts at a burn rate: `2d2h` for 14.4× over 30 days. */
export function budgetLasts(slo: SloIR, factor: string): string {
  const ms = exact(durationMs(slo.window)).dividedBy(factor).dividedBy(MINUTE).toDecimalPlaces(0).times(MINUTE);
  return formatDuration(ms.toNumber());
}

/** Share of the budget a window spends at its factor: `2%` for 14.4× over 1h of 30d. */
export function budgetSpent(slo: SloIR, window: BurnWindowIR): string {
  const share = exact(window.factor).times(durationMs(window.long)).dividedBy(durationMs(slo.window));
  return `${formatExact(share.times(100).toDecimalPlaces(1))}%`;
}

/** `14.4× over 1h (2% of the budget in 1h; all of it in 2d2h)` */
export const windowWords = memoize(
  (slo: SloIR, window: BurnWindowIR): string =>
    `${window.factor}× over ${window.long} (${budgetSpent(slo, window)} of the budget in ${window.long}; all of it in ${budgetLasts(slo, window.factor)})`,
  (slo, window) => `${slo.window} ${window.long} ${window.factor}`,
);

export function burnSummary(slo: SloIR, serviceName: string, tier: BurnTierIR): string {
  const speed = tier.name === 'page' ? 'fast' : 'slowly but steadily';
  return `${sloTitle(slo, serviceName)} SLO: the error budget is burning ${speed}`;
}

export function burnDescription(slo: SloIR, serviceName: string, tier: BurnTierIR): string {
  const conditions = tier.windows.map((w) => windowWords(slo, w)).join(', or ');
  const advice =
    tier.name === 'page'
      ? 'Act now: users are affected and the budget will not last.'
      : 'Not an emergency, but at this pace the SLO will be missed: plan a fix.';
  return [
    `The ${sloTitle(slo, serviceName)} SLO promises ${slo.objective}% over ${slo.window} (${slo.description}), an error budget of ${percent(slo.budget)} bad events.`,
    `Recently {{ $value | humanizePercentage }} of events were bad, burning the budget at least ${conditions}.`,
    advice,
  ].join(' ');
}

/**
 * The no-data alert is `absent()`: it carries none of the SLO's `by` labels, and it fires only
 * once every group is gone, so its words name the SLO alone.
 */
export function noDataSummary(slo: SloIR, serviceName: string): string {
  return `${serviceName} ${slo.name} SLO: no SLI data`;
}

export function noDataDescription(slo: SloIR, serviceName: string, forDuration: string): string {
  const histogram = slo.sli.kind === 'events' && !slo.sli.errorsMayBeMissing;
  const causes = histogram
    ? "the service is down or not scraped, a metric was renamed, or the threshold is not one of the histogram's buckets"
    : 'the service is down or not scraped, or a metric was renamed';
  const everyGroup = slo.by.length ? ` for any ${slo.by.join(' and ')}` : '';
  return `The SLI of the ${serviceName} ${slo.name} SLO has returned no data${everyGroup} for ${forDuration}: the series it reads are missing (${causes}). Its burn-rate alerts cannot fire until data returns.`;
}

/** `52s`, `5m46s`, `1d12h`: a detection time in minutes, rounded to the second. */
export function humanDuration(minutes: number): string {
  return formatDuration(Math.round(minutes * 60) * 1000);
}
