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
      for (const [panel, clash] of overlappingPanels(dashboard.model.panels ?? [])) report(panel, `panel "${panel.title ?? ''}" overlaps "${clash.title ?? ''}" on the grid`);
    }
    return diagnostics;
  },
};

/**
 * Each panel that overlaps one placed before it (top to bottom), with that one. A sweep down the
 * grid compares a panel only with the panels still open at its top, so a dashboard of thousands
 * of panels is not checked pair by pair.
 */
function overlappingPanels(panels: readonly GrafanaPanelModel[]): [GrafanaPanelModel, GrafanaPanelModel][] {
  const placed = panels.filter((p) => p.gridPos).sort((a, b) => a.gridPos!.y - b.gridPos!.y);
  const clashes: [GrafanaPanelModel, GrafanaPanelModel][] = [];
  let open: GrafanaPanelModel[] = [];
  for (const panel of placed) {
    const box = panel.gridPos!;
    open = open.filter((other) => other.gridPos!.y + other.gridPos!.h > box.y);
    const clash = open.find((other) => overlaps(other.gridPos!, box));
    if (clash) clashes.push([panel, clash]);
    open.push(panel);
  }
  return clashes;
}
