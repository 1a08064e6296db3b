/**
 * `npm run bench:prometheus`: what the benchmark organisation's rules cost a real Prometheus.
 * Builds N services, backfills the history the rules read (3 days of every series at 30 s, and
 * of the SLOs' sampled rates as many days as their longest window), serves the raw series live,
 * and runs Prometheus (promtool and prometheus from PATH) with every rule file, scraping and
 * evaluating every 30 s. Prints each kind of group's evaluation time, Prometheus's CPU, and the
 * samples each rule reads.
 *
 *   npm run bench:prometheus                     # 30 services, 6 minutes measured
 *   npm run bench:prometheus -- --services 120 --minutes 9
 */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glob } from 'tinyglobby';
import type { Server } from 'node:http';
import { freePort, startProcess, stopProcess, waitReady, type ManagedProcess } from '../src/drill/processes.ts';
import { backfill } from './rule-cost/backfill.ts';
import { scrapeTargets, serveSeries } from './rule-cost/exporter.ts';
import { costByKind, costByRule, cpuSeconds, ownMetric, readsByRule, watchEvaluations } from './rule-cost/measure.ts';
import { rawSeries, recordedSeries } from './rule-cost/series.ts';
import { findOnPath } from '../src/promtool/tools.ts';
import { printTable, wholeNumber } from './command-line.ts';
import { writeSyntheticOrg } from './synthetic-org.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const services = wholeNumber('--services', 30);
const minutes = wholeNumber('--minutes', 6);
/** The SLOs' window: how far back the sampled rates go. */
const sloDays = 30;
const warmUpMs = 90_000;

for (const tool of ['promtool', 'prometheus']) {
  if (!findOnPath(tool)) {
    console.error(`${tool} is not on PATH (Debian: apt-get install prometheus)`);
    process.exit(2);
  }
}

const log = (message: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
const project = join(tmpdir(), `vigil-rule-cost-${services}`);
let prometheus: ManagedProcess | undefined;
let exporter: Server | undefined;
// Exiting, rather than dying of the signal, stops Prometheus (processes.ts kills what it started on exit).
process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
try {
  await measure();
} finally {
  if (prometheus) await stopProcess(prometheus);
  exporter?.close();
  if (!process.argv.includes('--keep')) rmSync(project, { recursive: true, force: true });
}

async function measure(): Promise<void> {
  writeSyntheticOrg(project, services, root);
  const built = spawnSync(process.execPath, [join(root, 'bin', 'vigil.js'), 'build'], { cwd: project, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the build failed:\n${built.stderr}`);
  const ruleFiles = (await glob('out/prometheus/rules/**/*.yaml', { cwd: project, absolute: true })).sort();

  const exporterPort = await freePort();
  const prometheusPort = await freePort();
  const instance = `127.0.0.1:${exporterPort}`;
  const raw = rawSeries(services, instance);
  // The history ends a little ahead, about when the backfill is done (some 0.6 million samples a
  // second here), so that the live samples follow it without a gap.
  const until = Math.ceil((Date.now() / 1000 + 20 + 1.5 * services) / 30) * 30;
  const since = until - sloDays * 86400 - 3600;
  const recorded = recordedSeries(services, since);
  const threeDaysBack = until - 3 * 86400 - 3600;
  log(`backfilling ${services} services up to ${new Date(until * 1000).toISOString()}`);
  const tsdb = join(project, 'tsdb');
  const samples = await backfill(
    [
      { series: raw, from: threeDaysBack, everySeconds: 30 },
      { series: recorded.filter((s) => s.everySeconds === 30), from: threeDaysBack, everySeconds: 30 },
      { series: recorded.filter((s) => s.everySeconds !== 30), from: since, everySeconds: 150 },
    ],
    until,
    join(project, 'openmetrics'),
    tsdb,
  );
  log(`${(samples / 1e6).toFixed(1)} million samples backfilled`);

  exporter = await serveSeries(raw, exporterPort);
  const waitMs = (until + 30) * 1000 - Date.now();
  if (waitMs > 0) {
    log(`waiting ${Math.round(waitMs / 1000)} s for the history's end`);
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
  const scrapes = [...scrapeTargets(raw)].map(
    ([target, namespace]) =>
      `  - job_name: ${target}\n    metrics_path: /metrics/${target}\n    static_configs: [{ targets: ["${instance}"], labels: { namespace: ${namespace} } }]`,
  );
  writeFileSync(
    join(project, 'prometheus.yml'),
    ['global: { scrape_interval: 30s, evaluation_interval: 30s }', 'rule_files:', ...ruleFiles.map((f) => `  - ${f}`), 'scrape_configs:', ...scrapes, ''].join('\n'),
  );
  const base = `http://127.0.0.1:${prometheusPort}`;
  prometheus = startProcess(
    'prometheus',
    'prometheus',
    [
      `--config.file=${join(project, 'prometheus.yml')}`,
      `--storage.tsdb.path=${tsdb}`,
      `--storage.tsdb.retention.time=${sloDays * 2}d`,
      `--web.listen-address=127.0.0.1:${prometheusPort}`,
    ],
    project,
  );
    await waitReady(`${base}/-/ready`, prometheus, 300_000);
    log(`Prometheus ready ${((Date.now() - until * 1000) / 1000).toFixed(0)} s after the history's end; warming up for ${warmUpMs / 1000} s, then measuring for ${minutes} minutes`);
    await new Promise((resolve) => setTimeout(resolve, warmUpMs));
    const cpuBefore = cpuSeconds(prometheus.child.pid!);
    const measuredFrom = Date.now();
    const { evaluations, loaded, unhealthy } = await watchEvaluations(base, measuredFrom, measuredFrom + minutes * 60_000);
    const cores = (cpuSeconds(prometheus.child.pid!) - cpuBefore) / ((Date.now() - measuredFrom) / 1000);
    log('querying every rule once with statistics');
    const reads = await readsByRule(base, ruleFiles, Date.now() / 1000);
    const missed = await ownMetric(base, 'prometheus_rule_group_iterations_missed_total');
    const failures = await ownMetric(base, 'prometheus_rule_evaluation_failures_total');
    const firing = (await (await fetch(`${base}/api/v1/alerts`)).json()) as { data: { alerts: { state: string }[] } };

    const kinds = costByKind(evaluations);
    const total = kinds.reduce((sum, k) => sum + k.msPer30s, 0);
    const rules = reads.reduce((sum, r) => sum + r.count, 0);
    console.log(`${services} services, ${loaded} groups (${evaluations.size} evaluated while measured), ${rules} rules; ${(samples / 1e6).toFixed(1)} million samples of history;`);
    console.log(`Prometheus ${prometheusVersion()}, rules evaluated every 30 s, measured for ${minutes} minutes after ${warmUpMs / 1000} s.\n`);
    printTable(
      ['group kind', 'groups', 'interval', 'ms per 30 s', 'per service'],
      [
        ...kinds.map((k) => [k.kind, String(k.groups), `${k.intervalSeconds}s`, k.msPer30s.toFixed(1), (k.msPer30s / services).toFixed(2)]),
        ['total', String(evaluations.size), '', total.toFixed(1), (total / services).toFixed(2)],
      ],
      1,
    );
    console.log(`\nrule evaluation: ${(total / 30_000).toFixed(4)} s per s; Prometheus's CPU over the same minutes: ${cores.toFixed(3)} cores`);
    const samplesTotal = reads.reduce((sum, r) => sum + r.samplesPer30s, 0);
    const ruleCost = costByRule(evaluations);
    console.log(`\nby rule, per service and 30 s: samples read (a budget group's at a fifth), ${Math.round(samplesTotal / services).toLocaleString('en')} in all, and evaluation time\n`);
    printTable(
      ['group', 'rule', 'rules', 'samples', '%', 'ms', '%'],
      reads.map((r) => {
        const [kind, rule] = [r.rule.slice(0, r.rule.indexOf(' ')), r.rule.slice(r.rule.indexOf(' ') + 1)];
        const ms = ruleCost.get(r.rule) ?? 0;
        return [
          kind,
          rule,
          String(r.count),
          Math.round(r.samplesPer30s / services).toLocaleString('en'),
          ((100 * r.samplesPer30s) / samplesTotal).toFixed(1),
          (ms / services).toFixed(2),
          ((100 * ms) / total).toFixed(1),
        ];
      }),
      2,
    );
    const empty = reads.flatMap((r) => r.empty);
    console.log(
      `\nchecks: ${unhealthy.length} unhealthy rules, ${failures} failed evaluations, ${missed} missed iterations, ${firing.data.alerts.length} alerts pending or firing, ${empty.length} recording rules returning nothing`,
    );
    for (const problem of [...unhealthy, ...empty].slice(0, 10)) console.log(`  ${problem}`);
}

function prometheusVersion(): string {
  const printed = spawnSync('prometheus', ['--version'], { encoding: 'utf8' });
  return /version (\S+)/.exec(printed.stdout + printed.stderr)?.[1] ?? '?';
}
