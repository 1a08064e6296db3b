import { exact } from '../util/decimal.ts';
import { DAY, formatDuration, MINUTE } from '../util/duration.ts';
import { memoize } from '../util/memo.ts';

/** The shortest window: every SLI is recorded over it, and longer windows are derived from it. */
export const BASE_WINDOW_MS = 5 * MINUTE;

/**
 * How often the SLO-window ratio and the budget left are evaluated, from 5m rates sampled as
 * often. Reading 30 days of rates recorded every evaluation would cost Prometheus more than every
 * alert of the SLO together. Half the base window, so the sampled rates still cover every moment,
 * and under Prometheus' 5m lookback, so dashboards always find a value.
 */
export const BUDGET_INTERVAL_MS = BASE_WINDOW_MS / 2;

export interface WindowSpec {
  readonly longMs: number;
  readonly shortMs: number;
  /** Exact decimal text. */
  readonly factor: string;
}

/**
 * The SRE workbook's pairs for a 30-day window: page when 2% of the budget goes in 1h or 5% in
 * 6h; ticket when 10% goes in 1d or in 3d. The short window is 1/12 of the long one.
 */
const workbookPairs = {
  page: [
    { longMs: 1 * 60 * MINUTE, shortMs: 5 * MINUTE, factor: '14.4' },
    { longMs: 6 * 60 * MINUTE, shortMs: 30 * MINUTE, factor: '6' },
  ],
  ticket: [
    { longMs: 1 * DAY, shortMs: 2 * 60 * MINUTE, factor: '3' },
    { longMs: 3 * DAY, shortMs: 6 * 60 * MINUTE, factor: '1' },
  ],
} as const satisfies Record<string, readonly WindowSpec[]>;

const WORKBOOK_SLO_WINDOW_MS = 30 * DAY;

/**
 * A total outage must page within this long (plus one scrape), or as soon as the shortest
 * outage window can when the objective is too low for that (about 97.2% and below).
 */
export const OUTAGE_DETECTION_MS = 2 * MINUTE;

/** The shortest long window: one minute over the base, so its short window (at least the base) stays shorter. */
const MIN_LONG_WINDOW_MS = BASE_WINDOW_MS + MINUTE;

/**
 * The workbook's pairs scaled to another SLO window: each window grows with the SLO window,
 * so every pair still spends the same share of the budget and the factors stay the same
 * (burn rate = share × SLO window / window). Windows are whole minutes, never below the base.
 *
 * With a large budget (a low objective) even the fastest pair is slow to see a total outage:
 * at 99% the 1h pair needs 0.01 × 14.4 × 60m = 8.6 minutes. The page tier then gets an outage
 * pair: the same factor over a long window short enough to page a total outage within 2 minutes.
 */
export const defaultWindows = memoize(workbookWindows, (tier, sloWindowMs, budget) => `${tier} ${sloWindowMs} ${budget}`);

function workbookWindows(tier: 'page' | 'ticket', sloWindowMs: number, budget: string): WindowSpec[] {
  const scale = sloWindowMs / WORKBOOK_SLO_WINDOW_MS;
  // A factor whose threshold reaches 100% errors could never fire: such pairs are left out.
  const pairs = workbookPairs[tier]
    .filter((pair) => exact(pair.factor).times(budget).lessThan(1))
    .map((pair) => ({ longMs: scaleLongWindow(pair.longMs, scale), shortMs: scaleWindow(pair.shortMs, scale), factor: pair.factor }));
  const fastest = pairs[0];
  if (!fastest) return pairs;
  const threshold = exact(fastest.factor).times(budget);
  const outageMs = threshold.times(fastest.longMs);
  if (tier !== 'page' || outageMs.lessThanOrEqualTo(OUTAGE_DETECTION_MS)) return pairs;
  // Below about 97.2% even a long window of the base's length would take longer than 2 minutes:
  // the shortest pair there is (a minute over the base) still pages far sooner than the workbook's.
  const longMs = Math.max(MIN_LONG_WINDOW_MS, Math.floor(exact(OUTAGE_DETECTION_MS).dividedBy(threshold).dividedBy(MINUTE).toNumber()) * MINUTE);
  if (longMs >= fastest.longMs) return pairs;
  return [{ longMs, shortMs: BASE_WINDOW_MS, factor: fastest.factor }, ...pairs];
}

function scaleWindow(ms: number, scale: number): number {
  return Math.max(BASE_WINDOW_MS, Math.round((ms * scale) / MINUTE) * MINUTE);
}

function scaleLongWindow(ms: number, scale: number): number {
  return Math.max(MIN_LONG_WINDOW_MS, scaleWindow(ms, scale));
}

/** The default short window for a long one: 1/12, whole minutes, at least the base window. */
export function defaultShortWindow(longMs: number): number {
  return scaleWindow(longMs, 1 / 12);
}

/** `5m`, `1h`, `2d19h12m`: the window as it appears in recording names and in PromQL ranges. */
export function windowText(ms: number): string {
  return formatDuration(ms);
}
