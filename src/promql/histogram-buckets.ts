import { formatExact } from '../util/decimal.ts';

/**
 * Why a classic histogram with these finite bucket boundaries cannot tell requests apart at
 * `threshold` seconds, or undefined when the threshold is one of its boundaries.
 */
export function bucketBoundaryProblem(histogram: string, threshold: number, buckets: readonly number[]): { message: string; hint: string } | undefined {
  const boundaries = [...new Set(buckets)].filter((b) => Number.isFinite(b) && b > 0).sort((a, b) => a - b);
  if (boundaries.length === 0) return { message: `the finite bucket boundaries of \`${histogram}\` are missing`, hint: 'list the histogram\'s `le` values in `buckets`, as the service declares them' };
  if (boundaries.includes(threshold)) return undefined;
  const below = boundaries.filter((b) => b < threshold).at(-1);
  const above = boundaries.find((b) => b > threshold);
  const nearest = [below, above].filter((b) => b !== undefined).map((b) => `\`${formatExact(b)}\``);
  return {
    message: `threshold \`${Number.isFinite(threshold) ? formatExact(threshold) : String(threshold)}\` seconds is not a bucket boundary of \`${histogram}\``,
    hint: `a classic histogram can only tell requests apart at its boundaries; the nearest are ${nearest.join(' and ')}`,
  };
}

/** The `le` spellings of a bucket boundary: Go clients write `1`, Java and Python (and Prometheus 3) `1.0`. */
export function leSpellings(boundary: number): string[] {
  const text = formatExact(boundary);
  return Number.isInteger(boundary) ? [text, `${text}.0`] : [text];
}
