import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../src/util/duration.ts';

describe('durations', () => {
  it.each([
    ['0', 0],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h30m', 5_400_000],
    ['30d', 2_592_000_000],
    ['2w', 1_209_600_000],
    ['1y', 31_536_000_000],
    ['1500ms', 1500],
    ['1d2h3m4s5ms', 93_784_005],
  ])('parses %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '5', '5x', '1m1h', '-5m', '1.5h', ' 5m', '5m ', 'm', '99999999999999999999y', 'NaN'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
    expect(parseDuration(text), 'read again').toBeUndefined();
  });

  it.each([
    [0, '0s'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [2_592_000_000, '30d'],
    [93_784_005, '1d2h3m4s5ms'],
  ])('formats %d as %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});
