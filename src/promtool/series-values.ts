import type { Decimal } from 'decimal.js';
import { exact, formatExact } from '../util/decimal.ts';

/** A stretch of time during which a counter grows by the same amount every step. */
export interface CounterSegment {
  readonly steps: number;
  readonly increment: Decimal;
}

/**
 * A counter's samples in promtool's expanding notation: 0 at the first step, then each
 * segment's increment added at every one of its steps. `[{steps: 3, increment: 10}]` →
 * `0 10+10x2` (0, 10, 20, 30).
 */
export function counterValues(segments: readonly CounterSegment[]): string {
  const parts = ['0'];
  let value = exact(0);
  for (const { steps, increment } of segments) {
    if (steps <= 0) continue;
    const first = value.plus(increment);
    parts.push(`${formatExact(first)}+${formatExact(increment)}x${steps - 1}`);
    value = value.plus(increment.times(steps));
  }
  return parts.join(' ');
}
