import { expect, it } from 'vitest';
import { counterValues } from '../../src/promtool/series-values.ts';
import { exact } from '../../src/util/decimal.ts';

it('writes counters in expanding notation with exact decimals', () => {
  expect(counterValues([{ steps: 3, increment: exact(10) }])).toBe('0 10+10x2');
  expect(counterValues([{ steps: 2, increment: exact('0.1') }, { steps: 0, increment: exact(5) }, { steps: 3, increment: exact(0) }])).toBe(
    '0 0.1+0.1x1 0.2+0x2',
  );
  expect(counterValues([])).toBe('0');
});
