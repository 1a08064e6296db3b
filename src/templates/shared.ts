import { Decimal } from 'decimal.js';
import type { AlertDefinition } from '../authoring/alert.ts';
import { OptionsError } from '../authoring/options-error.ts';
import { exporterProfiles, type ExporterProfile } from './kafka/exporters.ts';
import { formatExact } from '../util/decimal.ts';
import { isValidLabelName } from '../promql/selector.ts';

/** A number as PromQL text, exact (`0.05`, `1000`); NaN and infinities as PromQL spells them, for the diagnostics to name. */
export function promNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  return formatExact(new Decimal(value));
}

/** An alert's switch: `false` turns it off, an object tunes it, `undefined` keeps the defaults. */
export type Tunable<T> = false | T | undefined;

/** The options of a switchable alert with its defaults applied, or undefined when switched off. */
export function tuned<T extends object>(option: Tunable<Partial<T>>, defaults: T): T | undefined {
  if (option === false) return undefined;
  return { ...defaults, ...(option ?? {}) };
}

/** What a template returns: its alerts, and the names a caller can look them up by. */
export function alertNames(alerts: readonly AlertDefinition[]): string[] {
  return [...new Set(alerts.map((a) => a.name))].sort();
}

/** `a, b and c`. */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A ratio as exact percent text: 0.07 → `7` (never 7.000000000000001). */
export function percentText(ratio: number): string {
  return Number.isFinite(ratio) ? formatExact(new Decimal(ratio).times(100)) : promNumber(ratio);
}

/** Throws an OptionsError, naming the template's call, unless `value` is a non-empty string. */
export function requireName(call: string, field: string, value: unknown): void {
  if (typeof value !== 'string' || value === '') throw new OptionsError(`${call}: \`${field}\` must be a name, not ${value === '' ? 'empty' : JSON.stringify(value) ?? String(value)}`);
}

/** The entry of `table` that `name` names, or an OptionsError naming the ones there are. */
export function requireOneOf<T>(call: string, field: string, name: unknown, table: Readonly<Record<string, T>>): T {
  if (typeof name === 'string' && Object.hasOwn(table, name)) return table[name]!;
  throw new OptionsError(`${call}: \`${field}\` must be one of ${Object.keys(table).join(', ')}, not ${JSON.stringify(name) ?? String(name)}`);
}

/** The exporter's profile, or an OptionsError naming the ones there are. */
export function requireExporter(call: string, field: string, name: unknown): ExporterProfile {
  return requireOneOf(call, field, name, exporterProfiles);
}

/**
 * Throws an OptionsError unless `value` is an object: the options a call takes, or one of their
 * fields (`field`). A template reads its options' fields before it checks them.
 */
export function requireOptions(call: string, value: unknown, field?: string): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return;
  const what = field === undefined ? 'takes an object of options' : `\`${field}\` must be an object`;
  throw new OptionsError(`${call}: ${what}, not ${value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value)}`);
}

/** Throws an OptionsError unless `value` is a service made by `service()`. */
export function requireService(call: string, value: unknown): void {
  if (typeof value !== 'object' || value === null || (value as { kind?: unknown }).kind !== 'service') {
    throw new OptionsError(`${call}: \`service\` must be a service made by service(), not ${value === undefined ? 'missing' : JSON.stringify(value) ?? String(value)}`);
  }
}

/** Throws an OptionsError unless `value` is a list of Prometheus label names. */
export function requireLabelNames(call: string, field: string, value: unknown): void {
  if (!Array.isArray(value)) throw new OptionsError(`${call}: \`${field}\` must be a list of label names, not ${JSON.stringify(value) ?? String(value)}`);
  const bad = value.find((label) => typeof label !== 'string' || !isValidLabelName(label));
  if (bad !== undefined) throw new OptionsError(`${call}: \`${field}\` holds ${JSON.stringify(bad) ?? String(bad)}, which is no label name`);
}

/** Throws an OptionsError unless `value` is a share strictly between 0 and 1 (0.05 is 5%). */
export function requireFraction(call: string, field: string, value: unknown): void {
  if (typeof value === 'number' && value > 0 && value < 1) return;
  const hint = typeof value === 'number' && value >= 1 && value < 100 ? `; for ${value}%, write ${promNumber(new Decimal(value).dividedBy(100).toNumber())}` : '';
  throw new OptionsError(`${call}: \`${field}\` must be a share between 0 and 1, not ${JSON.stringify(value) ?? String(value)}${hint}`);
}
