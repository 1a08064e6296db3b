import { allRules, lintAt, rulePath, type LintRule } from '../rule.ts';

const levelMetricOperations = /^[a-zA-Z_][a-zA-Z0-9_]*:[a-zA-Z_][a-zA-Z0-9_:]*:[a-zA-Z0-9_]+$/;

export const recordName: LintRule = {
  id: 'record-name',
  description: 'Recording rules are named `level:metric:operations`, as Prometheus recommends.',
  severity: 'warning',
  why: 'The level says which labels survive the aggregation, the metric what is measured, the operations what was done to it (`job:http_requests:rate5m`). Anyone reading an expression can tell a recording from a scraped metric and know what it holds.',
  valid: [{ expr: 'sum by (job) (rate(http_requests_total[5m]))', record: 'job:http_requests:rate5m' }],
  invalid: [{ expr: 'sum by (job) (rate(http_requests_total[5m]))', record: 'http_requests_rate5m' }, { expr: 'sum(rate(http_requests_total[5m]))', record: 'job:http_requests' }],
  check(ir) {
    return allRules(ir).flatMap((rule) =>
      rule.type === 'record' && !levelMetricOperations.test(rule.name)
        ? [
            lintAt(this, rule.location, `recording rule \`${rule.name}\` is not named level:metric:operations`, {
              path: `${rulePath(rule)} > name`,
              hint: 'e.g. `job:http_requests:rate5m`: aggregation level, metric, operations',
            }),
          ]
        : [],
    );
  },
};
