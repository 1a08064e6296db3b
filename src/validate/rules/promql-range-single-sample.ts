import { formatDuration } from '../../util/duration.ts';
import { minScrapes, needsTwoSamples, rangeSelectors, shortRangeOf } from '../range-selectors.ts';
import { lintAt, parsedRules, type LintRule, rulePath } from '../rule.ts';

export const promqlRangeSingleSample: LintRule = {
  id: 'promql-range-single-sample',
  description: 'rate(), increase() and the other functions that compare two samples read a range of at least two scrape intervals of the job they read.',
  severity: 'error',
  why: 'These functions return nothing for a series with fewer than two samples in the range. A range of at most one scrape interval practically never holds two; one shorter than two intervals holds them only at some evaluations, so the result comes and goes and an alert with a `for` hardly ever fires. The interval is that of the job the selector names (its `job` matcher, and `namespace` when given) among the services of the project; a selector of a job vigil does not scrape, or of no job, is not judged.',
  valid: [
    { expr: 'rate(http_requests_total{job="checkout"}[1m]) > 1' },
    { expr: 'max_over_time(queue_depth{job="checkout"}[30s]) > 100' },
    { expr: 'rate(kafka_consumergroup_lag{job="kafka-exporter"}[30s]) > 1' },
  ],
  invalid: [
    { expr: 'rate(http_requests_total{job="checkout"}[45s]) > 1' },
    { expr: 'increase(http_requests_total{job="checkout"}[20s]) > 1' },
    { expr: 'deriv(queue_depth{job="checkout"}[5m]) > 0', interval: '5m' },
  ],
  check(ir) {
    return parsedRules(ir).flatMap(({ rule, ast }) => {
      if (ast.broken) return [];
      return rangeSelectors(ast).flatMap((selector) => {
        // Up to one interval the range (practically) never holds two samples, below two only at some evaluations.
        const scraped = needsTwoSamples(selector) ? shortRangeOf(ir, ast, selector, 2) : undefined;
        if (!scraped) return [];
        const when = selector.range! <= scraped.interval ? 'never returns anything' : 'returns nothing at some evaluations';
        return [
          lintAt(this, rule.location, `${selector.fn}() needs two samples, and [${selector.text}] holds fewer than two scrapes of job "${scraped.job}" (every ${formatDuration(scraped.interval)}): it ${when}`, {
            path: `${rulePath(rule)} > expr`,
            excerpt: { text: rule.expr, ...ast.span(selector.matrix) },
            hint: `use at least [${formatDuration(minScrapes * scraped.interval)}], ${minScrapes} scrapes, so that a missed one does not matter`,
          }),
        ];
      });
    });
  },
};
