import { Decimal } from 'decimal.js';
import type { BurnTierIR, BurnWindowIR, SloIR } from '../ir.ts';
import { exact, formatExact } from '../util/decimal.ts';
import { durationMs, MINUTE } from '../util/duration.ts';
import { percent } from './words.ts';

/**
 * When a burn-rate alert fires for a constant error ratio e that starts after a healthy
 * history: a window W reaches ratio e·t/W after t minutes, so the condition `ratio > threshold`
 * holds once t > threshold / e × W (the SRE workbook's (1 − objective)/e × W × factor). A pair
 * needs both its windows; a tier fires on its first pair, then waits its `for`.
 */

export interface Detection {
  /** Minutes from the start of the errors; undefined when it never fires at this error ratio. */
  readonly minutes?: number;
  /** The pair that fires first. */
  readonly window?: BurnWindowIR;
}

export function pairDetectionMinutes(window: BurnWindowIR, errorRatio: Decimal): number | undefined {
  if (errorRatio.lessThanOrEqualTo(window.threshold)) return undefined;
  const perMinuteOfWindow = exact(window.threshold).dividedBy(errorRatio);
  const long = perMinuteOfWindow.times(durationMs(window.long) / MINUTE);
  const short = perMinuteOfWindow.times(durationMs(window.short) / MINUTE);
  return Decimal.max(long, short).toNumber();
}

export function tierDetection(tier: BurnTierIR, errorRatio: Decimal): Detection {
  let best: Detection = {};
  for (const window of tier.windows) {
    const minutes = pairDetectionMinutes(window, errorRatio);
    if (minutes !== undefined && (best.minutes === undefined || minutes < best.minutes)) best = { minutes, window };
  }
  if (best.minutes === undefined) return best;
  return { ...best, minutes: best.minutes + (tier.for ? durationMs(tier.for) / MINUTE : 0) };
}

export interface DetectionRow {
  /** `total outage`, `15% errors`, `10× budget`. */
  readonly label: string;
  readonly errorRatio: string;
  /** The 2× budget row: its page must stay silent for a day. */
  readonly isTwiceBudget: boolean;
  readonly tiers: readonly { readonly tier: BurnTierIR; readonly detection: Detection }[];
}

/** The error ratios `vigil explain` tabulates and the generated tests prove, largest first. */
export function detectionRows(slo: SloIR): DetectionRow[] {
  const budget = exact(slo.budget);
  const candidates: { label: string; ratio: Decimal }[] = [
    { label: 'total outage', ratio: exact(1) },
    { label: '15% errors', ratio: exact('0.15') },
    { label: '5% errors', ratio: exact('0.05') },
    { label: `10× budget (${percent(formatExact(budget.times(10)))} errors)`, ratio: budget.times(10) },
    { label: `2× budget (${percent(formatExact(budget.times(2)))} errors)`, ratio: budget.times(2) },
  ];
  const seen = new Set<string>();
  const rows: DetectionRow[] = [];
  for (const { label, ratio } of candidates) {
    const key = formatExact(ratio);
    if (ratio.greaterThan(1) || seen.has(key)) continue;
    seen.add(key);
    rows.push({ label, errorRatio: key, isTwiceBudget: ratio.equals(budget.times(2)), tiers: slo.tiers.map((tier) => ({ tier, detection: tierDetection(tier, ratio) })) });
  }
  return rows.sort((a, b) => exact(b.errorRatio).comparedTo(a.errorRatio));
}
