import { Decimal } from 'decimal.js';

/**
 * Exact decimal arithmetic for thresholds and objectives: 14.4 × (1 − 0.999) is 0.0144,
 * never 0.014399999999999998. A JS number enters through its shortest text form (99.9 → "99.9").
 */
export type Exact = Decimal;

export function exact(value: number | string | Decimal): Decimal {
  return new Decimal(value);
}

/** Plain notation, no exponent, no trailing zeros: 0.0000001, 14.4, 1000. */
export function formatExact(value: number | Decimal): string {
  const d = value instanceof Decimal ? value : new Decimal(value);
  return d.toFixed();
}

/** A JS number that prints as the exact decimal (the nearest double's shortest form). */
export function toNumber(value: Decimal): number {
  return Number(value.toFixed());
}
