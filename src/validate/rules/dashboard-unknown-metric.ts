import { warningAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { panelPath } from '../../grafana/panels-of.ts';
import type { ProjectIR } from '../../ir.ts';
import { declaredMetrics, recordedMetrics, watchedMetrics } from '../known-metrics.ts';
import { parsedQueries, parsedRules, type ValidationRule } from '../rule.ts';

/** Every recording rule, every metric a rule reads (from scraped services and exporters), every watched or declared metric. */
function knownMetrics(ir: ProjectIR): Set<string> {
  const known = new Set([...recordedMetrics(ir), ...watchedMetrics(ir), ...declaredMetrics(ir)]);
  for (const { ast } of parsedRules(ir)) for (const name of ast.metricNames()) known.add(name);
  return known;
}

export const dashboardUnknownMetric: ValidationRule = {
  id: 'dashboard-unknown-metric',
  description: 'Every metric a dashboard panel queries is read by a rule of the bundle, recorded by one, or watched by a template: otherwise the panel likely stays empty.',
  check(ir) {
    if (ir.dashboards.length === 0) return [];
    const known = knownMetrics(ir);
    const diagnostics: Diagnostic[] = [];
    const queries = parsedQueries(ir);
    let unknown: string[] = [];
    // The queries come panel by panel: a panel's unknown metrics are reported together, after its last query.
    queries.forEach(({ dashboard, panel, ast }, i) => {
      for (const metric of ast.metricNames()) if (!known.has(metric) && !unknown.includes(metric)) unknown.push(metric);
      const next = queries[i + 1];
      if (unknown.length === 0 || (next?.panel === panel && next.dashboard === dashboard)) return;
      diagnostics.push(
        warningAt(this.id, dashboard.location, `panel "${panel.title ?? ''}" queries ${unknown.map((m) => `\`${m}\``).join(', ')}, which no scraped service, exporter or recording rule of the bundle is known to produce`, {
          path: panelPath(dashboard, panel),
          hint: 'check the metric name; if a service does expose it, an alert or recording rule on it makes it known',
        }),
      );
      unknown = [];
    });
    return diagnostics;
  },
};
