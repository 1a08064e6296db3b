import type { LatencySli, Sli, SliSimulation } from '../authoring/slo.ts';
import { errorAt, warningAt, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.ts';
import type { SliIR, SliSimulationIR } from '../ir.ts';
import { checkPromql } from '../promql/check.ts';
import { parseSelector } from '../promql/parse-selector.ts';
import { anyOf, isValidMetricName, re, selector, sumBy } from '../promql/selector.ts';
import { formatExact } from '../util/decimal.ts';
import { simulateErrorRatio, simulateLatency, type Simulation } from './simulate.ts';

export const WINDOW_PLACEHOLDER = '{{window}}';

export interface NormalizedSli {
  readonly sli: SliIR;
  readonly simulation?: SliSimulationIR;
}

/**
 * An SLI definition as window-parameterized expressions, plus the series a test can feed it.
 * Returns undefined (with errors) when the SLI cannot be used.
 */
export function normalizeSli(
  sli: Sli,
  keep: readonly string[],
  location: SourceLocation,
  path: string,
  diagnostics: Diagnostic[],
): NormalizedSli | undefined {
  switch (sli.kind) {
    case 'error-ratio': {
      const errors = counterSelector(sli.errors, 'errors', location, path, diagnostics);
      const total = counterSelector(sli.total, 'total', location, path, diagnostics);
      if (errors === undefined || total === undefined) return undefined;
      const rate = (series: string) => sumBy(keep, `rate(${series}[${WINDOW_PLACEHOLDER}])`);
      return withSimulation(
        { kind: 'events', errorsRate: rate(sli.errors.trim()), totalRate: rate(sli.total.trim()) },
        sli.simulate ?? simulateErrorRatio(errors, total),
        location,
        path,
        diagnostics,
      );
    }
    case 'latency': {
      const le = latencyBucket(sli, location, path, diagnostics);
      if (le === undefined) return undefined;
      const matchers = sli.matchers ?? {};
      const bucket = selector(`${sli.histogram}_bucket`, { ...matchers, le: le.spellings.length === 1 ? le.spellings[0]! : re(anyOf(le.spellings)) });
      const count = sumBy(keep, `rate(${selector(`${sli.histogram}_count`, matchers)}[${WINDOW_PLACEHOLDER}])`);
      const fast = sumBy(keep, `rate(${bucket}[${WINDOW_PLACEHOLDER}])`);
      return withSimulation(
        { kind: 'events', errorsRate: `clamp_min(${count} - ${fast}, 0)`, totalRate: count },
        simulateLatency(sli.histogram, matchers, le.spellings[0]!),
        location,
        path,
        diagnostics,
      );
    }
    case 'raw': {
      if (!sli.errorRatio.includes(WINDOW_PLACEHOLDER)) {
        diagnostics.push(
          errorAt('slo-sli', location, `the raw SLI has no \`${WINDOW_PLACEHOLDER}\` placeholder`, {
            path: `${path} > errorRatio`,
            hint: `write the range of every rate as \`[${WINDOW_PLACEHOLDER}]\`; vigil evaluates it over each alert window`,
          }),
        );
        return undefined;
      }
      const problems = checkPromql(sli.errorRatio.replaceAll(WINDOW_PLACEHOLDER, '5m'));
      for (const problem of problems) {
        diagnostics.push(
          errorAt('promql-syntax', location, `invalid PromQL in the raw SLI: ${problem.message}`, {
            path: `${path} > errorRatio`,
            excerpt: { text: sli.errorRatio.replaceAll(WINDOW_PLACEHOLDER, '5m'), from: problem.from, to: problem.to },
          }),
        );
      }
      if (problems.length > 0) return undefined;
      const simulation: Simulation = sli.simulate
        ? { ok: true, simulation: fromUser(sli.simulate) }
        : { ok: false, problem: 'vigil cannot tell which series a raw ratio reads' };
      return withSimulation({ kind: 'raw', errorRatio: sli.errorRatio.trim() }, simulation, location, path, diagnostics);
    }
  }
}

function withSimulation(
  sli: SliIR,
  simulation: Simulation | SliSimulation,
  location: SourceLocation,
  path: string,
  diagnostics: Diagnostic[],
): NormalizedSli {
  if (!('ok' in simulation)) return { sli, simulation: fromUser(simulation) };
  if (simulation.ok) return { sli, simulation: simulation.simulation };
  diagnostics.push(
    warningAt('slo-untested', location, `vigil cannot generate tests for this SLO: ${simulation.problem}`, {
      path: `${path}`,
      hint: 'give the SLI a `simulate: { good, bad, all }` list of series to feed with events',
    }),
  );
  return { sli };
}

function fromUser(simulation: SliSimulation): SliSimulationIR {
  return { good: simulation.good ?? [], bad: simulation.bad ?? [], all: simulation.all ?? [] };
}

function counterSelector(text: string, field: string, location: SourceLocation, path: string, diagnostics: Diagnostic[]) {
  const problems = checkPromql(text);
  for (const problem of problems) {
    diagnostics.push(
      errorAt('promql-syntax', location, `invalid PromQL in the SLI's ${field}: ${problem.message}`, {
        path: `${path} > ${field}`,
        excerpt: { text, from: problem.from, to: problem.to },
      }),
    );
  }
  if (problems.length > 0) return undefined;
  const parsed = parseSelector(text.trim());
  if (!parsed) {
    diagnostics.push(
      errorAt('slo-sli', location, `the SLI's ${field} must be a counter selector, not an expression`, {
        path: `${path} > ${field}`,
        hint: 'write the counter and its matchers, e.g. `http_requests_total{job="api",code=~"5.."}`: vigil takes the rate over each window',
      }),
    );
  }
  return parsed;
}

/** The `le` spellings of the threshold bucket: Go clients write `1`, Java and Python `1.0`. */
function latencyBucket(sli: LatencySli, location: SourceLocation, path: string, diagnostics: Diagnostic[]) {
  const report = (message: string, hint?: string) =>
    diagnostics.push(errorAt('slo-sli', location, message, hint === undefined ? { path } : { path, hint }));
  if (!isValidMetricName(`${sli.histogram}_bucket`)) {
    report(`\`${sli.histogram}\` is not a histogram name`, 'give the base name, without `_bucket`');
    return undefined;
  }
  const buckets = [...new Set(sli.buckets)].filter((b) => Number.isFinite(b) && b > 0).sort((a, b) => a - b);
  if (buckets.length === 0) {
    report('the latency SLI needs the histogram\'s finite bucket boundaries (`buckets`)');
    return undefined;
  }
  const threshold = sli.thresholdSeconds;
  if (!buckets.includes(threshold)) {
    const below = buckets.filter((b) => b < threshold).at(-1);
    const above = buckets.find((b) => b > threshold);
    const nearest = [below, above].filter((b) => b !== undefined).map((b) => `\`${formatExact(b)}\``);
    report(
      `threshold \`${Number.isFinite(threshold) ? formatExact(threshold) : String(threshold)}\` seconds is not a bucket boundary of \`${sli.histogram}\``,
      `a classic histogram can only tell requests apart at its boundaries; the nearest are ${nearest.join(' and ')}`,
    );
    return undefined;
  }
  const text = formatExact(threshold);
  return { spellings: Number.isInteger(threshold) ? [text, `${text}.0`] : [text] };
}
