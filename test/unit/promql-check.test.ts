import { describe, expect, it } from 'vitest';
import { checkPromql } from '../../src/promql/check.ts';
import { shapeOf } from '../../src/promql/literals.ts';

describe('checkPromql', () => {
  it.each([
    'up == 0',
    'sum by (namespace) (rate(http_requests_total{code=~"5.."}[5m])) / sum by (namespace) (rate(http_requests_total[5m])) > 0.05',
    'histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m]))) > 0.5',
    'absent_over_time(up{job="a"}[10m])',
    'deriv(sum(kafka_consumergroup_lag)[30m:1m]) > 0',
    'max_over_time(x[5m] offset 1h)',
    'x @ 100 offset 5m',
    'rate(x[5m] offset 1m @ 100)',
    'max_over_time(rate(x[5m])[10m:] @ 100)',
    'max_over_time((x offset 5m)[10m:])',
    'rate(x[5m]) + y offset 5m',
    '(x unless y offset 5m @ 100)',
    '-x offset 5m',
    'a\n/\nb\n> 1',
    'up{job=~".*"} > 0',
    '{__name__=~".+"} > 0',
    '{job=~".+"} > 0',
    'up offset -5m',
    'rate(up[5m:])',
    'rate(up[106751d23h47m16s854ms])',
    'up{job=~"(?i)checkout|cart"}',
  ])('accepts %s', (expr) => expect(checkPromql(expr)).toEqual([]));

  it.each([
    ['sum(rate(x[5m])', 'unexpected end of expression', 15],
    ['rate(x[5m]) >', 'unexpected end of expression', 13],
    ['foo bar', 'unexpected `bar`', 4],
    ['x{a="b}', 'unexpected end of expression', 7],
    ['rate(x[5x])', 'unexpected `x`', 8],
    ['rate(x)', 'expected type matrix in call to function "rate", got vector', 5],
    ['1 > 2', 'comparisons between scalars must use BOOL modifier', 0],
    ['{a=""}', 'vector selector must contain at least one non-empty matcher', 0],
    ['', 'empty expression', 0],
    ['{job=~".*"} > 0', 'vector selector must contain at least one non-empty matcher', 0],
    ['{__name__=~".*"}', 'vector selector must contain at least one non-empty matcher', 0],
    ['{job!~"x",a=""}', 'vector selector must contain at least one non-empty matcher', 0],
    ['up{job=~"("} > 0', '`job=~"("`: error parsing regexp: missing closing )', 3],
    ['up{job!~"a**"}', 'invalid nested repetition operator', 3],
    ['rate(up[0s]) > 0', 'the duration `0s` must be longer than zero', 8],
    ['up offset 0s', 'the duration `0s` must be longer than zero', 10],
    ['rate(up[5m:0s])', 'the duration `0s` must be longer than zero', 11],
    ['rate(up[300y]) > 0', 'the duration `300y` is longer than Prometheus can hold', 8],
    ['up offset -300y', 'the duration `300y` is longer than Prometheus can hold', 11],
    ['rate(up[106751d23h47m16s855ms])', 'longer than Prometheus can hold', 8],
    ['rate(up[1m+1m])', '`1m+1m` is an expression, not a duration', 8],
    ['rate(up[(5m)])', '`(5m)` is an expression, not a duration', 8],
    ['rate(up[5m:step()])', '`step()` is an expression, not a duration', 11],
    ['rate(up[300])', '`300` is not a duration', 8],
    ['max_over_time(x[5m]) offset 1h', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery: move `offset 1h` inside', 21],
    ['sum(rate(x[5m])) offset 1w', 'offset modifier must be preceded by', 17],
    ['rate(x[5m]) @ end()', '@ modifier must be preceded by', 12],
    ['rate(x offset 5m [5m])', 'no offset modifiers allowed before range', 5],
    ['rate(x @ 100 [5m])', 'no @ modifiers allowed before range', 5],
    ['rate((x)[5m])', 'ranges only allowed for vector selectors', 5],
    ['x offset 5m offset 1m', 'offset may not be set multiple times', 12],
    ['x + (y offset 1m) offset 2m', 'offset modifier must be preceded by', 18],
    ['sort_by_label(up, "job")', '`sort_by_label` is experimental: Prometheus refuses it unless it runs with --enable-feature=promql-experimental-functions', 0],
    ['mad_over_time(x[10m]) > 3', '`mad_over_time` is experimental', 0],
    ['sum(limitk(2, x)) > 1', '`limitk` is experimental', 4],
    ['x @ 100 offset 5m @ 200', '@ <timestamp> may not be set multiple times', 18],
  ])('reports %j: %s at %d', (expr, message, from) => {
    const [problem] = checkPromql(expr);
    expect(problem?.message).toContain(message);
    expect(problem?.from).toBe(from);
  });

  it('never lets a cached verdict hide a problem that depends on a literal', () => {
    expect(checkPromql('x{a="value"} > 1')).toEqual([]);
    expect(checkPromql('{a="value"} > 1')).toEqual([]);
    expect(checkPromql('{a=""} > 1')).not.toEqual([]);
    expect(checkPromql('{a=~".+"} > 1')).toEqual([]);
    expect(checkPromql('{a=~".*"} > 1')).not.toEqual([]);
    expect(checkPromql('x{a=~"("} > 1')).not.toEqual([]);
  });

  it('reports every invalid regex of an expression', () => {
    expect(checkPromql('up{a=~"(",b="x",c!~"["}').map((p) => p.from)).toEqual([3, 16]);
  });

  it('reduces literals to their shape', () => {
    expect(shapeOf('x{a="one",b=~"t.*",c!=""}')).toBe('x{a="x",b=~"x",c!=""}');
    expect(shapeOf('x{a="unterminated}')).toBeUndefined();
    expect(shapeOf('x # "comment"')).toBeUndefined();
  });
});
