/**
 * The one place that turns label names and values into PromQL text. Every value is quoted
 * as a PromQL double-quoted string, so a topic named `a"b\c` or a value with a newline can
 * never break out of its matcher.
 */

import { OptionsError } from '../authoring/options-error.ts';
import { memoize } from '../util/memo.ts';
import { sortStrings } from '../util/sort.ts';

export type MatchOperator = '=' | '!=' | '=~' | '!~';

/** A label's condition: a plain string means equality. */
export type MatchValue = string | { readonly op: MatchOperator; readonly value: string };

/** Label name → condition, e.g. `{ job: 'registry', code: re('5..') }`. */
export type Matchers = Readonly<Record<string, MatchValue>>;

/** Regex match: `re('5..')` → `=~"5.."`. */
export const re = (value: string): MatchValue => ({ op: '=~', value });
/** Negative regex match: `notRe('2..')` → `!~"2.."`. */
export const notRe = (value: string): MatchValue => ({ op: '!~', value });
/** Inequality: `not('')` → `!=""`. */
export const not = (value: string): MatchValue => ({ op: '!=', value });

const labelNamePattern = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const metricNamePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

// The same few names recur in every selector of an organisation: each is tested once.
export const isValidLabelName = memoize((name: string) => labelNamePattern.test(name), (name) => name);
export const isValidMetricName = memoize((name: string) => metricNamePattern.test(name), (name) => name);

/** Text JSON.stringify would only wrap in quotes: no `"`, backslash, control character or surrogate. */
const needsNoEscape = /^[^"\\\x00-\x1f\ud800-\udfff]*$/;

/**
 * A PromQL string literal. JSON's escaping (\" \\ \n \t \uXXXX) is a subset of the escapes
 * PromQL's Go-style strings accept, so JSON.stringify gives a valid, injection-proof literal.
 */
export function quote(value: string): string {
  if (needsNoEscape.test(value)) return `"${value}"`;
  return JSON.stringify(value.isWellFormed() ? value : value.toWellFormed());
}

/** Escapes regular-expression metacharacters (as Go's regexp.QuoteMeta) so a value matches literally. */
export function quoteRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}

/** Equal to the one value given, or a regex matching exactly one of several. */
export function oneOf(values: readonly string[]): MatchValue {
  const distinct = [...new Set(values)];
  return distinct.length === 1 ? distinct[0]! : re(anyOf(distinct));
}

/** A regex matching exactly one of the given literal values: `a|b\.c`. */
export function anyOf(values: readonly string[]): string {
  return [...new Set(values)].sort().map(quoteRegex).join('|');
}

/** `{a="x",b=~"y|z"}`, labels in sorted order; `{}` never: empty matchers give an empty string. */
export function labelMatchers(matchers: Matchers): string {
  const names = sortStrings(Object.keys(matchers));
  if (names.length === 0) return '';
  const parts = names.map((name) => {
    if (!isValidLabelName(name)) throw new OptionsError(`invalid label name ${JSON.stringify(name)}`);
    const condition: unknown = matchers[name];
    if (typeof condition === 'string') return `${name}=${quote(condition)}`;
    if (!isMatchCondition(condition)) {
      throw new OptionsError(`label \`${name}\` must match a string, or re(), notRe() or not() of one, not ${JSON.stringify(condition) ?? String(condition)}`);
    }
    return `${name}${condition.op}${quote(condition.value)}`;
  });
  return `{${parts.join(',')}}`;
}

const operators: readonly unknown[] = ['=', '!=', '=~', '!~'];

/** A condition as `re()`, `notRe()` and `not()` make it (definitions are loaded without type checks). */
function isMatchCondition(condition: unknown): condition is { op: MatchOperator; value: string } {
  return typeof condition === 'object' && condition !== null && operators.includes((condition as { op?: unknown }).op) && typeof (condition as { value?: unknown }).value === 'string';
}

/** `metric{matchers}`; the bare metric name when there are no matchers. */
export function selector(metric: string, matchers: Matchers = {}): string {
  if (!isValidMetricName(metric)) throw new OptionsError(`invalid metric name ${JSON.stringify(metric)}`);
  return `${metric}${labelMatchers(matchers)}`;
}

/** `op by (a, b) (inner)`, or `op(inner)` without labels; labels sorted and deduplicated. */
export function aggregateBy(op: 'sum' | 'max' | 'min' | 'avg' | 'count', labels: readonly string[], inner: string): string {
  const clause = by(labels);
  return clause === '' ? `${op}(${inner})` : `${op} ${clause}(${inner})`;
}

/** `sum by (a, b) (inner)`, or `sum(inner)` without labels. */
export function sumBy(labels: readonly string[], inner: string): string {
  return aggregateBy('sum', labels, inner);
}

/**
 * An Alertmanager matcher, `name="value"`. The value is double-quoted with only the escapes
 * Alertmanager's classic and UTF-8 matcher parsers read alike (`\\`, `\"`, `\n`), so the
 * same text means the same condition to Alertmanager 0.25 and to later versions.
 */
export function alertmanagerMatcher(name: string, op: MatchOperator, value: string): string {
  if (!isValidLabelName(name)) throw new Error(`invalid label name ${JSON.stringify(name)}`);
  const escaped = value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  return `${name}${op}"${escaped}"`;
}

/** `by (a, b) ` grouping clause (with a trailing space), labels sorted and deduplicated; empty for none. */
export function by(labels: readonly string[]): string {
  const sorted = sortStrings([...new Set(labels)]);
  return sorted.length === 0 ? '' : `by (${sorted.join(', ')}) `;
}
