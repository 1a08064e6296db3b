import { createServer, type Server } from 'node:http';
import { selector } from '../../src/promql/selector.ts';
import type { RawSeries } from './series.ts';

/** Labels Prometheus adds from its scrape configuration (job name, target, target label). */
const SCRAPE_LABELS = new Set(['job', 'instance', 'namespace']);

/**
 * Serves the raw series live at `/metrics/<target>`, each value at the time of the scrape, so
 * they continue the backfilled history.
 */
export async function serveSeries(series: readonly RawSeries[], port: number): Promise<Server> {
  const byTarget = new Map<string, Map<string, { written: string; value: (t: number) => number }[]>>();
  for (const one of series) {
    if (one.name === 'up') continue;
    const metrics = byTarget.get(one.target) ?? new Map();
    byTarget.set(one.target, metrics);
    const same = metrics.get(one.name) ?? [];
    metrics.set(one.name, same);
    const exposed = Object.fromEntries(Object.entries(one.labels).filter(([label]) => !SCRAPE_LABELS.has(label)));
    same.push({ written: selector(one.name, exposed), value: one.value });
  }
  const server = createServer((request, response) => {
    const metrics = byTarget.get(request.url?.replace(/^\/metrics\//, '') ?? '');
    if (!metrics) {
      response.writeHead(404).end();
      return;
    }
    const t = Math.floor(Date.now() / 1000);
    const lines: string[] = [];
    for (const [name, all] of metrics) {
      lines.push(`# TYPE ${name} untyped`);
      for (const series of all) lines.push(`${series.written} ${series.value(t)}`);
    }
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(`${lines.join('\n')}\n`);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

export function scrapeTargets(series: readonly RawSeries[]): Map<string, string> {
  const namespaces = new Map<string, string>();
  for (const one of series) namespaces.set(one.target, one.labels.namespace ?? '');
  return namespaces;
}
