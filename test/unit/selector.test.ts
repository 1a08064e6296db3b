import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { random } from '../support/random.ts';
import { checkPromql } from '../../src/promql/check.ts';
import { anyOf, by, labelMatchers, not, notRe, quote, quoteRegex, re, selector } from '../../src/promql/selector.ts';
import { renderYaml } from '../../src/render/render.ts';
import { describeWithTool, promtool, runPromtoolTest, tempDir } from '../support/tools.ts';

const hostile = ['a"b\\c', 'line\nbreak', 'tab\there', '"} or vector(1) #', 'ünïcödé ✓', '`back`tick\'', '\u0001control'];

describe('label matchers', () => {
  it('quotes values so they cannot break out of the matcher', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('x\ny')).toBe('"x\\ny"');
    for (const value of hostile) {
      const expr = `kafka_consumergroup_lag${labelMatchers({ topic: value })} > 0`;
      expect(checkPromql(expr), expr).toEqual([]);
    }
  });

  it('quotes every string as JSON would, lone surrogates made well formed', () => {
    const next = random(20261124);
    const alphabet = ['a', ' ', '"', '\\', '\n', '\u0000', '\u001f', '\u007f', 'é', '\u2028', '\ud83d', '\ude00', '✓'];
    for (let i = 0; i < 5_000; i++) {
      let value = '';
      for (let j = Math.floor(next() * 8); j > 0; j--) value += alphabet[Math.floor(next() * alphabet.length)];
      expect(quote(value), JSON.stringify(value)).toBe(JSON.stringify(value.toWellFormed()));
    }
  });

  it('sorts labels and supports every operator', () => {
    expect(selector('m', { z: '1', a: re('x|y'), b: not(''), c: notRe('2..') })).toBe('m{a=~"x|y",b!="",c!~"2..",z="1"}');
    expect(selector('up')).toBe('up');
  });

  it('rejects invalid label and metric names', () => {
    expect(() => selector('m', { 'bad-name': 'x' })).toThrow(/invalid label name/);
    expect(() => selector('1m')).toThrow(/invalid metric name/);
  });

  it('refuses a condition that is neither a string nor made by re(), notRe() or not()', () => {
    expect(() => selector('up', { job: 5 } as never)).toThrow(/label `job` must match a string, or re\(\), notRe\(\) or not\(\) of one, not 5/);
    expect(() => selector('up', { job: { op: '==', value: 'x' } } as never)).toThrow(/label `job` must match a string/);
    expect(() => selector('up', { job: { op: '=~', value: 5 } } as never)).toThrow(/label `job` must match a string/);
    expect(() => selector('up', { job: 5 } as never)).toThrow(expect.objectContaining({ name: 'OptionsError' }));
  });

  it('builds literal regex alternatives', () => {
    expect(quoteRegex('a.b*c')).toBe('a\\.b\\*c');
    expect(anyOf(['payment.events', 'registry.household', 'payment.events'])).toBe('payment\\.events|registry\\.household');
    expect(by(['service', 'namespace', 'service'])).toBe('by (namespace, service) ');
    expect(by([])).toBe('');
  });
});

describeWithTool('promtool', 'escaped label values under promtool', () => {
  it('selects exactly the series whose label holds the hostile value', () => {
    const { dir, cleanup } = tempDir();
    try {
      const rules = join(dir, 'rules.yaml');
      writeFileSync(
        rules,
        renderYaml({
          groups: [
            {
              name: 'escaping',
              rules: hostile.map((value, i) => ({ record: `escaped:match${i}`, expr: `sum(${selector('lag', { topic: value })})` })),
            },
          ],
        }),
      );
      expect(promtool(['check', 'rules', rules]).status).toBe(0);
      const run = runPromtoolTest({
        rule_files: [rules],
        evaluation_interval: '1m',
        tests: [
          {
            interval: '1m',
            input_series: hostile.flatMap((value, i) => [
              { series: selector('lag', { topic: value }), values: `${i + 1}x5` },
              { series: selector('lag', { topic: `${value}-other` }), values: '1000x5' },
            ]),
            promql_expr_test: hostile.map((_, i) => ({ expr: `escaped:match${i}`, eval_time: '2m', exp_samples: [{ labels: `escaped:match${i}`, value: i + 1 }] })),
          },
        ],
      });
      expect(run.status, run.stdout + run.stderr).toBe(0);
    } finally {
      cleanup();
    }
  });
});
