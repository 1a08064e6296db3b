import { Decimal } from 'decimal.js';
import type { AlertRuleIR, BurnTierIR, BurnWindowIR, Severity, SliSimulationIR, SloIR } from '../ir.ts';
import { sloAlerts, sloRecordings } from '../naming.ts';
import { parseSelector } from '../promql/parse-selector.ts';
import { selector } from '../promql/selector.ts';
import { counterValues, type CounterSegment } from '../promtool/series-values.ts';
import type { InputSeries, PromqlExprTest, PromtoolTestCase } from '../promtool/test-file.ts';
import { exact } from '../util/decimal.ts';
import { durationMs, formatDuration, MINUTE } from '../util/duration.ts';
import { detectionRows, tierDetection, type Detection } from './detection.ts';
import { alertWindows, burnAbove, burnCondition, fastestLongWindow, isDerived } from './rules.ts';
import { simulateSli } from './simulate.ts';
import { BASE_WINDOW_MS, windowText } from './windows.ts';
import { humanDuration } from './words.ts';

/**
 * promtool scenarios that prove an SLO's alerts, against a 1-minute scrape:
 *
 * - for each error ratio of `vigil explain` (a total outage, 15%, 5%, 10× and 2× the budget),
 *   starting after a healthy history as long as the longest alert window, every tier fires by
 *   the time the burn-rate formula predicts (plus the scrape step, and the 5m rate's ramp for
 *   windows derived from it), is silent until a minute before it, and never fires when the
 *   formula says never;
 * - a steady burn at half the budget alerts nothing for 3 days;
 * - for each severity, after a total outage long enough for every pair to burn at twice its
 *   threshold, the alert fires within 3 minutes of the first failing scrape (or by the formula)
 *   and resolves within its longest short window of the end (plus the 5m rate's ramp, a step and
 *   `keepFiringFor`): the short windows are what make an alert reset soon after recovery;
 * - after a step from health to a constant error ratio, every window an alert reads records half
 *   that ratio once the step has filled half the window, and all of it once it has filled the
 *   window: a window recorded over another length than its name fails;
 * - with no SLI data at all, the no-data alert fires after its `for`;
 * - with a minimum event rate, one failed event in low traffic does not page.
 */

const EVENTS_PER_MINUTE = exact(1000);
/** Beyond the formula: one scrape step; windows derived from the 5m rates also lag its ramp. */
const RAW_SLACK_MINUTES = 1;
const DERIVED_SLACK_MINUTES = 5;
const STEADY_BURN_MINUTES = 3 * 24 * 60;
const RECOVERY_OUTAGE_MINUTES = 10;
/** The error ratio of the window scenario's step. */
const STEP_ERROR_RATIO = exact('0.5');
/** How long the recovered alert is watched for staying silent. */
const RECOVERY_SILENCE_MINUTES = 60;

interface Phase {
  readonly minutes: number;
  readonly errorRatio: Decimal;
  /** Events per minute; the default is steady traffic. */
  readonly events?: Decimal;
  /** Extra bad events at the first step of the phase. */
  readonly extraBadEvents?: Decimal;
}

export interface SloScenarios {
  /** Why no scenario could be generated, when none was. */
  readonly untestable?: string;
  /** Evaluated every minute: the fast tiers, recovery, no data, minimum traffic. */
  readonly fast: PromtoolTestCase[];
  /** Evaluated every 5 minutes (the scrape stays 1 minute): tiers whose windows span days, and the 3-day steady burn. */
  readonly slow: PromtoolTestCase[];
}

export const FAST_EVALUATION_MINUTES = 1;
export const SLOW_EVALUATION_MINUTES = 5;
/** Severity groups whose longest window is longer than this are proved in the slow file. */
const FAST_HISTORY_LIMIT_MINUTES = 24 * 60;
/** A steady 2× burn never pages within 24 hours. */
const NEVER_HORIZON_MINUTES = 24 * 60;

export function sloScenarios(slo: SloIR, alerts: readonly AlertRuleIR[]): SloScenarios {
  const simulation = simulateSli(slo.testSeries);
  if (!simulation.ok) return { fast: [], slow: [], untestable: simulation.problem };
  const builder = new ScenarioBuilder(slo, alerts, simulation.simulation);
  const result: SloScenarios = { fast: [], slow: [] };
  for (const { fast, testCase } of detectionScenarios(slo, builder)) (fast ? result.fast : result.slow).push(testCase);
  for (const { fast, testCase } of recoveryScenarios(slo, builder)) (fast ? result.fast : result.slow).push(testCase);
  for (const { fast, testCase } of windowScenarios(slo, builder)) (fast ? result.fast : result.slow).push(testCase);
  result.slow.push(...steadyBurnScenario(slo, builder));
  result.fast.push(...noDataScenario(slo, builder), ...minimumTrafficScenario(slo, builder));
  return result;
}

/** Each row of `vigil explain`, per severity: fires by the predicted time, silent until a minute before, or never. */
function* detectionScenarios(slo: SloIR, builder: ScenarioBuilder): Generator<{ fast: boolean; testCase: PromtoolTestCase }> {
  for (const [severity, tiers] of severityGroups(slo.tiers)) {
    const warmup = longestLongWindowMinutes(tiers);
    const fast = warmup <= FAST_HISTORY_LIMIT_MINUTES;
    const step = fast ? FAST_EVALUATION_MINUTES : SLOW_EVALUATION_MINUTES;
    for (const row of detectionRows(slo)) {
      const detection = firstDetection(row.tiers.filter((t) => t.tier.severity === severity).map((t) => t.detection));
      const checks: PromqlExprTest[] = [];
      let length: number;
      let expectation: string;
      if (detection.minutes === undefined) {
        // Once the longest window has seen only the burn, every ratio equals it: silence that
        // long proves "never". The 2× row also proves the 24-hour promise for the page.
        length = row.isTwiceBudget && fast ? Math.max(warmup, NEVER_HORIZON_MINUTES) : warmup;
        expectation = `no ${severity} alert for ${humanDuration(length)}`;
        checks.push(builder.silent(severity, 0, warmup + length));
      } else {
        const firesBy = Math.floor(detection.minutes) + slackMinutes(slo, detection) + step;
        length = firesBy + step;
        expectation = `${severity} within ${humanDuration(detection.minutes)}`;
        checks.push(builder.silent(severity, 0, warmup + Math.max(0, Math.floor(detection.minutes) - 1)));
        checks.push(builder.firing(severity, warmup + firesBy));
      }
      const phases: Phase[] = [
        { minutes: warmup, errorRatio: exact(0) },
        { minutes: length, errorRatio: exact(row.errorRatio) },
      ];
      yield { fast, testCase: builder.testCase(`${row.label} after ${humanDuration(warmup)} healthy: ${expectation}`, phases, checks) };
    }
  }
}

function steadyBurnScenario(slo: SloIR, builder: ScenarioBuilder): PromtoolTestCase[] {
  if (slo.tiers.length === 0) return [];
  return [
    builder.testCase(
      'a steady burn at half the budget alerts nothing for 3 days',
      [{ minutes: STEADY_BURN_MINUTES, errorRatio: exact(slo.budget).dividedBy(2) }],
      [...severityGroups(slo.tiers).keys()].map((severity) => builder.silent(severity, 0, STEADY_BURN_MINUTES)),
    ),
  ];
}

/**
 * Per severity, a total outage that burns every pair at twice its threshold at least, then health
 * again: the alert fires, and resets once the outage has left its short windows. A pair that
 * lost its short window would keep firing until the outage left its long window.
 */
function* recoveryScenarios(slo: SloIR, builder: ScenarioBuilder): Generator<{ fast: boolean; testCase: PromtoolTestCase }> {
  for (const [severity, tiers] of severityGroups(slo.tiers)) {
    const history = longestLongWindowMinutes(tiers);
    const fast = history <= FAST_HISTORY_LIMIT_MINUTES;
    const step = fast ? FAST_EVALUATION_MINUTES : SLOW_EVALUATION_MINUTES;
    const windows = tiers.flatMap((t) => t.windows);
    const forMinutes = Math.max(...tiers.map((t) => (t.for ? durationMs(t.for) / MINUTE : 0)));
    const burnMinutes = Math.max(...windows.map((w) => exact(w.threshold).times(durationMs(w.long) / MINUTE).toNumber()));
    const outageMinutes = Math.max(RECOVERY_OUTAGE_MINUTES, Math.ceil(2 * burnMinutes + forMinutes));
    const end = history + outageMinutes;
    const longestShort = Math.max(...windows.map((w) => durationMs(w.short) / MINUTE));
    const keepFiring = Math.max(...tiers.map((t) => (t.keepFiringFor ? durationMs(t.keepFiringFor) / MINUTE : 0)));
    const resolvesWithin = longestShort + BASE_WINDOW_MS / MINUTE + step + keepFiring;
    const outage = firstDetection(tiers.map((t) => tierDetection(t, exact(1))));
    // Counted from the first failing scrape, one step after the outage starts.
    const firesWithin = Math.max(3, Math.floor(outage.minutes ?? 0) + slackMinutes(slo, outage));
    const testCase = builder.testCase(
      `a ${outageMinutes}-minute total outage: ${severity} within ${firesWithin} minutes of the first failing scrape, resolved within ${humanDuration(resolvesWithin)} of its end`,
      [
        { minutes: history, errorRatio: exact(0) },
        { minutes: outageMinutes, errorRatio: exact(1) },
        { minutes: resolvesWithin + RECOVERY_SILENCE_MINUTES, errorRatio: exact(0) },
      ],
      [
        builder.firing(severity, history + step + firesWithin),
        builder.notFiringAt(severity, end + resolvesWithin),
        builder.silent(severity, end + resolvesWithin, end + resolvesWithin + RECOVERY_SILENCE_MINUTES),
      ],
    );
    yield { fast, testCase };
  }
}

/**
 * A step from health to a constant error ratio: once it has filled half of a window, the window
 * records half the ratio; once it has filled all of it, the ratio. A window recorded over half its
 * length reads too much at the first check, one recorded over twice its length too little at the
 * second. A derived window sums the 5m rates, which ramp up over 5 minutes: for it the step
 * happens in the middle of the ramp, and it is whole once the ramp has left the window.
 */
function* windowScenarios(slo: SloIR, builder: ScenarioBuilder): Generator<{ fast: boolean; testCase: PromtoolTestCase }> {
  if (slo.tiers.length === 0) return;
  const minutes = (window: string) => durationMs(window) / MINUTE;
  const base = BASE_WINDOW_MS / MINUTE;
  const rawWindow = fastestLongWindow(slo);
  for (const fast of [true, false]) {
    const windows = alertWindows(slo).filter((w) => (minutes(w) <= FAST_HISTORY_LIMIT_MINUTES) === fast);
    if (windows.length === 0) continue;
    const step = fast ? FAST_EVALUATION_MINUTES : SLOW_EVALUATION_MINUTES;
    const onStep = (m: number) => Math.ceil(m / step) * step;
    const longest = Math.max(...windows.map(minutes));
    const history = onStep(longest / 2 + base);
    const checks = windows.flatMap((window) => {
      const ramp = isDerived(slo, window, rawWindow) ? base : 0;
      return [
        builder.recordedRatio(window, history + onStep(ramp / 2 + minutes(window) / 2), STEP_ERROR_RATIO.dividedBy(2), '0.5'),
        builder.recordedRatio(window, history + onStep(ramp + minutes(window)), STEP_ERROR_RATIO, '0.25'),
      ];
    });
    yield {
      fast,
      testCase: builder.testCase(
        `a step to ${STEP_ERROR_RATIO.times(100).toString()}% errors: each window of ${windows.join(', ')} records half of it after half the window, all of it after the window`,
        [
          { minutes: history, errorRatio: exact(0) },
          { minutes: onStep(longest + base) + step, errorRatio: STEP_ERROR_RATIO },
        ],
        checks,
      ),
    };
  }
}

function noDataScenario(slo: SloIR, builder: ScenarioBuilder): PromtoolTestCase[] {
  if (!slo.noData) return [];
  const wait = durationMs(slo.noData.for) / MINUTE;
  return [
    builder.testCase(
      `with no SLI data the no-data alert fires after ${slo.noData.for}`,
      [],
      [
        builder.silent(slo.noData.severity, 0, Math.max(0, wait - 1), sloAlerts.noData),
        builder.firing(slo.noData.severity, wait + FAST_EVALUATION_MINUTES, sloAlerts.noData),
      ],
    ),
  ];
}

/** Traffic so low that a single failure is a burn over the fastest pair, and below the minimum. */
function minimumTrafficScenario(slo: SloIR, builder: ScenarioBuilder): PromtoolTestCase[] {
  const page = slo.tiers.find((t) => t.name === 'page');
  if (!page || slo.minEventRate === undefined) return [];
  const history = longestLongWindowMinutes([page]);
  const fastest = [...page.windows].sort((a, b) => durationMs(a.long) - durationMs(b.long))[0]!;
  const onePairWorth = exact(1).dividedBy(exact(fastest.threshold).times(2).times(durationMs(fastest.long) / MINUTE));
  const quiet = Decimal.min(exact(slo.minEventRate).times(60).dividedBy(2), onePairWorth);
  return [
    builder.testCase(
      'one failed event in traffic below the minimum event rate does not page, though it is a burn',
      [
        { minutes: history, errorRatio: exact(0), events: quiet },
        { minutes: 60, errorRatio: exact(0), events: quiet, extraBadEvents: exact(1) },
      ],
      [builder.burning(fastest, history + 2 * FAST_EVALUATION_MINUTES), builder.silent(page.severity, 0, history + 60)],
    ),
  ];
}

/** Tiers by severity: ALERTS cannot tell apart tiers of one severity, so they are proved together. */
function severityGroups(tiers: readonly BurnTierIR[]): Map<Severity, BurnTierIR[]> {
  const groups = new Map<Severity, BurnTierIR[]>();
  for (const tier of tiers) groups.set(tier.severity, [...(groups.get(tier.severity) ?? []), tier]);
  return groups;
}

function firstDetection(detections: readonly Detection[]): Detection {
  return detections.reduce<Detection>(
    (best, d) => (d.minutes !== undefined && (best.minutes === undefined || d.minutes < best.minutes) ? d : best),
    {},
  );
}

/** The longest long window of the tiers, in minutes: history needed before the burn starts. */
function longestLongWindowMinutes(tiers: readonly BurnTierIR[]): number {
  const longest = Math.max(BASE_WINDOW_MS, ...tiers.flatMap((t) => t.windows.map((w) => durationMs(w.long))));
  return Math.ceil(longest / MINUTE);
}

/** A pair computed from raw series lags one step; one derived from the 5m rates also lags their ramp. */
function slackMinutes(slo: SloIR, detection: Detection): number {
  const window = detection.window;
  const raw = slo.sli.kind === 'raw' || (window !== undefined && window.long === fastestLongWindow(slo) && window.short === windowText(BASE_WINDOW_MS));
  return raw ? RAW_SLACK_MINUTES : DERIVED_SLACK_MINUTES;
}

/** The value simulated events carry for a label of `by` that the SLI's series do not set. */
const SIMULATED_BY_VALUE = 'simulated';

class ScenarioBuilder {
  private readonly simulation: SliSimulationIR;
  /** The labels of `by` the simulated series carry, so an alert that lost one of them fails its check. */
  private readonly byLabels: Record<string, string>;

  constructor(
    private readonly slo: SloIR,
    private readonly alerts: readonly AlertRuleIR[],
    simulation: SliSimulationIR,
  ) {
    const series = [...simulation.good, ...simulation.bad, ...simulation.all].map((s) => parseSelector(s));
    this.byLabels = Object.fromEntries(
      slo.by.map((label) => [label, series.flatMap((s) => s?.matchers.filter((m) => m.name === label && m.op === '=') ?? [])[0]?.value ?? SIMULATED_BY_VALUE]),
    );
    const withBy = (text: string) => {
      const parsed = parseSelector(text);
      if (slo.by.length === 0 || !parsed?.metric || parsed.matchers.some((m) => m.op !== '=')) return text;
      return selector(parsed.metric, { ...this.byLabels, ...Object.fromEntries(parsed.matchers.map((m) => [m.name, m.value])) });
    };
    this.simulation = { good: simulation.good.map(withBy), bad: simulation.bad.map(withBy), all: simulation.all.map(withBy) };
  }

  testCase(name: string, phases: readonly Phase[], checks: readonly PromqlExprTest[]): PromtoolTestCase {
    const fullName = `${this.slo.id}: ${name}`;
    return {
      name: fullName,
      interval: '1m',
      input_series: this.series(phases),
      // promtool names a failed check by its expression and time only, never by its test's name:
      // the name in a PromQL comment tells which SLO and scenario failed.
      promql_expr_test: checks.map((check) => ({ ...check, expr: `# ${fullName}\n${check.expr}` })),
    };
  }

  /** The alert of that severity is firing at `minute`, with exactly its labels (and those of `by`). */
  firing(severity: Severity, minute: number, alertname: string = sloAlerts.burn): PromqlExprTest {
    const alert = this.alert(alertname, severity);
    const by = alertname === sloAlerts.burn ? this.byLabels : {};
    return {
      expr: this.alertsSelector(alertname, severity),
      eval_time: at(minute),
      exp_samples: [{ labels: selector('ALERTS', { ...by, ...alert.labels, alertname, alertstate: 'firing' }), value: 1 }],
    };
  }

  notFiringAt(severity: Severity, minute: number, alertname: string = sloAlerts.burn): PromqlExprTest {
    return { expr: this.alertsSelector(alertname, severity), eval_time: at(minute), exp_samples: [] };
  }

  /** The alert never fired in (from, to]. */
  silent(severity: Severity, from: number, to: number, alertname: string = sloAlerts.burn): PromqlExprTest {
    return {
      expr: `max_over_time(${this.alertsSelector(alertname, severity)}[${at(Math.max(to - from, 1))}])`,
      eval_time: at(Math.max(to, 1)),
      exp_samples: [],
    };
  }

  /** The pair's burn condition holds at `minute` (whatever the alert makes of it). */
  burning(window: BurnWindowIR, minute: number): PromqlExprTest {
    const identity = this.identity();
    return {
      expr: `count(${burnCondition(window, burnAbove(this.slo, (metric) => selector(metric, identity)))})`,
      eval_time: at(minute),
      exp_samples: [{ labels: '{}', value: 1 }],
    };
  }

  /** At `minute`, every series the window's error ratio records lies within `tolerance` (relative) of `expected`. */
  recordedRatio(window: string, minute: number, expected: Decimal, tolerance: string): PromqlExprTest {
    const recorded = selector(sloRecordings.errorRatio(window), this.identity());
    return {
      expr: `count(${recorded}) - count(abs(${recorded} / ${expected.toString()} - 1) <= ${tolerance})`,
      eval_time: at(minute),
      exp_samples: [{ labels: '{}', value: 0 }],
    };
  }

  /** The labels every recording of the SLO carries, read off one of its alerts. */
  private identity(): Record<string, string> {
    const { namespace, service, slo } = this.alerts[0]!.labels;
    return { namespace: namespace!, service: service!, slo: slo! };
  }

  private alertsSelector(alertname: string, severity: Severity): string {
    const alert = this.alert(alertname, severity);
    return selector('ALERTS', { ...alert.labels, alertname, alertstate: 'firing' });
  }

  private alert(alertname: string, severity: Severity): AlertRuleIR {
    const alert = this.alerts.find((a) => a.name === alertname && a.severity === severity);
    if (!alert) throw new Error(`internal: SLO ${this.slo.id} has no ${alertname} alert of severity ${severity}`);
    return alert;
  }

  private series(phases: readonly Phase[]): InputSeries[] {
    const { simulation } = this;
    const segments = (kind: EventKind) =>
      phases.flatMap((phase): CounterSegment[] => {
        const perStep = eventsPerStep(phase)[kind];
        if (!phase.extraBadEvents || kind === 'good') return [{ steps: phase.minutes, increment: perStep }];
        return [
          { steps: 1, increment: perStep.plus(phase.extraBadEvents) },
          { steps: phase.minutes - 1, increment: perStep },
        ];
      });
    if (phases.length === 0) return [];
    return (['good', 'bad', 'all'] as const).flatMap((kind) => {
      const values = counterValues(segments(kind));
      return simulation[kind].map((series) => ({ series, values }));
    });
  }
}

type EventKind = 'good' | 'bad' | 'all';

function eventsPerStep(phase: Phase): Record<EventKind, Decimal> {
  const all = phase.events ?? EVENTS_PER_MINUTE;
  const bad = all.times(phase.errorRatio);
  return { good: all.minus(bad), bad, all };
}

function at(minutes: number): string {
  return formatDuration(minutes * MINUTE);
}
