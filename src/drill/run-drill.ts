import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import type { RenderedBundle } from '../bundle.ts';
import type { ProjectIR } from '../ir.ts';
import { findOnPath } from '../promtool/tools.ts';
import { durationMs } from '../util/duration.ts';
import { groupBy } from '../util/records.ts';
import { receiverNames, routeAlert, routingTree } from '../routing/evaluate.ts';
import { heartbeat, paths } from '../naming.ts';
import { drillAlertmanagerConfig } from './alertmanager-config.ts';
import { DrillError } from './drill-error.ts';
import { compressDuration, compressRuleFile } from './compress.ts';
import { freePort, sleep, startProcess, stopProcess, waitReady, type ManagedProcess } from './processes.ts';
import { panelQueries, runPanelQueries, type PanelQueryResult } from './panels.ts';
import { drillScenarios, type DrillScenario, type ExpectedAlert } from './scenarios.ts';
import { Simulator } from './simulator.ts';
import { WebhookSink, type Notification } from './sink.ts';

type Labels = Record<string, string>;

export interface DrillOptions {
  /** Scenario names; all that apply to the project by default. */
  readonly scenarios?: readonly string[];
  /** Real seconds of the healthy run before anything is injected. */
  readonly healthySeconds?: number;
  readonly log?: (line: string) => void;
  /** Aborting stops the drill (and everything it started) at the next poll. */
  readonly signal?: AbortSignal;
}

export interface AlertOutcome {
  readonly scenario: string;
  readonly alert: string;
  readonly labels: Labels;
  /** Real seconds from injection. */
  readonly firingAfter?: number;
  readonly notifiedAfter?: number;
  readonly budget: number;
  readonly expectedReceivers: readonly string[];
  readonly receivers: readonly string[];
  readonly runbookUrl: boolean;
  readonly problems: readonly string[];
}

export interface DrillReport {
  /** Time runs this many times faster than in production. */
  readonly factor: number;
  readonly compressed: readonly string[];
  readonly changed: readonly string[];
  readonly healthy: { readonly seconds: number; readonly heartbeats: readonly string[]; readonly noise: readonly string[] };
  readonly scenarios: readonly { readonly name: string; readonly description: string; readonly skipped?: string }[];
  readonly outcomes: readonly AlertOutcome[];
  /** Alerts that fired during the scenarios that no scenario expected. */
  readonly unexpected: readonly string[];
  readonly panels: PanelsReport;
  readonly ok: boolean;
}

/** Every dashboard panel's queries, run over the scenarios. */
export interface PanelsReport {
  readonly queries: number;
  /** Queries Prometheus refused, by dashboard and panel. */
  readonly errors: readonly string[];
  /** Panels that drew nothing during the scenarios (often what the simulator does not serve). */
  readonly empty: readonly string[];
  /** The panels each scenario must draw, and whether they did. */
  readonly outcomes: readonly { readonly scenario: string; readonly dashboard: string; readonly title: string; readonly shown: boolean }[];
}

const POLL_MS = 500;
/** Scrape, evaluation and group_wait, in real seconds, on top of a compressed budget. */
const SLACK_SECONDS = 20;
/** Scrapes of every target before the healthy run starts, so each counter has a baseline. */
const WARM_UP_SCRAPES = 3;
const HEARTBEAT = heartbeat.alertName;

/**
 * Runs the assembled bundle end to end: the simulator scraped by a real Prometheus that
 * evaluates the generated rules (time compressed), and a real Alertmanager routing with the
 * generated tree into a webhook sink. Every process and server it starts is stopped on return,
 * on a throw and on abort.
 */
export async function runDrill(ir: ProjectIR, rendered: RenderedBundle, options: DrillOptions = {}): Promise<DrillReport> {
  const log = options.log ?? (() => {});
  const prometheusBinary = findOnPath('prometheus');
  const alertmanagerBinary = findOnPath('prometheus-alertmanager') ?? findOnPath('alertmanager');
  if (!prometheusBinary || !alertmanagerBinary) {
    throw new DrillError('the drill needs `prometheus` and `prometheus-alertmanager` on PATH (Debian packages prometheus and prometheus-alertmanager)');
  }
  if (!ir.routing) throw new DrillError('the drill needs a routing(...) definition: it checks where each alert is delivered');
  const alertmanagerYaml = rendered.get(paths.alertmanagerConfig);
  if (alertmanagerYaml === undefined) throw new DrillError(`the bundle has no ${paths.alertmanagerConfig}`);
  const unknown = (options.scenarios ?? []).filter((name) => !drillScenarios.some((s) => s.name === name));
  if (unknown.length > 0) throw new DrillError(`unknown scenario ${unknown.join(', ')}; the scenarios are ${drillScenarios.map((s) => s.name).join(', ')}`);

  const factor = compressionFactor(ir);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-drill-'));
  const simulator = new Simulator(ir);
  const sink = new WebhookSink();
  const processes: ManagedProcess[] = [];
  try {
    const simulatorPort = await simulator.start();
    const sinkPort = await sink.start();
    const [prometheusPort, alertmanagerPort] = [await freePort(), await freePort()];

    const amConfig = drillAlertmanagerConfig(parse(alertmanagerYaml), `http://127.0.0.1:${sinkPort}`, factor);
    writeFileSync(join(dir, 'alertmanager.yml'), stringify(amConfig.config));
    const ruleFiles = writeRuleFiles(dir, rendered, factor);
    writeFileSync(join(dir, 'prometheus.yml'), stringify(prometheusConfig(simulator, simulatorPort, alertmanagerPort, ruleFiles)));

    log(`starting Alertmanager on 127.0.0.1:${alertmanagerPort} and Prometheus on 127.0.0.1:${prometheusPort} (time ×${factor})`);
    const alertmanager = startProcess('alertmanager', alertmanagerBinary, [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'alertmanager-data')}`,
      `--web.listen-address=127.0.0.1:${alertmanagerPort}`,
      '--cluster.listen-address=',
    ], dir);
    processes.push(alertmanager);
    await waitReady(`http://127.0.0.1:${alertmanagerPort}/-/ready`, alertmanager);
    const prometheus = startProcess('prometheus', prometheusBinary, [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'prometheus-data')}`,
      `--web.listen-address=127.0.0.1:${prometheusPort}`,
      `--rules.alert.resend-delay=${compressDuration('1m', factor)}`,
    ], dir);
    processes.push(prometheus);
    await waitReady(`http://127.0.0.1:${prometheusPort}/-/ready`, prometheus);

    const watcher = new AlertWatcher(`http://127.0.0.1:${prometheusPort}`, options.signal, [alertmanager, prometheus]);
    await watcher.waitUntilScraped(simulator.targets.length, WARM_UP_SCRAPES);
    const healthySeconds = options.healthySeconds ?? 40;
    log(`healthy run: ${healthySeconds}s (${humanMinutes((healthySeconds * factor) / 60)} of production time)`);
    await watcher.watchFor(healthySeconds * 1000, () => false);
    const healthy = {
      seconds: healthySeconds,
      heartbeats: [...new Set(sink.notifications.filter((n) => n.alerts.some((a) => a.labels.alertname === HEARTBEAT)).map((n) => n.receiver))],
      noise: [
        ...[...watcher.firing.keys()].filter((key) => !key.startsWith(`${HEARTBEAT}{`)).map((key) => `${key} fired in Prometheus`),
        ...sink.notifications.flatMap((n) => n.alerts.filter((a) => a.labels.alertname !== HEARTBEAT).map((a) => `${describe(a.labels)} was sent to ${n.receiver}`)),
      ],
    };

    const chosen = drillScenarios.filter((s) => !options.scenarios?.length || options.scenarios.includes(s.name));
    const running = chosen.filter((s) => s.applies(simulator));
    const scenarios = chosen.map((s) => ({ name: s.name, description: s.description, ...(running.includes(s) ? {} : { skipped: 'the project has nothing it acts on' }) }));
    const quietUntil = sink.notifications.length;
    watcher.reset();
    const injectedAt = Date.now();
    for (const scenario of running) {
      log(`inject ${scenario.name}: ${scenario.description}`);
      scenario.inject(simulator);
    }
    const tree = routingTree(ir.routing);
    const expectations = running.flatMap((scenario) => scenario.expect.map((expected) => ({ scenario, expected, budget: budgetSeconds(expected, factor) })));
    const longest = Math.max(0, ...expectations.map((e) => e.budget));
    const delivered = (expected: ExpectedAlert) => {
      const notified = notificationsOf(sink.notifications.slice(quietUntil), expected);
      if (notified.length === 0) return false;
      const want = receiverNames(routeAlert(tree, notified[0]!.labels).matched);
      return want.every((receiver) => notified.some((n) => n.receiver === receiver));
    };
    await watcher.watchFor(longest * 1000, () => expectations.every((e) => delivered(e.expected)));

    const scenarioNotifications = sink.notifications.slice(quietUntil);
    const outcomes = expectations.map(({ scenario, expected, budget }) =>
      outcome(scenario, expected, budget, injectedAt, watcher.firing, notificationsOf(scenarioNotifications, expected), (labels) => receiverNames(routeAlert(tree, withTeam(ir, labels)).matched)),
    );
    const unexpected = [
      ...new Set(
        scenarioNotifications.flatMap((n) =>
          n.alerts
            .filter((a) => a.status === 'firing' && a.labels.alertname !== HEARTBEAT && !running.some((s) => accounts(s, a.labels)))
            .map((a) => `${describe(a.labels)} (sent to ${n.receiver})`),
        ),
      ),
    ];
    const panels = panelsReport(running, await runPanelQueries(`http://127.0.0.1:${prometheusPort}`, panelQueries(ir, factor), injectedAt, Date.now()));
    const ok =
      healthy.noise.length === 0 &&
      healthy.heartbeats.length > 0 &&
      outcomes.every((o) => o.problems.length === 0) &&
      unexpected.length === 0 &&
      panels.errors.length === 0 &&
      panels.outcomes.every((o) => o.shown);
    return {
      factor,
      compressed: compressionNotes(factor),
      changed: [
        'every receiver with an integration is a webhook to a local sink (nothing leaves the machine)',
        ...amConfig.dropped.map((d) => `dropped ${d}`),
        ...simulator.notSimulated.map((n) => `not simulated: ${n}`),
      ],
      healthy,
      scenarios,
      outcomes,
      unexpected,
      panels,
      ok,
    };
  } finally {
    await Promise.all(processes.map((p) => stopProcess(p)));
    await Promise.all([simulator.stop(), sink.stop()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Production's scrape interval becomes one second. */
function compressionFactor(ir: ProjectIR): number {
  const seconds = ir.services.filter((s) => s.scrape).map((s) => Math.round(durationMs(s.interval) / 1000));
  return Math.max(1, Math.min(...seconds, 30));
}

function panelsReport(scenarios: readonly DrillScenario[], results: readonly PanelQueryResult[]): PanelsReport {
  const name = (r: { dashboard: string; title: string }) => `${r.dashboard} › ${r.title}`;
  const byPanel = groupBy(results, name);
  return {
    queries: results.length,
    errors: results.flatMap((r) => (r.error === undefined ? [] : [`${name(r)}: ${r.error}`])),
    empty: [...byPanel].filter(([, rs]) => rs.every((r) => r.series === 0)).map(([panel]) => panel),
    outcomes: scenarios.flatMap((s) =>
      (s.panels ?? []).map((p) => ({ scenario: s.name, ...p, shown: (byPanel.get(name(p)) ?? []).some((r) => r.nonZero) })),
    ),
  };
}

function budgetSeconds(expected: ExpectedAlert, factor: number): number {
  return Math.ceil((expected.withinMinutes * 60) / factor) + SLACK_SECONDS;
}

function compressionNotes(factor: number): string[] {
  const show = (d: string) => `${d} → ${compressDuration(d, factor)}`;
  return [
    `time runs ${factor}× faster: scrape and rule evaluation every 1s (production: ${factor}s)`,
    `every range, subquery step, offset, for and keep_firing_for ÷${factor} (${['5m', '1h', '30d'].map(show).join(', ')})`,
    `Alertmanager group_wait, group_interval, repeat_interval and resolve_timeout ÷${factor} (${['30s', '5m', '4h'].map(show).join(', ')})`,
    'rates per second are not compressed: the simulator serves production-like rates (10 requests/s per service, 10 commits/s per partition)',
    'tiers slower than the fast page tier stay proved by the promtool tests (`vigil test`)',
    'Prometheus starts with no history, so a window longer than the run sees only the run: a long-window tier can fire sooner than it would in production',
  ];
}

function writeRuleFiles(dir: string, rendered: RenderedBundle, factor: number): string[] {
  mkdirSync(join(dir, 'rules'));
  const files: string[] = [];
  for (const [path, text] of rendered) {
    if (!path.startsWith(`${paths.ruleFilesDir}/`)) continue;
    const file = join(dir, 'rules', path.slice(paths.ruleFilesDir.length + 1).replaceAll('/', '-'));
    writeFileSync(file, stringify(compressRuleFile(parse(text), factor)));
    files.push(file);
  }
  return files;
}

function prometheusConfig(simulator: Simulator, simulatorPort: number, alertmanagerPort: number, ruleFiles: readonly string[]) {
  return {
    global: { scrape_interval: '1s', scrape_timeout: '1s', evaluation_interval: '1s' },
    rule_files: ruleFiles,
    alerting: { alertmanagers: [{ static_configs: [{ targets: [`127.0.0.1:${alertmanagerPort}`] }] }] },
    scrape_configs: simulator.targets.map((target) => ({
      job_name: target.job,
      metrics_path: `/${target.job}/metrics`,
      static_configs: [
        {
          targets: [`127.0.0.1:${simulatorPort}`],
          // The labels the Prometheus Operator adds through a ServiceMonitor.
          labels: { namespace: target.namespace, ...(target.service ? { service: target.service, pod: `${target.service}-0`, endpoint: 'http-metrics' } : {}) },
        },
      ],
    })),
  };
}

/** Polls Prometheus for firing alerts; fails fast when a process dies or the drill is aborted. */
class AlertWatcher {
  /** First time (ms) each alert was seen firing, by `name{labels}`. */
  readonly firing = new Map<string, number>();

  constructor(
    private readonly prometheusUrl: string,
    private readonly signal: AbortSignal | undefined,
    private readonly processes: readonly ManagedProcess[],
  ) {}

  reset(): void {
    this.firing.clear();
  }

  async watchFor(ms: number, done: () => boolean): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      this.checkAlive();
      await this.poll();
      if (done()) return;
      await sleep(POLL_MS);
    }
  }

  /** Waits until Prometheus has scraped each of the `targets` at least `scrapes` times. */
  async waitUntilScraped(targets: number, scrapes: number): Promise<void> {
    const query = encodeURIComponent('count(count_over_time(up[1m]) >= ' + scrapes + ')');
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      this.checkAlive();
      const scraped = await fetch(`${this.prometheusUrl}/api/v1/query?query=${query}`, { signal: AbortSignal.timeout(2000) })
        .then((r) => r.json() as Promise<{ data: { result: { value: [number, string] }[] } }>)
        .then((body) => Number(body.data.result[0]?.value[1] ?? 0))
        .catch(() => 0);
      if (scraped >= targets) return;
      await sleep(POLL_MS);
    }
    throw new DrillError(`Prometheus did not scrape all ${targets} simulated targets ${scrapes} times within 30s`);
  }

  private checkAlive(): void {
    if (this.signal?.aborted) throw new DrillError('the drill was interrupted');
    const dead = this.processes.find((p) => p.exited());
    if (dead) throw new DrillError(`${dead.name} stopped during the drill:\n${dead.output().trim()}`);
  }

  /** A firing alert's moment is its activeAt plus its rule's `for`: the poll only bounds it. */
  private async poll(): Promise<void> {
    try {
      const response = await fetch(`${this.prometheusUrl}/api/v1/rules?type=alert`, { signal: AbortSignal.timeout(2000) });
      const body = (await response.json()) as { data: { groups: { rules: AlertingRuleState[] }[] } };
      const now = Date.now();
      for (const rule of body.data.groups.flatMap((g) => g.rules)) {
        for (const alert of rule.alerts) {
          const key = describe(alert.labels);
          if (alert.state !== 'firing' || this.firing.has(key)) continue;
          this.firing.set(key, Math.min(now, Date.parse(alert.activeAt) + rule.duration * 1000));
        }
      }
    } catch {
      // a slow answer: the next poll catches up
    }
  }
}

interface AlertingRuleState {
  /** The rule's `for`, in seconds. */
  readonly duration: number;
  readonly alerts: readonly { readonly labels: Labels; readonly state: string; readonly activeAt: string }[];
}

/** An alert never delivered has only the labels its scenario expects: vigil's rules add the service's team. */
function withTeam(ir: ProjectIR, labels: Labels): Labels {
  const team = ir.services.find((s) => s.name === labels.service)?.team;
  return labels.team === undefined && team !== undefined ? { ...labels, team } : labels;
}

function describe(labels: Labels): string {
  const { alertname, ...rest } = labels;
  return `${alertname}{${Object.keys(rest).sort().map((k) => `${k}="${rest[k]}"`).join(',')}}`;
}

const matchesAlert = (expected: { alert: string; labels: Labels }, labels: Labels) =>
  labels.alertname === expected.alert && Object.entries(expected.labels).every(([k, v]) => labels[k] === v);

function accounts(scenario: DrillScenario, labels: Labels): boolean {
  return [...scenario.expect, ...(scenario.also ?? [])].some((e) => matchesAlert(e, labels));
}

interface DeliveredAlert {
  readonly receiver: string;
  readonly at: number;
  readonly labels: Labels;
  readonly annotations: Labels;
}

function notificationsOf(notifications: readonly Notification[], expected: ExpectedAlert): DeliveredAlert[] {
  return notifications.flatMap((n) =>
    n.alerts.filter((a) => a.status === 'firing' && matchesAlert(expected, a.labels)).map((a) => ({ receiver: n.receiver, at: n.at, labels: a.labels, annotations: a.annotations })),
  );
}

function outcome(
  scenario: DrillScenario,
  expected: ExpectedAlert,
  budget: number,
  injectedAt: number,
  firing: ReadonlyMap<string, number>,
  delivered: readonly DeliveredAlert[],
  routes: (labels: Labels) => string[],
): AlertOutcome {
  const seconds = (at: number | undefined) => (at === undefined ? undefined : Math.round((at - injectedAt) / 100) / 10);
  const firedAt = [...firing].filter(([key]) => delivered.some((d) => describe(d.labels) === key) || keyMatches(key, expected)).map(([, at]) => at);
  const firingAfter = seconds(firedAt.length ? Math.min(...firedAt) : undefined);
  const notifiedAfter = seconds(delivered.length ? Math.min(...delivered.map((d) => d.at)) : undefined);
  const expectedReceivers = routes(delivered[0]?.labels ?? { alertname: expected.alert, ...expected.labels });
  const receivers = [...new Set(delivered.map((d) => d.receiver))].sort();
  const runbookUrl = delivered.length > 0 && delivered.every((d) => /^https?:\/\//.test(d.annotations.runbook_url ?? ''));
  const problems: string[] = [];
  if (notifiedAfter === undefined) problems.push(firingAfter === undefined ? 'never fired' : 'fired but was never delivered');
  else if (notifiedAfter > budget) problems.push(`delivered after ${notifiedAfter}s, over its ${budget}s budget`);
  const missing = expectedReceivers.filter((r) => !receivers.includes(r));
  const wrong = receivers.filter((r) => !expectedReceivers.includes(r));
  if (delivered.length > 0 && missing.length > 0) problems.push(`never reached ${missing.join(', ')}`);
  if (wrong.length > 0) problems.push(`reached ${wrong.join(', ')}, which the routing does not name`);
  if (delivered.length > 0 && !runbookUrl) problems.push('arrived without a runbook_url');
  return { scenario: scenario.name, alert: expected.alert, labels: expected.labels, ...(firingAfter !== undefined ? { firingAfter } : {}), ...(notifiedAfter !== undefined ? { notifiedAfter } : {}), budget, expectedReceivers, receivers, runbookUrl, problems };
}

function keyMatches(key: string, expected: ExpectedAlert): boolean {
  return key.startsWith(`${expected.alert}{`) && Object.entries(expected.labels).every(([k, v]) => key.includes(`${k}="${v}"`));
}

export function humanMinutes(minutes: number): string {
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h${Math.round(minutes % 60) ? `${Math.round(minutes % 60)}m` : ''}` : `${Math.round(minutes)}m`;
}
