import type { DashboardDefinition } from '../authoring/dashboard.ts';
import { errorAt, formatLocation, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { generatedDashboards } from '../grafana/generate.ts';
import type { DashboardIR, GrafanaDashboardModel, ProjectIR } from '../ir.ts';
import { customDashboardUid, dashboardUidProblem } from '../naming.ts';
import { compareStrings } from '../util/compare.ts';
import { flattenStrings } from '../util/flat.ts';

/**
 * The project's dashboards: generated from the rest of the IR, then the custom ones written in
 * dashboards/. Two dashboards with one uid are an error: Grafana would keep only one.
 */
export function normalizeDashboards(definitions: readonly DashboardDefinition[], ir: Omit<ProjectIR, 'dashboards'>, diagnostics: Diagnostic[]): DashboardIR[] {
  const custom = definitions.flatMap((definition) => customDashboard(definition, diagnostics) ?? []);
  const all = [...generatedDashboards({ ...ir, dashboards: [] }), ...custom];
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

/** What is wrong with a model built from data or `as never` that the rest takes for granted, or undefined. */
function modelShapeProblem(model: unknown): string | undefined {
  if (typeof model !== 'object' || model === null || Array.isArray(model)) {
    return `is ${model === undefined ? 'missing' : model === null ? 'null' : Array.isArray(model) ? 'a list' : `a ${typeof model}`}, not an object`;
  }
  const { title } = model as { title?: unknown };
  if (title !== undefined && typeof title !== 'string') return `has a \`title\` that is ${title === null ? 'null' : `a ${typeof title}`}, not a string`;
  return undefined;
}

/** A custom dashboard, or undefined (with an error) when its model cannot be written as JSON or its uid is not one Grafana takes. */
function customDashboard(definition: DashboardDefinition, diagnostics: Diagnostic[]): DashboardIR | undefined {
  const shapeProblem = modelShapeProblem(definition.model);
  if (shapeProblem !== undefined) {
    diagnostics.push(
      errorAt('dashboard-model', definition.location, `the dashboard model ${shapeProblem}`, {
        path: 'dashboard',
        hint: 'pass a dashboard builder, such as vigilDashboard(...), or the JSON model Grafana exports',
      }),
    );
    return undefined;
  }
  const title = definition.model.title ?? 'Dashboard';
  const loop = referenceToEnclosing(definition.model, '');
  if (loop !== undefined) {
    diagnostics.push(
      errorAt('dashboard-model', definition.location, `the model of dashboard "${title}" contains itself at \`${loop}\`: its JSON would never end`, {
        path: `dashboard "${title}"`,
        hint: 'put a copy there instead of a reference to an object that encloses it',
      }),
    );
    return undefined;
  }
  const uid = definition.model.uid ?? customDashboardUid(title);
  const uidProblem = dashboardUidProblem(uid);
  if (uidProblem !== undefined) {
    diagnostics.push(
      errorAt('invalid-name', definition.location, `dashboard uid \`${String(uid)}\` ${uidProblem}: Grafana refuses it`, {
        path: `dashboard "${title}" > uid`,
        hint: 'the uid names the dashboard in Grafana, in its URL and in the output file',
      }),
    );
    return undefined;
  }
  const model = { ...definition.model, uid } as GrafanaDashboardModel;
  flattenStrings(model);
  return { uid, title, model, custom: true, location: definition.location };
}

/** Where `value` refers to an object enclosing that place (`panels[1].parent`), if anywhere. */
function referenceToEnclosing(value: unknown, path: string, enclosing: object[] = []): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  if (enclosing.includes(value)) return path;
  enclosing.push(value);
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((item, i) => [`${path}[${i}]`, item]) : Object.entries(value).map(([key, item]) => [path ? `${path}.${key}` : key, item]);
  for (const [inner, item] of entries) {
    const found = referenceToEnclosing(item, inner, enclosing);
    if (found !== undefined) return found;
  }
  enclosing.pop();
  return undefined;
}
