import { describe, expect, it } from 'vitest';
import { errorRatio, slo } from '../../src/authoring/slo.ts';
import type { SloIR } from '../../src/ir.ts';
import { detectionRows } from '../../src/slo/detection.ts';
import { humanDuration } from '../../src/slo/words.ts';
import { durationMs } from '../../src/util/duration.ts';
import { compileDefinitions, testService } from '../support/definitions.ts';

function sloIR(objective: number, window = '30d'): SloIR {
  const svc = testService();
  const sli = errorRatio({ errors: 'x_total{code="500"}', total: 'x_total' });
  const result = compileDefinitions([svc, slo({ service: svc, name: 'availability', objective, window, sli })]);
  expect(result.diagnostics).toEqual([]);
  return result.ir.slos[0]!;
}

function table(slo: SloIR) {
  return detectionRows(slo).map((row) => [row.label, ...row.tiers.map((t) => (t.detection.minutes === undefined ? 'never' : humanDuration(t.detection.minutes)))]);
}

describe('detection times', () => {
  it('follow the workbook at 99.9%: 52s for a total outage, 5.76 minutes at 15%', () => {
    expect(table(sloIR(99.9))).toEqual([
      ['total outage', '52s', '4m19s'],
      ['15% errors', '5m46s', '28m48s'],
      ['5% errors', '17m17s', '1h26m24s'],
      ['10× budget (1% errors)', '3h36m', '7h12m'],
      ['2× budget (0.2% errors)', 'never', '1d12h'],
    ]);
  });

  it('uses exact thresholds and the workbook windows for 30 days', () => {
    const { tiers } = sloIR(99.9);
    expect(tiers.map((t) => t.windows.map((w) => `${w.factor}x ${w.long}/${w.short} > ${w.threshold}`))).toEqual([
      ['14.4x 1h/5m > 0.0144', '6x 6h/30m > 0.006'],
      ['3x 1d/2h > 0.003', '1x 3d/6h > 0.001'],
    ]);
    expect(sloIR(99.95).tiers[0]!.windows[0]!.threshold).toBe('0.0072');
  });

  it('adds an outage window when the objective is too low for the 1h window to page an outage within 2 minutes', () => {
    const low = sloIR(99);
    expect(low.tiers[0]!.windows.map((w) => `${w.factor}x ${w.long}/${w.short}`)).toEqual(['14.4x 13m/5m', '14.4x 1h/5m', '6x 6h/30m']);
    expect(table(low)[0]).toEqual(['total outage', '1m52s', '43m12s']);
    expect(sloIR(99.5).tiers[0]!.windows[0]!.long).toBe('27m');
    expect(sloIR(99.9).tiers[0]!.windows).toHaveLength(2);
  });

  it('keeps an outage window, the shortest there is, when the objective is too low for any to page within 2 minutes', () => {
    const at97 = sloIR(97);
    expect(at97.tiers[0]!.windows.map((w) => `${w.factor}x ${w.long}/${w.short}`)).toEqual(['14.4x 6m/5m', '14.4x 1h/5m', '6x 6h/30m']);
    expect(table(at97)[0]![1]).toBe('2m36s');
    // At 90% the 1h pair could never fire (14.4 × 10% > 100%): the outage pair takes the 6h pair's factor.
    const at90 = sloIR(90);
    expect(at90.tiers[0]!.windows.map((w) => `${w.factor}x ${w.long}/${w.short}`)).toEqual(['6x 6m/5m', '6x 6h/30m']);
    expect(table(at90)[0]![1]).toBe('3m36s');
  });

  it('keeps every long window longer than its short one for the shortest SLO windows', () => {
    for (const window of ['1d', '2d', '3d']) {
      for (const tier of sloIR(99.9, window).tiers) for (const w of tier.windows) expect(durationMs(w.short), `${window}: ${w.long}/${w.short}`).toBeLessThan(durationMs(w.long));
    }
    expect(sloIR(99.9, '1d').tiers.map((t) => t.windows.map((w) => `${w.factor}x ${w.long}/${w.short}`))).toEqual([
      ['14.4x 6m/5m', '6x 12m/5m'],
      ['3x 48m/5m', '1x 2h24m/12m'],
    ]);
  });

  it('scales the windows with the SLO window, keeping the factors', () => {
    expect(sloIR(99.9, '4w').tiers.map((t) => t.windows.map((w) => `${w.factor}x ${w.long}/${w.short}`))).toEqual([
      ['14.4x 56m/5m', '6x 5h36m/28m'],
      ['3x 22h24m/1h52m', '1x 2d19h12m/5h36m'],
    ]);
  });
});
