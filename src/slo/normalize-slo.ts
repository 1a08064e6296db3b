import type { AlertSeverity } from '../authoring/alert.ts';
import type { BurnWindow, SloDefinition, TierOptions } from '../authoring/slo.ts';
import { errorAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { BurnTierIR, BurnWindowIR, ServiceIR, SloIR } from '../ir.ts';
import { reservedAlertLabels, sloId, sloLabel } from '../naming.ts';
import { isValidLabelName } from '../promql/selector.ts';
import { exact, formatExact } from '../util/decimal.ts';
import { DAY, parseDuration } from '../util/duration.ts';
import { dns1123LabelProblem } from '../util/kubernetes-names.ts';
import { memoize } from '../util/memo.ts';
import { normalizeSli } from './sli.ts';
import { BASE_WINDOW_MS, defaultShortWindow, defaultWindows, windowText, type WindowSpec } from './windows.ts';

/** The smallest error budget vigil accepts (99.9999%): below it a rate cannot tell burn from noise. */
const MIN_BUDGET = exact('0.000001');

const tierDefaults = {
  page: { severity: 'critical' },
  ticket: { severity: 'warning' },
} as const satisfies Record<string, { severity: AlertSeverity }>;

const noDataDefaults = { for: '10m', severity: 'warning' } as const;

/** An SLO definition → IR, or undefined with error diagnostics when it cannot be compiled. */
export function normalizeSlo(definition: SloDefinition, service: ServiceIR, diagnostics: Diagnostic[]): SloIR | undefined {
  const path = `slo "${definition.name}"`;
  const { location } = definition;
  const errorsBefore = diagnostics.filter((d) => d.severity === 'error').length;
  const report = (code: string, field: string, message: string, hint?: string) =>
    diagnostics.push(errorAt(code, location, message, hint === undefined ? { path: `${path} > ${field}` } : { path: `${path} > ${field}`, hint }));

  const nameProblem = dns1123LabelProblem(definition.name);
  if (nameProblem) report('invalid-name', 'name', `SLO name \`${definition.name}\` ${nameProblem}`);

  const budget = errorBudget(definition.objective, (message, hint) => report('slo-objective', 'objective', message, hint));
  const windowMs = sloWindow(definition.window ?? '30d', (message, hint) => report('slo-window', 'window', message, hint));

  const keep = [...new Set(definition.by ?? [])].sort();
  for (const label of keep) {
    if (!isValidLabelName(label) || label.startsWith('__')) report('invalid-label', 'by', `\`${label}\` is not a valid label name`);
    else if (labelsOfEveryRule(service).includes(label)) {
      report(
        'reserved-label',
        'by',
        `SLO \`${definition.name}\` is kept per \`${label}\`, a label its recordings and alerts set themselves: the rule's value replaces the series' own, so two values (the Prometheus Operator labels \`service\` with the Kubernetes Service's name) become one label set and Prometheus evaluates none of them`,
        'keep the SLO per a label vigil does not set, such as `route` or `topic`',
      );
    }
  }

  const sli = normalizeSli(definition.sli, keep, location, `${path} > sli`, diagnostics);

  const alerting = definition.alerting ?? {};
  const tiers: BurnTierIR[] = [];
  if (budget && windowMs !== undefined) {
    for (const name of ['page', 'ticket'] as const) {
      const options = alerting[name];
      if (options === false) continue;
      const tier = normalizeTier(name, options ?? {}, budget.budget, windowMs, (message, hint) => report('slo-alerting', `alerting > ${name}`, message, hint));
      if (tier) tiers.push(tier);
    }
  }

  let minEventRate: string | undefined;
  if (alerting.minEventRate !== undefined) {
    if (!Number.isFinite(alerting.minEventRate) || alerting.minEventRate < 0) {
      report('slo-alerting', 'alerting > minEventRate', `minimum event rate \`${alerting.minEventRate}\` must be a number of events per second, zero or more`);
    } else if (definition.sli.kind === 'raw') {
      report('slo-alerting', 'alerting > minEventRate', 'a raw ratio SLI has no event rate to compare with `minEventRate`', 'use `errorRatio` or `latency`, or drop `minEventRate`');
    } else {
      minEventRate = formatExact(alerting.minEventRate);
    }
  }

  if (diagnostics.filter((d) => d.severity === 'error').length > errorsBefore || !budget || windowMs === undefined || !sli) return undefined;
  const noData = alerting.noData === false ? undefined : { ...noDataDefaults, ...alerting.noData };
  return {
    id: sloId(service, definition.name),
    name: definition.name,
    serviceId: service.id,
    description: definition.description ?? `${budget.objective}% of events are good`,
    objective: budget.objective,
    budget: budget.budget,
    window: windowText(windowMs),
    sli: sli.sli,
    by: keep,
    tiers,
    ...(noData ? { noData } : {}),
    ...(minEventRate === undefined ? {} : { minEventRate }),
    testSeries: sli.testSeries,
    location,
  };
}

type Report = (message: string, hint?: string) => void;

function errorBudget(objective: number, report: Report): { objective: string; budget: string } | undefined {
  if (typeof objective !== 'number' || !Number.isFinite(objective) || objective <= 0 || objective >= 100) {
    report(`objective \`${String(objective)}\` must be a percentage above 0 and below 100`, 'write the share of good events in percent, e.g. `99.9`');
    return undefined;
  }
  // No service promises less than 1% good events: such an objective is a ratio written for a percentage.
  if (objective < 1) {
    report(
      `objective \`${formatExact(objective)}\` is in percent: it promises ${formatExact(objective)}% good events`,
      `write the share of good events in percent, e.g. \`${formatExact(exact(objective).times(100))}\` for ${formatExact(exact(objective).times(100))}%`,
    );
    return undefined;
  }
  const budget = exact(100).minus(objective).dividedBy(100);
  if (budget.lessThan(MIN_BUDGET)) {
    report(
      `objective \`${formatExact(objective)}\` leaves an error budget of ${formatExact(budget)}, too small to measure`,
      'vigil accepts objectives up to 99.9999%; at more nines, a single failed event burns the whole budget',
    );
    return undefined;
  }
  return { objective: formatExact(objective), budget: formatExact(budget) };
}

function sloWindow(text: string, report: Report): number | undefined {
  const match = /^(\d+)([dw])$/.exec(text);
  const days = match ? Number(match[1]) * (match[2] === 'w' ? 7 : 1) : 0;
  if (!match || days < 1 || days > 365) {
    report(`window \`${text}\` must be a whole number of days or weeks, from 1d to 365d`, 'rolling SLO windows are usually `30d` or `4w`');
    return undefined;
  }
  return days * DAY;
}

function normalizeTier(
  name: 'page' | 'ticket',
  options: TierOptions,
  budget: string,
  sloWindowMs: number,
  report: Report,
): BurnTierIR | undefined {
  const specs = options.windows ? options.windows.map((w) => windowSpec(w, report)) : defaultWindows(name, sloWindowMs, budget);
  if (specs.length === 0) {
    report(
      options.windows ? `the ${name} tier has no windows` : `the objective is too low for any of the workbook's ${name} factors to fire`,
      `give windows with factors below ${formatExact(exact(1).dividedBy(budget).toDecimalPlaces(2, 1))}, or turn the tier off with \`${name}: false\``,
    );
    return undefined;
  }
  const windows: BurnWindowIR[] = [];
  for (const spec of specs) {
    if (!spec) continue;
    const long = windowText(spec.longMs);
    const short = windowText(spec.shortMs);
    const threshold = thresholdOf(spec.factor, budget);
    if (spec.longMs > sloWindowMs) report(`window \`${long}\` is longer than the SLO window \`${windowText(sloWindowMs)}\``);
    else if (spec.shortMs >= spec.longMs) report(`short window \`${short}\` must be shorter than its long window \`${long}\``);
    else if (spec.shortMs < BASE_WINDOW_MS) report(`short window \`${short}\` is below vigil's 5m base window`, 'use 5m or more');
    else if (threshold.greaterThanOrEqualTo(1)) {
      report(
        `factor \`${spec.factor}\` × budget ${budget} = ${formatExact(threshold)}: an error ratio can never exceed it, so the alert could never fire`,
        `use a factor below ${formatExact(exact(1).dividedBy(budget).toDecimalPlaces(2, 1))}`,
      );
    } else windows.push({ long, short, factor: spec.factor, threshold: formatExact(threshold) });
  }
  if (windows.length !== specs.length) return undefined;
  return {
    name,
    severity: options.severity ?? tierDefaults[name].severity,
    windows,
    ...(options.for === undefined ? {} : { for: options.for }),
    ...(options.keepFiringFor === undefined ? {} : { keepFiringFor: options.keepFiringFor }),
  };
}

const thresholdOf = memoize(
  (factor: string, budget: string) => exact(factor).times(budget),
  (factor, budget) => `${factor} ${budget}`,
);

function windowSpec(window: BurnWindow, report: Report): WindowSpec | undefined {
  const longMs = parseDuration(window.long);
  if (longMs === undefined || longMs < BASE_WINDOW_MS) {
    report(`long window \`${window.long}\` must be a duration of at least 5m`);
    return undefined;
  }
  const shortMs = window.short === undefined ? defaultShortWindow(longMs) : parseDuration(window.short);
  if (shortMs === undefined) {
    report(`short window \`${window.short}\` is not a duration`);
    return undefined;
  }
  if (typeof window.factor !== 'number' || !Number.isFinite(window.factor) || window.factor <= 0) {
    report(`burn-rate factor \`${String(window.factor)}\` must be a number above 0`);
    return undefined;
  }
  return { longMs, shortMs, factor: formatExact(window.factor) };
}

/** The labels vigil writes on every rule of an SLO, over whatever its expression keeps. */
function labelsOfEveryRule(service: ServiceIR): string[] {
  return [...reservedAlertLabels, sloLabel, ...Object.keys(service.labels)];
}
