import type { SyntaxNode } from '@lezer/common';
import type { PromqlAst } from '../../promql/ast.ts';
import { formatDuration, parseDuration } from '../../util/duration.ts';
import { lintAt, parsedRules, type LintRule, rulePath } from '../rule.ts';

/** A range must hold at least this many scrapes for rate() and friends to survive a missed one. */
const minScrapes = 4;

export const promqlRangeTooShort: LintRule = {
  id: 'promql-range-too-short',
  description: 'A range selector covers at least four scrape intervals of the service.',
  severity: 'warning',
  why: 'rate() needs two samples in the range. With a range of two scrape intervals one missed or late scrape leaves one sample, the series disappears, and the alert resolves (and fires again) for no reason. Four intervals ride out a missed scrape.',
  valid: [{ expr: 'rate(http_requests_total[2m]) > 1' }, { expr: 'rate(http_requests_total[5m]) > 1' }],
  invalid: [{ expr: 'rate(http_requests_total[1m]) > 1' }, { expr: 'max_over_time(queue_depth[30s]) > 100' }],
  check(ir) {
    const intervals = new Map(ir.services.map((s) => [s.id, parseDuration(s.interval)]));
    return parsedRules(ir).flatMap(({ rule, ast }) => {
      const interval = intervals.get(rule.serviceId);
      if (!interval) return [];
      if (ast.broken) return [];
      return ast.perShape(this.id, ranges).flatMap(({ matrix, text, range }) => {
        if (range === undefined || range >= minScrapes * interval) return [];
        return [
          lintAt(this, rule.location, `range [${text}] holds fewer than ${minScrapes} scrapes at the service's ${formatDuration(interval)} interval`, {
            path: `${rulePath(rule)} > expr`,
            excerpt: { text: rule.expr, ...ast.span(matrix) },
            hint: `use at least [${formatDuration(minScrapes * interval)}]`,
          }),
        ];
      });
    });
  },
};

/** Every range selector with its range as written and in milliseconds. */
function ranges(ast: PromqlAst): { matrix: SyntaxNode; text: string; range: number | undefined }[] {
  return ast.nodes('MatrixSelector').map((matrix) => {
    const duration = matrix.getChild('DurationExpr');
    const text = duration ? ast.text(duration) : '';
    return { matrix, text, range: parseDuration(text) };
  });
}
