import type { SyntaxNode } from '@lezer/common';
import type { PromqlAst } from '../../promql/ast.ts';
import { formatDuration, parseDuration } from '../../util/duration.ts';
import { lintAt, parsedRules, type LintRule, rulePath } from '../rule.ts';

/** A range must hold at least this many scrapes for rate() and friends to survive a missed one. */
const minScrapes = 4;
/** Functions that need one sample in the range, not two: for them two scrapes ride out a missed one. */
const oneSample = new Set(['LastOverTime', 'AbsentOverTime', 'PresentOverTime']);

export const promqlRangeTooShort: LintRule = {
  id: 'promql-range-too-short',
  description: 'A range selector covers at least four scrape intervals of the service (two for last_over_time, absent_over_time and present_over_time).',
  severity: 'warning',
  why: 'rate() needs two samples in the range. With a range of two scrape intervals one missed or late scrape leaves one sample, the series disappears, and the alert resolves (and fires again) for no reason. Four intervals ride out a missed scrape. last_over_time(), absent_over_time() and present_over_time() need one sample, so two intervals do.',
  valid: [{ expr: 'rate(http_requests_total[2m]) > 1' }, { expr: 'rate(http_requests_total[5m]) > 1' }, { expr: 'last_over_time(queue_depth[1m]) > 100' }],
  invalid: [{ expr: 'rate(http_requests_total[1m]) > 1' }, { expr: 'max_over_time(queue_depth[30s]) > 100' }, { expr: 'last_over_time(queue_depth[30s]) > 100' }],
  check(ir) {
    const intervals = new Map(ir.services.map((s) => [s.id, parseDuration(s.interval)]));
    return parsedRules(ir).flatMap(({ rule, ast }) => {
      const interval = intervals.get(rule.serviceId);
      if (!interval) return [];
      if (ast.broken) return [];
      return ast.perShape(this.id, ranges).flatMap(({ matrix, text, range, scrapes }) => {
        if (range === undefined || range >= scrapes * interval) return [];
        return [
          lintAt(this, rule.location, `range [${text}] holds fewer than ${scrapes} scrapes at the service's ${formatDuration(interval)} interval`, {
            path: `${rulePath(rule)} > expr`,
            excerpt: { text: rule.expr, ...ast.span(matrix) },
            hint: `use at least [${formatDuration(scrapes * interval)}]`,
          }),
        ];
      });
    });
  },
};

/** Every range selector with its range as written and in milliseconds, and the scrapes it must hold. */
function ranges(ast: PromqlAst): { matrix: SyntaxNode; text: string; range: number | undefined; scrapes: number }[] {
  return ast.nodes('MatrixSelector').map((matrix) => {
    const duration = matrix.getChild('DurationExpr');
    const text = duration ? ast.text(duration) : '';
    return { matrix, text, range: parseDuration(text), scrapes: oneSample.has(calledBy(matrix) ?? '') ? 2 : minScrapes };
  });
}

/** The function a range selector is the argument of (`Rate`, `LastOverTime`, ...), if any. */
function calledBy(matrix: SyntaxNode): string | undefined {
  const body = matrix.parent?.name === 'OffsetExpr' ? matrix.parent.parent : matrix.parent;
  if (body?.name !== 'FunctionCallBody') return undefined;
  return body.parent?.getChild('FunctionIdentifier')?.firstChild?.name;
}
