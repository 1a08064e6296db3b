import type { DashboardDefinition } from '../authoring/dashboard.ts';
import { errorAt, formatLocation, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { generatedDashboards } from '../grafana/generate.ts';
import type { DashboardIR, GrafanaDashboardModel, ProjectIR } from '../ir.ts';
import { customDashboardUid } from '../naming.ts';
import { compareStrings } from '../util/compare.ts';
import { flattenStrings } from '../util/flat.ts';

/**
 * The project's dashboards: generated from the rest of the IR, then the custom ones written in
 * dashboards/. Two dashboards with one uid are an error: Grafana would keep only one.
 */
export function normalizeDashboards(definitions: readonly DashboardDefinition[], ir: Omit<ProjectIR, 'dashboards'>, diagnostics: Diagnostic[]): DashboardIR[] {
  const all = [...generatedDashboards({ ...ir, dashboards: [] }), ...definitions.map(customDashboard)];
  const byUid = new Map<string, DashboardIR>();
  for (const dashboard of all) {
    const existing = byUid.get(dashboard.uid);
    if (existing) {
      diagnostics.push(
        errorAt('duplicate-dashboard', dashboard.location, `two dashboards have the uid \`${dashboard.uid}\`: Grafana keeps only one`, {
          path: `dashboard "${dashboard.title}"`,
          hint: existing.custom ? `the other is at ${formatLocation(existing.location)}` : 'vigil generates a dashboard with that uid: set another `uid` on yours',
        }),
      );
      continue;
    }
    byUid.set(dashboard.uid, dashboard);
  }
  return [...byUid.values()].sort((a, b) => compareStrings(a.uid, b.uid));
}

function customDashboard(definition: DashboardDefinition): DashboardIR {
  const title = definition.model.title ?? 'Dashboard';
  const uid = definition.model.uid ?? customDashboardUid(title);
  const model = { ...definition.model, uid } as GrafanaDashboardModel;
  flattenStrings(model);
  return { uid, title, model, custom: true, location: definition.location };
}
