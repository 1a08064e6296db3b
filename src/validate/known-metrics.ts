import type { ProjectIR } from '../ir.ts';
import { metricNames } from '../promql/metrics.ts';
import { allRules } from './rule.ts';

/** Series Prometheus makes itself, whatever it scrapes. */
const prometheusOwn = ['ALERTS', 'ALERTS_FOR_STATE', 'up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_series_added'];
const histogramSeries = ['_bucket', '_count', '_sum'];

/** Every recording rule's name, and what Prometheus itself produces. */
export function recordedMetrics(ir: ProjectIR): Set<string> {
  const known = new Set(prometheusOwn);
  for (const rule of allRules(ir)) if (rule.type === 'record') known.add(rule.name);
  return known;
}

const watched = new WeakMap<ProjectIR, ReadonlySet<string>>();

/**
 * The metrics of the exporters and instrumentations templates watch (their signals), found once
 * per IR for the two rules that read them: an organisation's signals run to tens of thousands.
 */
export function watchedMetrics(ir: ProjectIR): ReadonlySet<string> {
  let known = watched.get(ir);
  if (!known) {
    const names = new Set<string>();
    const signals = [...ir.consumerGroups, ...ir.deadLetterQueues, ...ir.traffic].flatMap((watch) => Object.values(watch.signals));
    for (const signal of signals) if (signal) for (const name of metricNames(signal.replaceAll('{{quantile}}', '0.5'))) names.add(name);
    watched.set(ir, (known = names));
  }
  return known;
}

/** What services declare they expose, histograms and summaries with their series. */
export function declaredMetrics(ir: ProjectIR): Set<string> {
  const known = new Set<string>();
  for (const service of ir.services) {
    for (const metric of service.metrics) {
      known.add(metric);
      for (const suffix of histogramSeries) known.add(`${metric}${suffix}`);
    }
  }
  return known;
}
