import type { DashboardIR, GrafanaPanelModel, ProjectIR } from '../ir.ts';
import { checkableExpr, isDataPanel } from '../grafana/panels-of.ts';
import { compressExpr } from './compress.ts';

/** One query of one dashboard panel, its variables resolved as Grafana would for one view. */
export interface PanelQuery {
  readonly dashboard: string;
  /** The title as Grafana shows it, a repeated row's value in place of its variable. */
  readonly title: string;
  readonly expr: string;
  readonly instant: boolean;
}

export interface PanelQueryResult extends PanelQuery {
  readonly error?: string;
  readonly series: number;
  /** Whether any sample differs from 0: the panel draws something an incident would show. */
  readonly nonZero: boolean;
}

interface Variable {
  readonly name: string;
  readonly type?: string;
  readonly query?: string;
  readonly current?: { readonly value?: string | string[] };
}

/**
 * Every query of every dashboard, as the drill's Prometheus must answer it: the saved value of
 * each query variable, every value of a custom variable (one view per value in a row repeated
 * over it, all of them at once elsewhere), Grafana's interval variables, and durations
 * compressed like the rules'.
 */
export function panelQueries(ir: ProjectIR, factor: number): PanelQuery[] {
  return ir.dashboards.flatMap((dashboard) => {
    const variables = (dashboard.model.templating as { list?: Variable[] } | undefined)?.list ?? [];
    return panelsWithRepeat(dashboard).flatMap(({ panel, repeat }) =>
      views(variables, repeat).flatMap((view) =>
        (panel.targets ?? []).flatMap((target) => {
          const expr = target.expr;
          if (typeof expr !== 'string' || expr.trim() === '') return [];
          return [
            {
              dashboard: dashboard.uid,
              title: interpolate(String(panel.title ?? ''), view, (v) => v),
              expr: compressExpr(checkableExpr(interpolate(expr, view, regexEscape)), factor),
              instant: (target as { instant?: unknown }).instant === true,
            },
          ];
        }),
      ),
    );
  });
}

/** Runs each query over `[from, to]` (instant ones at `to`). */
export async function runPanelQueries(prometheusUrl: string, queries: readonly PanelQuery[], from: number, to: number): Promise<PanelQueryResult[]> {
  const results: PanelQueryResult[] = [];
  for (const query of queries) {
    const params: Record<string, string> = query.instant
      ? { query: query.expr, time: String(to / 1000) }
      : { query: query.expr, start: String(from / 1000), end: String(to / 1000), step: '1' };
    try {
      const response = await fetch(`${prometheusUrl}/api/v1/${query.instant ? 'query' : 'query_range'}?${new URLSearchParams(params)}`, { signal: AbortSignal.timeout(5000) });
      const body = (await response.json()) as { status: string; error?: string; data?: { result: { value?: [number, string]; values?: [number, string][] }[] } };
      if (body.status !== 'success') {
        results.push({ ...query, error: body.error ?? `HTTP ${response.status}`, series: 0, nonZero: false });
        continue;
      }
      const series = body.data?.result ?? [];
      const nonZero = series.some((s) => (s.values ?? (s.value ? [s.value] : [])).some(([, v]) => Number(v) !== 0));
      results.push({ ...query, series: series.length, nonZero });
    } catch (error) {
      results.push({ ...query, error: (error as Error).message, series: 0, nonZero: false });
    }
  }
  return results;
}

/** Data panels, each with the variable its row repeats over, if any. */
function panelsWithRepeat(dashboard: DashboardIR): { panel: GrafanaPanelModel; repeat?: string }[] {
  const found: { panel: GrafanaPanelModel; repeat?: string }[] = [];
  let repeat: string | undefined;
  for (const panel of dashboard.model.panels ?? []) {
    if (panel.type === 'row') {
      repeat = (panel as { repeat?: string }).repeat || undefined;
      for (const inner of panel.panels ?? []) if (isDataPanel(inner)) found.push({ panel: inner, ...(repeat ? { repeat } : {}) });
    } else if (isDataPanel(panel)) found.push({ panel, ...(repeat ? { repeat } : {}) });
  }
  return found;
}

/** The variables' values of each view of a panel: one per value of the repeated variable. */
function views(variables: readonly Variable[], repeat: string | undefined): Map<string, string[]>[] {
  const base = new Map<string, string[]>();
  for (const variable of variables) {
    if (variable.type === 'custom') base.set(variable.name, customValues(variable.query ?? ''));
    else if (variable.type === 'query' && variable.current?.value !== undefined) base.set(variable.name, [variable.current.value].flat());
  }
  const repeated = repeat === undefined ? undefined : base.get(repeat);
  if (!repeated) return [base];
  return repeated.map((value) => new Map([...base, [repeat!, [value]]]));
}

/** A custom variable's values: comma-separated, `\,` a comma within one. */
function customValues(query: string): string[] {
  return query.split(/(?<!\\),/).map((v) => v.replaceAll('\\,', ',').trim()).filter((v) => v !== '');
}

/** `$name` and `${name}` replaced; several values become `(a|b)`, as Grafana's Prometheus data source writes them. */
function interpolate(text: string, view: ReadonlyMap<string, readonly string[]>, format: (value: string) => string): string {
  return text.replace(/\$\{(\w+)\}|\$(\w+)/g, (match, braced: string | undefined, bare: string | undefined) => {
    const values = view.get((braced ?? bare)!);
    if (!values) return match;
    const formatted = values.map(format);
    return formatted.length === 1 ? formatted[0]! : `(${formatted.join('|')})`;
  });
}

/** Grafana's escaping of a multi-value variable's value for a Prometheus regex matcher inside a double-quoted string. */
function regexEscape(value: string): string {
  return value.replace(/[\\^$*+?.()|{}[\]]/g, '\\\\$&');
}
