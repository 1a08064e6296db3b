import type { DashboardIR, GrafanaPanelModel } from '../ir.ts';

/** Every panel of a dashboard, the panels of collapsed rows included. */
export function panelsOf(dashboard: DashboardIR): GrafanaPanelModel[] {
  return (dashboard.model.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/** Panels that show data (rows and text panels do not query anything). */
export function isDataPanel(panel: GrafanaPanelModel): boolean {
  return panel.type !== 'row' && panel.type !== 'text' && panel.type !== 'dashlist' && panel.type !== 'news';
}

/** A panel's PromQL with Grafana's interval variables replaced, so PromQL tooling can read it. */
export function checkableExpr(expr: string): string {
  return expr.replace(/\$\{?__(?:rate_interval|interval|range)(?:_ms|_s)?\}?/g, '5m');
}

export function panelPath(dashboard: DashboardIR, panel: GrafanaPanelModel): string {
  return `dashboard "${dashboard.uid}" > panel ${panel.id ?? '?'} "${panel.title ?? ''}"`;
}
