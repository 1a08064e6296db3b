import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import {
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  SortOrder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  QueryVariableBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  type DataSourceRef,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder } from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

/**
 * vigil's helpers for the panels its dashboards are made of, for generated and hand-written
 * dashboards alike: every panel reads the dashboard's `datasource` variable, and sizes divide
 * Grafana's 24-column grid so the SDK's auto-layout never overlaps.
 */

/** The Prometheus data source every panel reads: the dashboard's `datasource` variable. */
export const prometheusDatasource: DataSourceRef = { type: 'prometheus', uid: '${datasource}' };

export interface PanelQuery {
  readonly expr: string;
  /** Legend, e.g. `{{topic}}`. */
  readonly legend?: string;
}

export interface PanelOptions {
  readonly id: number;
  readonly title: string;
  readonly description?: string;
  readonly queries: readonly PanelQuery[];
  /** Grafana unit id: `short`, `percentunit`, `s`, `reqps`... */
  readonly unit?: string;
  /** Columns of 24: 6, 8, 12 or 24. Default 12. */
  readonly width?: 6 | 8 | 12 | 24;
  /** Default 8. */
  readonly height?: number;
  /** Lines drawn at these values (a threshold, an objective), red from the first. */
  readonly thresholds?: readonly number[];
  /** Links shown on the panel, e.g. to the runbooks of the alerts it explains. */
  readonly links?: readonly { readonly title: string; readonly url: string }[];
}

function targets(queries: readonly PanelQuery[]): cog.Builder<cog.Dataquery>[] {
  return queries.map((q, i) => {
    const query = new DataqueryBuilder().expr(q.expr).refId(String.fromCharCode(65 + i)).datasource(prometheusDatasource);
    return q.legend ? query.legendFormat(q.legend) : query;
  });
}

function thresholdSteps(values: readonly number[]) {
  const colors = ['red', 'orange', 'yellow', 'purple', 'blue'];
  return new ThresholdsConfigBuilder()
    .mode(ThresholdsMode.Absolute)
    .steps([{ value: null, color: 'green' }, ...[...values].sort((a, b) => a - b).map((value, i, all) => ({ value, color: colors[all.length - 1 - i] ?? 'red' }))]);
}

function panelLinks(links: PanelOptions['links']) {
  return (links ?? []).map((l) => new DashboardLinkBuilder(l.title).type(DashboardLinkType.Link).url(l.url).targetBlank(true));
}

/** A time series: the shape of most panels. */
export function timeSeriesPanel(options: PanelOptions): timeseries.PanelBuilder {
  const panel = new timeseries.PanelBuilder()
    .id(options.id)
    .title(options.title)
    .datasource(prometheusDatasource)
    .targets(targets(options.queries))
    .unit(options.unit ?? 'short')
    .span(options.width ?? 12)
    .height(options.height ?? 8)
    // The SDK hides the legend: with several series (burn-rate windows, topics, routes) a reader
    // needs it to tell the lines apart, and one tooltip for all of them, worst first.
    .legend(new VizLegendOptionsBuilder().showLegend(true).displayMode(LegendDisplayMode.List).placement(LegendPlacement.Bottom))
    .tooltip(new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.Descending));
  if (options.description) panel.description(options.description);
  if (options.thresholds?.length) panel.thresholds(thresholdSteps(options.thresholds)).thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed));
  if (options.links?.length) panel.links(panelLinks(options.links));
  return panel;
}

/** One number (the latest value), coloured by thresholds. */
export function statPanel(options: PanelOptions): stat.PanelBuilder {
  const panel = new stat.PanelBuilder()
    .id(options.id)
    .title(options.title)
    .datasource(prometheusDatasource)
    .targets(targets(options.queries))
    .unit(options.unit ?? 'short')
    .span(options.width ?? 6)
    .height(options.height ?? 8);
  if (options.description) panel.description(options.description);
  if (options.thresholds?.length) panel.thresholds(thresholdSteps(options.thresholds));
  if (options.links?.length) panel.links(panelLinks(options.links));
  return panel;
}

/** The alerts firing now that match `matchers` (a PromQL label-matcher list without braces). */
export function firingAlertsPanel(options: Omit<PanelOptions, 'queries' | 'unit' | 'thresholds'> & { readonly matchers: string }): table.PanelBuilder {
  const query = new DataqueryBuilder()
    .expr(`ALERTS{alertstate="firing",${options.matchers}}`)
    .refId('A')
    .instant()
    .format('table' as never)
    .datasource(prometheusDatasource);
  const panel = new table.PanelBuilder()
    .id(options.id)
    .title(options.title)
    .datasource(prometheusDatasource)
    .targets([query])
    .span(options.width ?? 12)
    .height(options.height ?? 8)
    .noValue('No alert firing');
  if (options.description) panel.description(options.description);
  if (options.links?.length) panel.links(panelLinks(options.links));
  return panel;
}

/**
 * A table of instant queries, one row per series, each query's value a column named by its
 * legend; series of several queries with the same labels merge into one row.
 */
export function instantTablePanel(
  options: Omit<PanelOptions, 'thresholds' | 'unit'> & {
    /** Units of the value columns, by legend. */
    readonly units?: Readonly<Record<string, string>>;
    /** Links on the cells of a label column, by label; `${__data.fields.<label>}` in a URL reads the row. */
    readonly cellLinks?: Readonly<Record<string, { readonly title: string; readonly url: string }>>;
    /** Value columns coloured by thresholds, by legend. */
    readonly thresholds?: Readonly<Record<string, readonly number[]>>;
  },
): table.PanelBuilder {
  const queries = options.queries.map((q, i) =>
    new DataqueryBuilder()
      .expr(q.expr)
      .refId(String.fromCharCode(65 + i))
      .instant()
      .format('table' as never)
      .datasource(prometheusDatasource),
  );
  const columnNames = Object.fromEntries(options.queries.map((q, i) => [options.queries.length > 1 ? `Value #${String.fromCharCode(65 + i)}` : 'Value', q.legend ?? q.expr]));
  const panel = new table.PanelBuilder()
    .id(options.id)
    .title(options.title)
    .datasource(prometheusDatasource)
    .targets(queries)
    .span(options.width ?? 24)
    .height(options.height ?? 12)
    .filterable(true)
    .transformations([
      { id: 'merge', options: {} },
      { id: 'organize', options: { excludeByName: { Time: true }, renameByName: columnNames } },
    ]);
  for (const [legend, unit] of Object.entries(options.units ?? {})) panel.overrideByName(legend, [{ id: 'unit', value: unit }]);
  for (const [legend, values] of Object.entries(options.thresholds ?? {})) {
    panel.overrideByName(legend, [
      { id: 'thresholds', value: thresholdSteps(values).build() },
      { id: 'custom.cellOptions', value: { type: 'color-text' } },
    ]);
  }
  for (const [label, link] of Object.entries(options.cellLinks ?? {})) panel.overrideByName(label, [{ id: 'links', value: [{ title: link.title, url: link.url }] }]);
  if (options.description) panel.description(options.description);
  if (options.links?.length) panel.links(panelLinks(options.links));
  return panel;
}

export interface DashboardOptions {
  readonly uid: string;
  readonly title: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  /** The namespace variable's default. Omit for a dashboard without one. */
  readonly namespace?: string;
  readonly links?: readonly { readonly title: string; readonly url: string }[];
}

/** A dashboard with vigil's conventions: a Prometheus `datasource` variable, optionally `namespace`, UTC, refresh 1m, last 6 hours. */
export function vigilDashboard(options: DashboardOptions): DashboardBuilder {
  const builder = new DashboardBuilder(options.title)
    .uid(options.uid)
    .tags(['vigil', ...(options.tags ?? [])])
    .editable()
    .timezone('utc')
    .refresh('1m')
    .time({ from: 'now-6h', to: 'now' })
    .withVariable(new DatasourceVariableBuilder('datasource').label('Data source').type('prometheus'));
  if (options.description) builder.description(options.description);
  if (options.namespace !== undefined) {
    builder.withVariable(
      new QueryVariableBuilder('namespace')
        .label('Namespace')
        .datasource(prometheusDatasource)
        .query('label_values(up, namespace)')
        .refresh(VariableRefresh.OnTimeRangeChanged)
        .current({ text: options.namespace, value: options.namespace }),
    );
  }
  if (options.links?.length) {
    builder.links(options.links.map((l) => new DashboardLinkBuilder(l.title).type(DashboardLinkType.Link).url(l.url).targetBlank(true)));
  }
  return builder;
}
