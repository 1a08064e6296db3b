import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { isDataPanel, panelPath, panelsOf } from '../../grafana/panels-of.ts';
import type { GrafanaPanelModel } from '../../ir.ts';
import type { ValidationRule } from '../rule.ts';

type Box = NonNullable<GrafanaPanelModel['gridPos']>;

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export const dashboardLayout: ValidationRule = {
  id: 'dashboard-layout',
  description: 'Dashboard panels have unique ids (links to a panel name it by id), do not overlap on the grid, fit in its 24 columns, and each data panel has a query.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    for (const dashboard of ir.dashboards) {
      const report = (panel: GrafanaPanelModel, message: string) => diagnostics.push(errorAt(this.id, dashboard.location, message, { path: panelPath(dashboard, panel) }));
      const panels = panelsOf(dashboard);
      const byId = new Map<number, GrafanaPanelModel>();
      for (const panel of panels) {
        if (panel.id === undefined) {
          report(panel, `panel "${panel.title ?? ''}" has no id`);
          continue;
        }
        const other = byId.get(panel.id);
        if (other) report(panel, `panels "${other.title ?? ''}" and "${panel.title ?? ''}" share the id ${panel.id}`);
        else byId.set(panel.id, panel);
        if (isDataPanel(panel) && !(panel.targets ?? []).some((t) => (t.expr ?? '').trim() !== '')) report(panel, `panel "${panel.title ?? ''}" has no query`);
        if (panel.gridPos && panel.gridPos.x + panel.gridPos.w > 24) report(panel, `panel "${panel.title ?? ''}" ends at column ${panel.gridPos.x + panel.gridPos.w}, past the grid's 24`);
      }
      const placed = (dashboard.model.panels ?? []).filter((p) => p.gridPos);
      placed.forEach((panel, i) => {
        const clash = placed.slice(0, i).find((other) => overlaps(other.gridPos!, panel.gridPos!));
        if (clash) report(panel, `panel "${panel.title ?? ''}" overlaps "${clash.title ?? ''}" on the grid`);
      });
    }
    return diagnostics;
  },
};
