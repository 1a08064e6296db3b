import randexpModule from 'randexp';
import type { SliSimulationIR, SliTestSeriesIR } from '../ir.ts';
import { parseSelector, type ParsedMatcher, type ParsedSelector } from '../promql/parse-selector.ts';
import { selector } from '../promql/selector.ts';
import { compareStrings } from '../util/compare.ts';

/**
 * Finds label sets that an SLI's selectors select (or, for the good events, that the total
 * selects and the errors selector does not), so generated tests can feed them events.
 */

export type Simulation = { readonly ok: true; readonly simulation: SliSimulationIR } | { readonly ok: false; readonly problem: string };

// The package is CommonJS exporting the class itself; its typings describe an ES default export.
const RandExp = randexpModule as unknown as typeof randexpModule.default;

/** Values tried, after the ones the matchers themselves suggest. */
const fallbackValues = ['200', '0', 'ok', 'x', 'true', 'false', 'GET'];

/** The series to feed an SLI's test events into, worked out from its selectors when not given. */
export function simulateSli(series: SliTestSeriesIR): Simulation {
  switch (series.kind) {
    case 'given':
      return { ok: true, simulation: series.simulation };
    case 'latency':
      return simulateLatency(series.histogram, series.matchers, series.le);
    case 'none':
      return { ok: false, problem: 'vigil cannot tell which series a raw ratio reads; give it `simulate`' };
    case 'error-ratio': {
      const errors = parseSelector(series.errors);
      const total = parseSelector(series.total);
      if (!errors || !total) return { ok: false, problem: 'its selectors cannot be read' };
      return simulateErrorRatio(errors, total);
    }
  }
}

/** An error-ratio SLI: bad events on the errors selector; good events on the total selector but not the errors one. */
export function simulateErrorRatio(errors: ParsedSelector, total: ParsedSelector): Simulation {
  if (!errors.metric || !total.metric) return { ok: false, problem: 'a selector without a metric name cannot be simulated' };
  if (errors.metric !== total.metric) {
    const bad = labelsMatching(errors.matchers);
    const all = labelsMatching(total.matchers);
    if (!bad || !all) return { ok: false, problem: 'no label values satisfy the matchers' };
    return simulation({ bad: [selector(errors.metric, bad)], all: [selector(total.metric, all)] });
  }
  const bad = labelsMatching([...errors.matchers, ...total.matchers]);
  if (!bad) return { ok: false, problem: 'no label values satisfy both selectors at once' };
  for (const name of new Set(errors.matchers.map((m) => m.name))) {
    const value = valueFor(
      total.matchers.filter((m) => m.name === name),
      errors.matchers.filter((m) => m.name === name),
    );
    if (value === undefined) continue;
    const good = { ...bad };
    if (value === '') delete good[name];
    else good[name] = value;
    return simulation({ good: [selector(total.metric, good)], bad: [selector(errors.metric, bad)] });
  }
  return { ok: false, problem: 'every series the total selects is also an error, so good events cannot be simulated' };
}

/** A latency SLI: good events land in the threshold bucket, every event in `_count`. */
export function simulateLatency(histogram: string, matchers: Readonly<Record<string, string>>, le: string): Simulation {
  return simulation({
    good: [selector(`${histogram}_bucket`, { ...matchers, le })],
    all: [selector(`${histogram}_count`, matchers)],
  });
}

function simulation(parts: Partial<SliSimulationIR>): Simulation {
  return { ok: true, simulation: { good: parts.good ?? [], bad: parts.bad ?? [], all: parts.all ?? [] } };
}

/** A label set every matcher selects (a label matched by the empty string is left out), or undefined. */
function labelsMatching(matchers: readonly ParsedMatcher[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const name of [...new Set(matchers.map((m) => m.name))].sort(compareStrings)) {
    const value = valueFor(matchers.filter((m) => m.name === name));
    if (value === undefined) return undefined;
    if (value !== '') labels[name] = value;
  }
  return labels;
}

/** A value satisfying every `must` matcher and failing at least one `mustNot` matcher; '' means "label absent". */
function valueFor(must: readonly ParsedMatcher[], mustNot: readonly ParsedMatcher[] = []): string | undefined {
  const suggested = [...must.flatMap(suggestions), ...fallbackValues, ...mustNot.flatMap(suggestions).map((v) => `${v}x`)];
  // Leaving a label out is the simplest way to satisfy negative matchers, but a good event
  // reads better with a value (`code="200"`), so "absent" comes last when looking for one.
  const candidates = mustNot.length === 0 ? ['', ...suggested] : [...suggested, ''];
  return candidates.find(
    (value) => must.every((m) => matches(m, value)) && (mustNot.length === 0 || mustNot.some((m) => !matches(m, value))),
  );
}

function suggestions(matcher: ParsedMatcher): string[] {
  if (matcher.op === '=') return [matcher.value];
  if (matcher.op !== '=~') return [];
  const sample = sampleRegex(matcher.value);
  return sample === undefined ? [] : [sample];
}

function matches(matcher: ParsedMatcher, value: string): boolean {
  switch (matcher.op) {
    case '=':
      return value === matcher.value;
    case '!=':
      return value !== matcher.value;
    case '=~':
      return anchored(matcher.value)?.test(value) ?? false;
    case '!~':
      return !(anchored(matcher.value)?.test(value) ?? true);
  }
}

/** Prometheus regex matchers are fully anchored RE2; JavaScript's engine agrees on the common syntax. */
function anchored(pattern: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${pattern})$`, 's');
  } catch {
    return undefined;
  }
}

/** The smallest string the pattern matches, drawn from digits and lowercase letters (deterministic). */
function sampleRegex(pattern: string): string | undefined {
  const regex = anchored(pattern);
  if (!regex) return undefined;
  const generator = new RandExp(regex);
  generator.randInt = (low: number) => low;
  generator.max = 2;
  generator.defaultRange.subtract(0, 0x10ffff);
  generator.defaultRange.add(48, 57);
  generator.defaultRange.add(97, 122);
  const sample = generator.gen();
  return regex.test(sample) ? sample : undefined;
}
