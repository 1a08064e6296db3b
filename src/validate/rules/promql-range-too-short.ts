import { formatDuration } from '../../util/duration.ts';
import { needsTwoSamples, rangeSelectors, scrapesWanted, shortRangeOf } from '../range-selectors.ts';
import { lintAt, parsedRules, type LintRule, rulePath } from '../rule.ts';

export const promqlRangeTooShort: LintRule = {
  id: 'promql-range-too-short',
  description: 'A range selector covers at least four scrape intervals of the job it reads (two for last_over_time, absent_over_time and present_over_time).',
  severity: 'warning',
  why: 'rate() needs two samples in the range. With a range of two scrape intervals one missed or late scrape leaves one sample, the series disappears, and the alert resolves (and fires again) for no reason. Four intervals ride out a missed scrape. last_over_time(), absent_over_time() and present_over_time() need one sample, so two intervals do. The interval is that of the job the selector names (its `job` matcher, and `namespace` when given) among the services of the project; a selector of a job vigil does not scrape, or of no job, is not judged. A rate() over fewer than two intervals is `promql-range-single-sample`\'s error instead.',
  valid: [
    { expr: 'rate(http_requests_total{job="checkout"}[2m]) > 1' },
    { expr: 'rate(http_requests_total{job="checkout",namespace="shop"}[5m]) > 1' },
    { expr: 'last_over_time(queue_depth{job="checkout"}[1m]) > 100' },
    { expr: 'max_over_time(kafka_consumergroup_lag{job="kafka-exporter"}[30s]) > 100' },
    { expr: 'max_over_time(kafka_consumergroup_lag{job="kafka-exporter"}[10m]) > 100', interval: '5m' },
  ],
  invalid: [
    { expr: 'rate(http_requests_total{job="checkout"}[90s]) > 1' },
    { expr: 'max_over_time(queue_depth{job="checkout"}[30s]) > 100' },
    { expr: 'last_over_time(queue_depth{job="checkout"}[30s]) > 100' },
    { expr: 'max_over_time(queue_depth{job="checkout"}[10m]) > 100', interval: '5m' },
  ],
  check(ir) {
    return parsedRules(ir).flatMap(({ rule, ast }) => {
      if (ast.broken) return [];
      return rangeSelectors(ast).flatMap((selector) => {
        const scrapes = scrapesWanted(selector);
        const scraped = shortRangeOf(ir, ast, selector, scrapes);
        // Under two intervals, promql-range-single-sample reports it as an error.
        if (!scraped || (needsTwoSamples(selector) && selector.range! < 2 * scraped.interval)) return [];
        return [
          lintAt(this, rule.location, `range [${selector.text}] holds fewer than ${scrapes} scrapes of job "${scraped.job}", scraped every ${formatDuration(scraped.interval)}`, {
            path: `${rulePath(rule)} > expr`,
            excerpt: { text: rule.expr, ...ast.span(selector.matrix) },
            hint: `use at least [${formatDuration(scrapes * scraped.interval)}]`,
          }),
        ];
      });
    });
  },
};
