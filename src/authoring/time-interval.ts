import type { SourceLocation } from '../diagnostics/diagnostic.ts';
import { captureLocation } from './location.ts';

export type Weekday = 'sunday' | 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday';
export type Month =
  | 'january'
  | 'february'
  | 'march'
  | 'april'
  | 'may'
  | 'june'
  | 'july'
  | 'august'
  | 'september'
  | 'october'
  | 'november'
  | 'december';

/** Inclusive ranges: `'monday:friday'`, `'june:august'`, `[1, 7]`; a single value stands for itself. */
export type WeekdayRange = Weekday | `${Weekday}:${Weekday}`;
export type MonthRange = Month | `${Month}:${Month}`;
export type NumberRange = number | readonly [number, number];

/** A time of day, start inclusive and end exclusive, `HH:MM` in UTC (`{ start: '09:00', end: '17:00' }`). */
export interface TimeRange {
  readonly start: string;
  readonly end: string;
}

/** One period: every field given must match (a missing field matches anything); within a field, any entry may. */
export interface Period {
  readonly times?: readonly TimeRange[];
  readonly weekdays?: readonly WeekdayRange[];
  /** Days of the month, 1-31; negative counts from the month's end (-1 is its last day). */
  readonly daysOfMonth?: readonly NumberRange[];
  readonly months?: readonly MonthRange[];
  readonly years?: readonly NumberRange[];
}

export interface TimeInterval {
  readonly name: string;
  /** The interval is the union of its periods. */
  readonly periods: readonly Period[];
  readonly location: SourceLocation;
}

/**
 * A named set of periods, for routes that are active (`activeTimeIntervals`) or muted
 * (`muteTimeIntervals`) only at those times. Times are UTC.
 */
export function timeInterval(name: string, ...periods: Period[]): TimeInterval {
  return Object.freeze({ name, periods, location: captureLocation() });
}
