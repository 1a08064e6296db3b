import type { AlertRuleIR, BurnTierIR, BurnWindowIR, ConfigIR, Labels, RecordingRuleIR, ServiceIR, SloIR } from '../ir.ts';
import {
  dashboardUrl,
  dashboardUrlAnnotation,
  labelKeys,
  serviceDashboardUid,
  sloAlerts,
  sloBudgetGroup,
  sloGroup,
  sloLabel,
  sloPanelId,
  sloRecordings,
} from '../naming.ts';
import { completeAlert, type PlacedRule } from '../normalize/rules.ts';
import { selector } from '../promql/selector.ts';
import { exact, formatExact } from '../util/decimal.ts';
import { flat } from '../util/flat.ts';
import { durationMs } from '../util/duration.ts';
import { memoize } from '../util/memo.ts';
import { sortedRecord } from '../util/records.ts';
import { WINDOW_PLACEHOLDER } from './sli.ts';
import { BASE_WINDOW_MS, BUDGET_INTERVAL_MS, windowText } from './windows.ts';
import { burnDescription, burnSummary, noDataDescription, noDataSummary } from './words.ts';

const BASE = windowText(BASE_WINDOW_MS);

/**
 * The rules of one SLO, all in one group so every alert reads this evaluation's recordings:
 *
 * - the SLI's error and total rates over the 5m base window (events SLIs);
 * - the error ratio over every window an alert needs. The fastest page window is computed from
 *   the raw series, because its detection time matters to the minute; every other window is
 *   derived from the 5m rates with `sum_over_time`, so Prometheus never reads a raw range
 *   longer than that window (raw SLIs, which have no rates, are evaluated per window);
 * - when the 5m rates began to be recorded: for its first hours (or days) a derived window holds
 *   less history than its length, and its ratio over that history alone would page on a short
 *   blip just after the SLO is deployed or renamed. The alerts weigh such a ratio by the share of
 *   its window recorded, as if there had been no errors before: a pair fires once the budget
 *   spent reaches its share, as it would with the whole history;
 * - the objective and budget for dashboards;
 * - the burn-rate alert of each tier, and the no-data alert.
 *
 * The ratio over the SLO window and the budget left feed only dashboards, and are the costliest
 * rules by far: unless an alert reads that window too, they go in a group of their own evaluated
 * every BUDGET_INTERVAL, from the 5m rates sampled as often (see `budgetRules`).
 */
export function sloRules(slo: SloIR, service: ServiceIR, config: ConfigIR, panelIndex: number): PlacedRule[] {
  const identity = sortedRecord({ [labelKeys.namespace]: service.namespace, [labelKeys.service]: service.name, [sloLabel]: slo.name });
  const read = memoize((metric: string) => selector(metric, identity), (metric) => metric);
  const record = (name: string, expr: string): RecordingRuleIR => ({
    type: 'record',
    name,
    expr: flat(expr),
    labels: identity,
    serviceId: service.id,
    location: slo.location,
  });
  const inWindow = (template: string, window: string) => template.replaceAll(WINDOW_PLACEHOLDER, window);

  const windows = alertWindows(slo);
  const recordings: RecordingRuleIR[] = [];
  if (slo.sli.kind === 'events') {
    const { errorsRate, totalRate, errorsMayBeMissing } = slo.sli;
    const rawWindow = fastestLongWindow(slo);
    // Until a request fails, an error counter with labels (`code="500"`) often does not exist:
    // its rate is no series at all, and the ratio would be missing rather than 0 while traffic flows.
    const orNoErrors = (expr: string) =>
      errorsMayBeMissing ? `${expr}\nor on (${slo.by.join(', ')})\n0 * ${read(sloRecordings.totalRate(BASE))}` : expr;
    recordings.push(record(sloRecordings.totalRate(BASE), inWindow(totalRate, BASE)));
    recordings.push(record(sloRecordings.errorRate(BASE), orNoErrors(inWindow(errorsRate, BASE))));
    const derived = (window: string) => ratioOfSums(read(sloRecordings.errorRate(BASE)), read(sloRecordings.totalRate(BASE)), window);
    for (const window of windows) {
      const expr =
        window === BASE
          ? `${read(sloRecordings.errorRate(BASE))}\n/\n${read(sloRecordings.totalRate(BASE))}`
          : window === rawWindow
            ? orNoErrors(`${inWindow(errorsRate, window)}\n/\n${inWindow(totalRate, window)}`)
            : derived(window);
      recordings.push(record(sloRecordings.errorRatio(window), expr));
    }
    const longestDerived = windows.filter((w) => isDerived(slo, w, rawWindow)).at(-1);
    if (longestDerived !== undefined) {
      // It reads its own last value: set once, at the first evaluation with traffic. It reads it over
      // the longest derived window, not the 5m lookback: after a gap in evaluations (a restarted
      // Prometheus) the windows still hold the history before it, and only a gap longer than the
      // longest of them leaves none.
      recordings.push(
        record(
          sloRecordings.recordedSince,
          `last_over_time(${read(sloRecordings.recordedSince)}[${longestDerived}])\nor on ()\nmin(timestamp(${read(sloRecordings.totalRate(BASE))}))`,
        ),
      );
    }
  } else {
    const { errorRatio } = slo.sli;
    for (const window of windows) recordings.push(record(sloRecordings.errorRatio(window), inWindow(errorRatio, window)));
  }
  recordings.push(record(sloRecordings.objective, `vector(${objectiveRatio(slo)})`));
  recordings.push(record(sloRecordings.errorBudget, `vector(${slo.budget})`));
  const budget = budgetRules(slo, windows, read, record);
  if (budget.length === 0) recordings.push(budgetRemaining(slo, identity, read, record));
  else budget.push(budgetRemaining(slo, identity, read, record));

  const dashboard = dashboardUrl(config.grafana.baseUrl, serviceDashboardUid(service), sloPanelId(panelIndex));
  const alerts: AlertRuleIR[] = slo.tiers.map((tier) =>
    completeAlert(
      {
        name: sloAlerts.burn,
        expr: burnExpression(slo, tier, read),
        ...(tier.for === undefined ? {} : { for: tier.for }),
        ...(tier.keepFiringFor === undefined ? {} : { keepFiringFor: tier.keepFiringFor }),
        severity: tier.severity,
        labels: { [sloLabel]: slo.name },
        annotations: { [dashboardUrlAnnotation]: dashboard },
        summary: burnSummary(slo, service.name, tier),
        description: burnDescription(slo, service.name, tier),
        location: slo.location,
      },
      service,
      config,
    ),
  );
  if (slo.noData) {
    alerts.push(
      completeAlert(
        {
          name: sloAlerts.noData,
          // The ratio, not the total: a latency SLI whose threshold bucket is missing has a total but no errors.
          expr: `absent(${read(sloRecordings.errorRatio(BASE))})`,
          for: slo.noData.for,
          severity: slo.noData.severity,
          labels: { [sloLabel]: slo.name },
          annotations: { [dashboardUrlAnnotation]: dashboard },
          summary: noDataSummary(slo, service.name),
          description: noDataDescription(slo, service.name, slo.noData.for),
          location: slo.location,
        },
        service,
        config,
      ),
    );
  }
  const group = sloGroup(slo.name);
  const budgetGroup = sloBudgetGroup(slo.name);
  const interval = windowText(BUDGET_INTERVAL_MS);
  return [
    ...[...recordings, ...alerts].map((rule) => ({ rule, service, group, generated: true })),
    ...budget.map((rule) => ({ rule, service, group: budgetGroup, interval, generated: true })),
  ];
}

type Read = (metric: string) => string;
type RecordRule = (name: string, expr: string) => RecordingRuleIR;

/**
 * The ratio over the SLO window when no alert reads that window, in the budget group: the 5m
 * recordings sampled every BUDGET_INTERVAL, then the whole window of those samples, a fifth of
 * what the 5m recordings hold at the default 30s evaluation. None when an alert reads the window:
 * the SLO's own group records it already.
 */
function budgetRules(slo: SloIR, windows: readonly string[], read: Read, record: RecordRule): RecordingRuleIR[] {
  if (windows.includes(slo.window)) return [];
  const sampled = (recording: string) => record(sloRecordings.sampled(recording), read(recording));
  if (slo.sli.kind === 'events') {
    const errors = sampled(sloRecordings.errorRate(BASE));
    const total = sampled(sloRecordings.totalRate(BASE));
    return [errors, total, record(sloRecordings.errorRatio(slo.window), ratioOfSums(read(errors.name), read(total.name), slo.window))];
  }
  const ratio = sampled(sloRecordings.errorRatio(BASE));
  return [ratio, record(sloRecordings.errorRatio(slo.window), `avg_over_time(${read(ratio.name)}[${slo.window}])`)];
}

/** The errors over the window divided by the events: weighted by traffic, as the raw series would be. */
function ratioOfSums(errors: string, total: string, window: string): string {
  return `sum_over_time(${errors}[${window}])\n/\nsum_over_time(${total}[${window}])`;
}

function budgetRemaining(slo: SloIR, identity: Labels, read: Read, record: RecordRule): RecordingRuleIR {
  // The budget is one series per SLO, the ratio one per `by` group: each group divides by it.
  const perGroup = `on (${Object.keys(identity).join(', ')}) group_left`;
  return record(sloRecordings.budgetRemaining, `1 - ${read(sloRecordings.errorRatio(slo.window))}\n/ ${perGroup}\n${read(sloRecordings.errorBudget)}`);
}

/** `(ratio_1h > t and ratio_5m > t) or (ratio_6h > t' and ratio_30m > t')`, guarded by the minimum event rate. */
function burnExpression(slo: SloIR, tier: BurnTierIR, read: (metric: string) => string): string {
  const above = burnAbove(slo, read);
  const burning = tier.windows.map((w) => burnCondition(w, above)).join('\nor\n');
  if (slo.minEventRate === undefined) return burning;
  return `(\n${burning}\n)\nand\n${read(sloRecordings.totalRate(BASE))} >= ${slo.minEventRate}`;
}

/** One pair: both windows' error ratios above the threshold. */
export function burnCondition(window: BurnWindowIR, above: (window: string, threshold: string) => string): string {
  return `(\n  ${above(window.long, window.threshold)}\nand\n  ${above(window.short, window.threshold)}\n)`;
}

/**
 * A window's error ratio above a threshold. A derived window's ratio is weighed by the share of
 * the window recorded so far (1 once the whole window is), and the weighed ratio passes the
 * threshold; the ratio itself is what the condition returns, since the description reads the
 * alert's value as the share of bad events.
 */
export function burnAbove(slo: SloIR, read: (metric: string) => string): (window: string, threshold: string) => string {
  const rawWindow = fastestLongWindow(slo);
  return (window, threshold) => {
    const ratio = read(sloRecordings.errorRatio(window));
    if (!isDerived(slo, window, rawWindow)) return `${ratio} > ${threshold}`;
    const recorded = `clamp_max((time() - ${read(sloRecordings.recordedSince)}) / ${durationMs(window) / 1000}, 1)`;
    return `(\n    ${ratio}\n  and\n    ${ratio} * on () group_left ()\n    ${recorded} > ${threshold}\n  )`;
  };
}

/** Whether the window's ratio is derived from the 5m rates rather than read from the raw series (`rawWindow`, or the base). */
export function isDerived(slo: SloIR, window: string, rawWindow: string | undefined): boolean {
  return slo.sli.kind === 'events' && window !== BASE && window !== rawWindow;
}

/** Every window the alerts read, the 5m base first, by length. */
export function alertWindows(slo: SloIR): string[] {
  const windows = new Set<string>([BASE]);
  for (const tier of slo.tiers) for (const w of tier.windows) windows.add(w.long).add(w.short);
  return [...windows].sort((a, b) => durationMs(a) - durationMs(b));
}

/** The long window of the fastest burn condition: the one whose detection time matters most. */
export function fastestLongWindow(slo: SloIR): string | undefined {
  const longs = slo.tiers.flatMap((t) => t.windows.map((w) => w.long));
  return longs.sort((a, b) => durationMs(a) - durationMs(b))[0];
}

/** The window dashboards show the SLI and burn over: the fastest page window, or the 5m base when no tier alerts. */
export function headlineWindow(slo: SloIR): string {
  return fastestLongWindow(slo) ?? BASE;
}

function objectiveRatio(slo: SloIR): string {
  return formatExact(exact(1).minus(slo.budget));
}
