/**
 * Prometheus durations (`5m`, `1h30m`, `30d`). Parsed the way Prometheus parses them
 * (units y w d h m s ms, largest first, each at most once) and printed back canonically.
 */

import { memoize } from './memo.ts';

const unitMs = {
  y: 365 * 24 * 3600_000,
  w: 7 * 24 * 3600_000,
  d: 24 * 3600_000,
  h: 3600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
} as const;

/**
 * The longest duration Prometheus and Alertmanager can hold, 106751d23h47m16s854ms: they keep
 * durations as Go's time.Duration, int64 nanoseconds, and refuse a longer one as out of range.
 */
export const MAX_DURATION_MS = 9_223_372_036_854;

const durationPattern =
  /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const unitsInOrder = ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as const;

/**
 * Milliseconds, or undefined when `text` is not a Prometheus duration. A project writes few
 * distinct durations and reads them again and again (sorting windows, for one): each is parsed once.
 */
export const parseDuration: (text: string) => number | undefined = memoize(parse, (text) => text);

function parse(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  const match = durationPattern.exec(text);
  if (!match) return undefined;
  let total = 0;
  unitsInOrder.forEach((unit, i) => {
    const amount = match[i + 1];
    if (amount !== undefined) total += Number(amount) * unitMs[unit];
  });
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Canonical text: days, hours, minutes, seconds, milliseconds (`30d`, `1h30m`, `90s` → `1m30s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const amount = Math.floor(rest / unitMs[unit]);
    if (amount > 0) {
      text += `${amount}${unit}`;
      rest -= amount * unitMs[unit];
    }
  }
  return text;
}

/** Reads a duration known to be valid (validated earlier); throws on a bug. */
export function durationMs(text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined) throw new Error(`internal: invalid duration ${JSON.stringify(text)}`);
  return ms;
}

export const MINUTE = unitMs.m;
export const HOUR = unitMs.h;
export const DAY = unitMs.d;
