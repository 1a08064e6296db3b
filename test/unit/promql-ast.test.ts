import { describe, expect, it } from 'vitest';
import { PromqlAst } from '../../src/promql/ast.ts';
import { metricNames } from '../../src/promql/metrics.ts';

describe('PromqlAst shares one parse between expressions of one shape', () => {
  const short = new PromqlAst('sum(rate(x_total{job="a",code=~"5.."}[5m])) / sum(rate(x_total{job="a"}[5m]))');
  const long = new PromqlAst('sum(rate(x_total{job="a-much-longer-name",code=~"5.."}[5m])) / sum(rate(x_total{job="a-much-longer-name"}[5m]))');

  it('parses the shape once', () => {
    expect(long.tree).toBe(short.tree);
  });

  it('gives each node its own place and text in its own expression', () => {
    const matchers = (ast: PromqlAst) => ast.nodes('UnquotedLabelMatcher').map((m) => ast.text(m));
    expect(matchers(short)).toEqual(['job="a"', 'code=~"5.."', 'job="a"']);
    expect(matchers(long)).toEqual(['job="a-much-longer-name"', 'code=~"5.."', 'job="a-much-longer-name"']);
    const ranges = long.nodes('MatrixSelector').map((m) => long.span(m));
    expect(ranges.map(({ from, to }) => long.expr.slice(from, to))).toEqual([
      'x_total{job="a-much-longer-name",code=~"5.."}[5m]',
      'x_total{job="a-much-longer-name"}[5m]',
    ]);
  });

  it('parses an expression it cannot split into literals as it is', () => {
    const commented = new PromqlAst('up{job="a"} == 0 # "unbalanced');
    expect(commented.broken).toBe(false);
    expect(commented.nodes('StringLiteral').map((n) => commented.text(n))).toEqual(['"a"']);
  });

  it('names the metrics of an expression, including ones with escaped quotes around them', () => {
    expect(metricNames('a_total{l="x\\"y"} / on() b{m=\'z\'} + a_total')).toEqual(['a_total', 'b']);
  });
});
