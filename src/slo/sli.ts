import type { LatencySli, Sli, SliSimulation } from '../authoring/slo.ts';
import { errorAt, warningAt, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.ts';
import type { SliIR, SliSimulationIR, SliTestSeriesIR } from '../ir.ts';
import { checkPromql } from '../promql/check.ts';
import { isLoneSelector, parseSelector } from '../promql/parse-selector.ts';
import { isValidMetricName, oneOf, quote, selector, sumBy } from '../promql/selector.ts';
import { bucketBoundaryProblem, leSpellings } from '../promql/histogram-buckets.ts';
import { errorsOutsideTotal } from './errors-outside-total.ts';
import { errorsSameAsTotal } from './errors-same-as-total.ts';

export const WINDOW_PLACEHOLDER = '{{window}}';

export interface NormalizedSli {
  readonly sli: SliIR;
  readonly testSeries: SliTestSeriesIR;
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
      const errors = isCounterSelector(sli.errors, 'errors', location, path, diagnostics);
      const total = isCounterSelector(sli.total, 'total', location, path, diagnostics);
      if (!errors || !total) return undefined;
      if (!errorsWithinTotal(sli.errors.trim(), sli.total.trim(), location, path, diagnostics)) return undefined;
      const rate = (series: string) => sumBy(keep, `rate(${series}[${WINDOW_PLACEHOLDER}])`);
      return {
        sli: { kind: 'events', errorsRate: rate(sli.errors.trim()), totalRate: rate(sli.total.trim()), errorsMayBeMissing: true },
        testSeries: sli.simulate ? given(sli.simulate) : { kind: 'error-ratio', errors: sli.errors.trim(), total: sli.total.trim() },
      };
    }
    case 'latency': {
      const le = latencyBucket(sli, location, path, diagnostics);
      if (le === undefined) return undefined;
      const matchers = sli.matchers ?? {};
      const bucket = selector(`${sli.histogram}_bucket`, { ...matchers, le: oneOf(le.spellings) });
      const fastRate = `rate(${bucket}[${WINDOW_PLACEHOLDER}])`;
      // Only the series that have the threshold bucket are judged: while a rollout changes the
      // boundaries, the requests of a pod without it would otherwise all count as slow.
      const count = sumBy(keep, `rate(${selector(`${sli.histogram}_count`, matchers)}[${WINDOW_PLACEHOLDER}]) and ignoring (le) ${fastRate}`);
      const fast = sumBy(keep, fastRate);
      return {
        // A histogram exposes every bucket with its count: a threshold bucket missing beside the
        // count is one the service does not have, and the SLI has no data rather than no slow requests.
        sli: { kind: 'events', errorsRate: `clamp_min(${count} - ${fast}, 0)`, totalRate: count, errorsMayBeMissing: false },
        testSeries: { kind: 'latency', histogram: sli.histogram, matchers, le: le.spellings[0]! },
      };
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
      if (!sli.simulate) {
        diagnostics.push(
          warningAt('slo-untested', location, 'vigil cannot generate tests for this SLO: it cannot tell which series a raw ratio reads', {
            path,
            hint: 'give the SLI a `simulate: { good, bad, all }` list of series to feed with events',
          }),
        );
      }
      return { sli: { kind: 'raw', errorRatio: sli.errorRatio.trim() }, testSeries: sli.simulate ? given(sli.simulate) : { kind: 'none' } };
    }
  }
}

function given(simulation: SliSimulation): SliTestSeriesIR {
  const series: SliSimulationIR = { good: simulation.good ?? [], bad: simulation.bad ?? [], all: simulation.all ?? [] };
  return { kind: 'given', simulation: series };
}

function isCounterSelector(text: string, field: string, location: SourceLocation, path: string, diagnostics: Diagnostic[]): boolean {
  const problems = checkPromql(text);
  for (const problem of problems) {
    diagnostics.push(
      errorAt('promql-syntax', location, `invalid PromQL in the SLI's ${field}: ${problem.message}`, {
        path: `${path} > ${field}`,
        excerpt: { text, from: problem.from, to: problem.to },
      }),
    );
  }
  if (problems.length > 0) return false;
  if (!isLoneSelector(text.trim())) {
    diagnostics.push(
      errorAt('slo-sli', location, `the SLI's ${field} must be a counter selector, not an expression`, {
        path: `${path} > ${field}`,
        hint: 'write the counter and its matchers, e.g. `http_requests_total{job="api",code=~"5.."}`: vigil takes the rate over each window',
      }),
    );
    return false;
  }
  return true;
}

/** Whether the errors are a proper subset of the total, as far as the two selectors tell (an error when not). */
function errorsWithinTotal(errors: string, total: string, location: SourceLocation, path: string, diagnostics: Diagnostic[]): boolean {
  const parsedErrors = parseSelector(errors);
  const parsedTotal = parseSelector(total);
  if (!parsedErrors || !parsedTotal) return true;
  const missing = errorsOutsideTotal(parsedErrors, parsedTotal);
  if (missing.length > 0) {
    const matchers = missing.map((m) => `\`${m.name}${m.op}${quote(m.value)}\``).join(', ');
    diagnostics.push(
      errorAt('slo-sli', location, `the SLI's errors select series its total does not count: the errors lack the total's ${matchers}`, {
        path: `${path} > errors`,
        hint:
          parsedErrors.metric === parsedTotal.metric
            ? 'the errors are a subset of the total: give the errors selector every matcher of the total, plus the ones that pick the failures (were errors and total swapped?)'
            : "give the errors selector the service's `job` and `namespace` too (`...service.scrapeLabels`): without them a failing copy elsewhere, such as a staging namespace, pages for this service",
      }),
    );
    return false;
  }
  if (errorsSameAsTotal(parsedErrors, parsedTotal)) {
    diagnostics.push(
      errorAt('slo-sli', location, "the SLI's errors select the same series as its total: every event would count as an error, and the SLO would page whenever there is traffic", {
        path: `${path} > errors`,
        hint: "add to the errors selector the matcher that picks the failures, e.g. `code: re('5..')`",
      }),
    );
    return false;
  }
  return true;
}

/** The `le` spellings of the threshold bucket, or undefined (with an error) when it is no bucket boundary. */
function latencyBucket(sli: LatencySli, location: SourceLocation, path: string, diagnostics: Diagnostic[]) {
  const report = (message: string, hint?: string) =>
    diagnostics.push(errorAt('slo-sli', location, message, hint === undefined ? { path } : { path, hint }));
  if (!isValidMetricName(`${sli.histogram}_bucket`)) {
    report(`\`${sli.histogram}\` is not a histogram name`, 'give the base name, without `_bucket`');
    return undefined;
  }
  // `x_bucket` is what a query reads, so it is what people copy: vigil would read `x_bucket_bucket`.
  if (sli.histogram.endsWith('_bucket')) {
    report(`\`${sli.histogram}\` names the histogram's buckets, not the histogram`, `give the base name, \`${sli.histogram.slice(0, -'_bucket'.length)}\`: vigil reads its \`_bucket\` and \`_count\` series`);
    return undefined;
  }
  const problem = bucketBoundaryProblem(sli.histogram, sli.thresholdSeconds, sli.buckets);
  if (problem) {
    report(problem.message, problem.hint);
    return undefined;
  }
  return { spellings: leSpellings(sli.thresholdSeconds) };
}
