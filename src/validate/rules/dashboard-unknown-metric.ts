import { warningAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { checkableExpr, panelPath, panelsOf } from '../../grafana/panels-of.ts';
import type { ProjectIR } from '../../ir.ts';
import { metricNames } from '../../promql/metrics.ts';
import { allRules, type ValidationRule } from '../rule.ts';

/** Series Prometheus makes itself, whatever it scrapes. */
const prometheusOwn = ['ALERTS', 'ALERTS_FOR_STATE', 'up', 'scrape_duration_seconds', 'scrape_samples_scraped'];

/**
 * What the bundle knows to exist: every recording rule's name, every metric its rules read
 * (those come from scraped services and exporters), and every metric a template watches.
 */
function knownMetrics(ir: ProjectIR): Set<string> {
  const known = new Set(prometheusOwn);
  for (const rule of allRules(ir)) {
    if (rule.type === 'record') known.add(rule.name);
    for (const name of metricNames(rule.expr)) known.add(name);
  }
  const signals = [...ir.consumerGroups, ...ir.deadLetterQueues, ...ir.traffic].flatMap((watch) => Object.values(watch.signals));
  for (const signal of signals) if (signal) for (const name of metricNames(signal.replaceAll('{{quantile}}', '0.5'))) known.add(name);
  return known;
}

export const dashboardUnknownMetric: ValidationRule = {
  id: 'dashboard-unknown-metric',
  description: 'Every metric a dashboard panel queries is read by a rule of the bundle, recorded by one, or watched by a template: otherwise the panel likely stays empty.',
  check(ir) {
    if (ir.dashboards.length === 0) return [];
    const known = knownMetrics(ir);
    const diagnostics: Diagnostic[] = [];
    for (const dashboard of ir.dashboards) {
      for (const panel of panelsOf(dashboard)) {
        const unknown = new Set((panel.targets ?? []).flatMap((t) => (t.expr === undefined ? [] : metricNames(checkableExpr(t.expr)))).filter((m) => !known.has(m)));
        if (unknown.size === 0) continue;
        diagnostics.push(
          warningAt(this.id, dashboard.location, `panel "${panel.title ?? ''}" queries ${[...unknown].map((m) => `\`${m}\``).join(', ')}, which no scraped service, exporter or recording rule of the bundle is known to produce`, {
            path: panelPath(dashboard, panel),
            hint: 'check the metric name; if a service does expose it, an alert or recording rule on it makes it known',
          }),
        );
      }
    }
    return diagnostics;
  },
};
