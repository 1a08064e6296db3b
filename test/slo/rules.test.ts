import { describe, expect, it } from 'vitest';
import { durationMs } from '../../src/util/duration.ts';
import { compiledExample } from '../support/example.ts';

const SLOTH_RECORDINGS_PER_SLO = 15;
const THREE_DAYS = durationMs('3d');

/** `[metric, range]` for every range selection in an expression. */
function rangeSelections(expr: string): [string, string][] {
  return [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{[^}]*\})?\[([0-9a-z]+)(?::[0-9a-z]*)?\]/g)].map((m) => [m[1]!, m[2]!]);
}

describe('the rules generated for the example SLOs', async () => {
  const { result } = await compiledExample();
  const sloGroups = result.ir.ruleGroups.filter((g) => g.name.includes('.slo-'));
  const everyEvaluation = sloGroups.filter((g) => g.interval === undefined);
  const budgetGroups = sloGroups.filter((g) => g.interval !== undefined);

  it('has one group per SLO, and one for its budget evaluated every 2m30s', () => {
    const groupOf = (s: { id: string }) => s.id.replace(/^(.*)\/(.*)\/(.*)$/, '$1.$2.slo-$3');
    expect(everyEvaluation.map((g) => g.name)).toEqual(result.ir.slos.map(groupOf));
    expect(budgetGroups.map((g) => [g.name, g.interval])).toEqual(result.ir.slos.map((s) => [`${groupOf(s)}.budget`, '2m30s']));
  });

  it.each(everyEvaluation.map((g) => [g.name, g] as const))('%s records no more every evaluation than Sloth does per SLO', (_, group) => {
    const recordings = group.rules.filter((r) => r.type === 'record');
    expect(recordings.length).toBeLessThanOrEqual(SLOTH_RECORDINGS_PER_SLO);
  });

  it('reads nothing over more than 3 days at every evaluation: the 30-day ratio reads only the rates sampled in its own slower group', () => {
    const ranges = everyEvaluation.flatMap((g) => g.rules).flatMap((rule) => rangeSelections(rule.expr));
    for (const [metric, range] of ranges) expect(durationMs(range), `${metric}[${range}]`).toBeLessThanOrEqual(THREE_DAYS);
    for (const group of budgetGroups) {
      const recorded = new Set(group.rules.map((r) => r.name));
      const read = group.rules.flatMap((rule) => rangeSelections(rule.expr));
      expect(read.map(([, range]) => range)).toEqual(['30d', '30d']);
      for (const [metric] of read) expect(recorded, metric).toContain(metric);
    }
  });

  it('never reads a raw series over more than 3 days', () => {
    const raw = sloGroups
      .flatMap((g) => g.rules)
      .flatMap((rule) => rangeSelections(rule.expr))
      .filter(([metric]) => !metric.includes(':'));
    expect(raw.length).toBeGreaterThan(0);
    for (const [metric, range] of raw) expect(durationMs(range), `${metric}[${range}]`).toBeLessThanOrEqual(THREE_DAYS);
  });

  it('reads raw series only over the 5m base and the fastest page window', () => {
    const ranges = new Set(sloGroups.flatMap((g) => g.rules).flatMap((r) => rangeSelections(r.expr)).filter(([m]) => !m.includes(':')).map(([, range]) => range));
    expect([...ranges].sort()).toEqual(['13m', '1h', '27m', '5m']);
  });

  it('writes every threshold as an exact decimal', () => {
    const numbers = sloGroups.flatMap((g) => g.rules).flatMap((r) => r.expr.match(/\d+\.\d+/g) ?? []);
    for (const n of numbers) expect(n, n).toMatch(/^\d+\.\d{1,6}$/);
  });
});
