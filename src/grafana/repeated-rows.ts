import { CustomVariableBuilder, RowBuilder, type DashboardBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import type { SharedSignalsIR } from '../ir.ts';

/** Watches sharing their signals: one row of panels, repeated by Grafana over `variable`'s values. */
export interface RepeatedRow<Signals> {
  readonly variable: string;
  readonly values: readonly string[];
  readonly signals: Signals;
}

/**
 * Splits watches into repeated rows and those without shared signals, which get a row each. A
 * watch joins the first row over its variable whose signals agree with its own wherever both
 * have one (a DLQ without a reprocessor has no backlog, and its topic simply shows none there);
 * the row draws every signal any of its watches has. Rows over most values come first; further
 * rows over the same variable get a variable of their own (`consumergroup_2`...), renamed in
 * their queries.
 */
function repeatedRows<Signals extends object, Watch extends { readonly shared?: SharedSignalsIR<Signals> }>(
  watches: readonly Watch[],
): { rows: RepeatedRow<Signals>[]; alone: Watch[] } {
  const merged: { variable: string; values: Set<string>; signals: Record<string, unknown> }[] = [];
  const alone: Watch[] = [];
  for (const watch of watches) {
    if (!watch.shared) {
      alone.push(watch);
      continue;
    }
    const { variable, value } = watch.shared;
    const signals = watch.shared.signals as Record<string, unknown>;
    let row = merged.find((r) => r.variable === variable && agree(r.signals, signals));
    if (!row) merged.push((row = { variable, values: new Set(), signals: {} }));
    Object.assign(row.signals, signals);
    row.values.add(value);
  }
  const seen = new Map<string, number>();
  // The row over most values first, so the common case gets the plain variable name.
  const rows = merged.sort((a, b) => b.values.size - a.values.size).map((row) => {
    const n = (seen.get(row.variable) ?? 0) + 1;
    seen.set(row.variable, n);
    const variable = n === 1 ? row.variable : `${row.variable}_${n}`;
    const signals = Object.fromEntries(
      Object.entries(row.signals).map(([name, expr]) => [name, typeof expr === 'string' ? expr.replaceAll(`"$${row.variable}"`, `"$${variable}"`) : expr]),
    );
    return { variable, values: [...row.values], signals: signals as Signals };
  });
  return { rows, alone };
}

function agree(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  for (const name in b) if (a[name] !== undefined && b[name] !== undefined && a[name] !== b[name]) return false;
  return true;
}

/** Up to this many values, a repeated row shows them all at first; beyond, the first only (a browser draws every panel of every repetition). */
const SHOW_ALL_UP_TO = 10;

/** The variable a repeated row iterates: the watched values, several at once or all. */
function choiceVariable(row: RepeatedRow<unknown>, label: string): CustomVariableBuilder {
  const values = [...row.values].sort();
  const current = values.length <= SHOW_ALL_UP_TO ? { text: 'All', value: '$__all' } : { text: values[0]!, value: values[0]! };
  return new CustomVariableBuilder(row.variable)
    .label(label)
    .values(values.map((v) => v.replaceAll(',', '\\,')).join(','))
    .multi(true)
    .includeAll(true)
    .current(current);
}

/** Draws one row of panels for `signals` with panel ids `base + k`, titled after `name`, under `row`. */
export type DrawRow<Signals> = (builder: DashboardBuilder, base: number, row: RowBuilder, name: string, signals: Signals) => void;

/**
 * Every watch's row on an organisation-wide dashboard: the repeated rows first, each with its
 * variable, then one row for each watch without shared signals (`ownRow` names and heads it).
 * The n-th row has panel ids 100·n + k, its row panel 100·n + 99.
 */
export function addWatchRows<Signals extends object, Watch extends { readonly shared?: SharedSignalsIR<Signals>; readonly signals: Signals }>(
  builder: DashboardBuilder,
  watches: readonly Watch[],
  variableLabel: string,
  ownRow: (watch: Watch) => { readonly name: string; readonly heading: string },
  draw: DrawRow<Signals>,
): void {
  const { rows, alone } = repeatedRows<Signals, Watch>(watches);
  let base = 0;
  for (const row of rows) {
    builder.withVariable(choiceVariable(row, variableLabel));
    const name = `$${row.variable}`;
    draw(builder, (base += 100), new RowBuilder(name).repeat(row.variable), name, row.signals);
  }
  for (const watch of alone) {
    const { name, heading } = ownRow(watch);
    draw(builder, (base += 100), new RowBuilder(heading), name, watch.signals);
  }
}
