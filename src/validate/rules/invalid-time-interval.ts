import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { PeriodIR, TimeIntervalIR } from '../../ir.ts';
import type { ValidationRule } from '../rule.ts';

const weekdays = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const months = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export const invalidTimeInterval: ValidationRule = {
  id: 'invalid-time-interval',
  description: 'Time intervals use valid times of day (HH:MM, start before end), weekdays, days of the month, months and years.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    for (const interval of ir.routing?.timeIntervals ?? []) {
      interval.periods.forEach((period, i) => {
        for (const problem of periodProblems(period)) {
          diagnostics.push(errorAt(this.id, interval.location, `time interval \`${interval.name}\`: ${problem}`, { path: pathOf(interval, i) }));
        }
      });
      if (interval.name.trim() === '') {
        diagnostics.push(errorAt(this.id, interval.location, 'a time interval needs a name', { path: 'routing > time interval' }));
      }
    }
    return diagnostics;
  },
};

function pathOf(interval: TimeIntervalIR, period: number): string {
  return `routing > time interval "${interval.name}" > periods[${period}]`;
}

function minutes(time: string): number | undefined {
  const match = /^(\d\d):(\d\d)$/.exec(time);
  if (!match) return undefined;
  const [h, m] = [Number(match[1]), Number(match[2])];
  if (m > 59 || h > 24 || (h === 24 && m !== 0)) return undefined;
  return h * 60 + m;
}

function rangeOf(value: string, names: readonly string[]): boolean {
  const parts = value.toLowerCase().split(':');
  if (parts.length > 2 || !parts.every((p) => names.includes(p))) return false;
  return parts.length === 1 || names.indexOf(parts[0]!) <= names.indexOf(parts[1]!);
}

function periodProblems(period: PeriodIR): string[] {
  const problems: string[] = [];
  for (const { start, end } of period.times) {
    const [from, to] = [minutes(start), minutes(end)];
    if (from === undefined || to === undefined) problems.push(`\`${start}\`–\`${end}\` is not a time range: write \`HH:MM\`, 00:00 to 24:00`);
    else if (from >= to) problems.push(`the time range \`${start}\`–\`${end}\` ends before it starts (times are UTC; split a range that crosses midnight in two)`);
  }
  for (const day of period.weekdays) if (!rangeOf(day, weekdays)) problems.push(`\`${day}\` is not a weekday or weekday range like \`monday:friday\``);
  for (const month of period.months) if (!rangeOf(month, months)) problems.push(`\`${month}\` is not a month or month range like \`june:august\``);
  for (const [start, end] of period.daysOfMonth) {
    const valid = (d: number) => Number.isInteger(d) && d !== 0 && d >= -31 && d <= 31;
    if (!valid(start) || !valid(end) || (Math.sign(start) === Math.sign(end) && start > end)) {
      problems.push(`\`${start}:${end}\` is not a range of days of the month (1 to 31, or -31 to -1 from the month's end)`);
    }
  }
  for (const [start, end] of period.years) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 2000 || end > 2999 || start > end) {
      problems.push(`\`${start}:${end}\` is not a range of years`);
    }
  }
  return problems;
}
