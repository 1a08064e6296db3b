import { it } from 'vitest';
import { errorRatio, latency, slo, type SloOptions } from '../../src/authoring/slo.ts';
import { labelMatchers } from '../../src/promql/selector.ts';
import { fires, runScenarios, series } from '../support/template-scenarios.ts';
import { testService } from '../support/definitions.ts';
import { describeWithTool } from '../support/tools.ts';

const svc = testService();

/** A 99 % SLO of requests faster than 0.25s, on a histogram declaring 0.1, 0.25 and 0.5. */
const latencySlo = () =>
  slo({
    service: svc,
    name: 'latency',
    objective: 99,
    sli: latency({ histogram: 'http_request_duration_seconds', matchers: { job: svc.name }, thresholdSeconds: 0.25, buckets: [0.1, 0.25, 0.5] }),
  });
const identity = { namespace: svc.namespace, service: svc.name, slo: 'availability' };
const requests = (code: string, values: string, route?: string) =>
  series(`http_requests_total${labelMatchers({ job: svc.name, namespace: svc.namespace, code, ...(route ? { route } : {}) })}`, values);
const recorded = (metric: string, at: string, value: number) => {
  const labels = labelMatchers(identity);
  return { expr: `${metric}${labels}`, eval_time: at, exp_samples: [{ labels: `${metric}${labels}`, value }] };
};

/** The availability SLO of `svc` at 99.9%, its errors the 5xx responses, with `options` added. */
const availability = (options: Partial<SloOptions> = {}) =>
  slo({
    service: svc,
    name: 'availability',
    objective: 99.9,
    sli: errorRatio({ errors: `http_requests_total{job="${svc.name}",code=~"5.."}`, total: `http_requests_total{job="${svc.name}"}` }),
    ...options,
  });

const noTicket = (at: string) => ({ expr: 'ALERTS{alertname="ErrorBudgetBurn",alertstate="firing",severity="warning"}', eval_time: at, exp_samples: [] });

describeWithTool('promtool', 'SLO recordings and alerts under promtool', () => {
  it('record no errors and a whole budget while no request has failed and no error series exists yet', () => {
    runScenarios(
      [svc, availability()],
      [
        {
          name: 'only successes',
          input: [requests('200', '0+600x200')],
          checks: [
            ...['5m', '1h', '6h', '30d'].map((window) => recorded(`slo:sli_error:ratio_rate${window}`, '120m', 0)),
            recorded('slo:error_budget_remaining:ratio', '120m', 1),
          ],
        },
        {
          name: 'then the first failures',
          input: [requests('200', '0+600x200'), requests('500', '_x100 0+60x100')],
          checks: [recorded('slo:sli_error:ratio_rate5m', '150m', 1 / 11)],
        },
      ],
    );
  });

  it('derive the ratio over the SLO window and the budget left from the 5m rates sampled in the budget group', () => {
    // One request in eight fails; an 87.5% objective leaves a budget of one in eight, so all of it is spent (binary-exact values).
    const spent = availability({ objective: 87.5, alerting: { page: false, ticket: false } });
    runScenarios(
      [svc, spent],
      [
        {
          name: 'a steady share of failures',
          input: [requests('200', '0+525x200'), requests('500', '0+75x200')],
          checks: [
            recorded('slo:sli_error:rate5m_sampled', '120m', 1.25),
            recorded('slo:sli_total:rate5m_sampled', '120m', 10),
            recorded('slo:sli_error:ratio_rate30d', '120m', 0.125),
            recorded('slo:error_budget_remaining:ratio', '120m', 0),
          ],
        },
      ],
    );
  });

  it('weigh a window derived from less history than its length by the share recorded, so a blip just after deploying does not fire its pair', () => {
    // The ticket pair's 6h and 30m windows are derived from the 5m rates, which begin with the SLO.
    const fresh = availability({
      alerting: { page: { windows: [{ long: '1h', short: '5m', factor: 14.4 }] }, ticket: { windows: [{ long: '6h', short: '30m', factor: 6 }] } },
    });
    runScenarios(
      [svc, fresh],
      [
        {
          // 5% errors for 10 minutes: 0.14% of the first 6h, not the 0.6% the pair needs.
          name: 'a blip in the first hour',
          input: [requests('200', '0+600x600'), requests('500', '0x20 0+30x10 300x570')],
          checks: ['31m', '35m', '45m'].map(noTicket),
        },
        {
          // 1% errors from the start spend 5% of the budget (6 × 0.1% over 6h) in 3h36m.
          name: 'a steady burn from the start',
          input: [requests('200', '0+594x600'), requests('500', '0+6x600')],
          checks: [
            noTicket('3h30m'),
            fires('ErrorBudgetBurn', '3h45m', { severity: 'warning' }),
          ],
        },
      ],
    );
  });

  it('keep when the 5m rates began across a gap in evaluations longer than the lookback, as a restarted Prometheus leaves', () => {
    // Rules evaluated every 6 minutes: each evaluation follows a gap the 5m lookback cannot bridge,
    // yet the windows still hold every 5m rate recorded before it.
    runScenarios(
      [svc, availability()],
      [
        {
          // 0.8% errors from the start burn the budget 8×: the 6h pair (6×) pages after 4h30m.
          name: 'a steady 8× burn',
          input: [requests('200', '0+992x400'), requests('500', '0+8x400')],
          checks: [recorded('slo:recorded_since:timestamp', '6h', 360), fires('ErrorBudgetBurn', '6h', { severity: 'critical' })],
        },
      ],
      '1m',
      '6m',
    );
  });

  it('fire the no-data alert, not a clean record, for a latency SLI whose threshold is not one of the buckets the service exposes', () => {
    const speed = latencySlo();
    const histogram = (suffix: string, values: string, le?: string) =>
      series(`http_request_duration_seconds_${suffix}${labelMatchers({ job: svc.name, namespace: svc.namespace, ...(le ? { le } : {}) })}`, values);
    runScenarios(
      [svc, speed],
      [
        {
          // The service's buckets are 0.3s and +Inf, and every request takes longer than 0.3s.
          name: 'every request slow, no 0.25s bucket',
          input: [histogram('bucket', '0x120', '0.3'), histogram('bucket', '0+600x120', '+Inf'), histogram('count', '0+600x120')],
          checks: [fires('SLONoData', '60m', { slo: 'latency' })],
        },
      ],
    );
  });

  it('do not page for a latency SLI while a rollout changes the buckets: only the pods with the threshold bucket are judged', () => {
    const speed = latencySlo();
    const histogram = (pod: string, suffix: string, le?: string) =>
      series(`http_request_duration_seconds_${suffix}${labelMatchers({ job: svc.name, namespace: svc.namespace, pod, ...(le ? { le } : {}) })}`, '0+600x120');
    // Every request takes under 0.1s; the new version declares 0.1 0.3 1 instead of 0.1 0.25 0.5.
    const pod = (name: string, boundaries: string[]) => [...boundaries.map((le) => histogram(name, 'bucket', le)), histogram(name, 'bucket', '+Inf'), histogram(name, 'count')];
    runScenarios(
      [svc, speed],
      [
        {
          name: 'half the pods on new buckets',
          input: [...pod('old', ['0.1', '0.25', '0.5']), ...pod('new', ['0.1', '0.3', '1'])],
          checks: [{ expr: 'ALERTS{alertstate="firing"}', eval_time: '90m', exp_samples: [] }],
        },
      ],
    );
  });

  it('record no errors for a group of an SLO by label whose requests have not failed, beside one whose have', () => {
    const byRoute = availability({ by: ['route'] });
    runScenarios(
      [svc, byRoute],
      [
        {
          name: 'one route fails, one does not',
          input: [requests('200', '0+600x200', '/pay'), requests('200', '0+600x200', '/cart'), requests('500', '0+60x200', '/pay')],
          checks: [
            {
              expr: 'slo:sli_error:ratio_rate5m',
              eval_time: '120m',
              exp_samples: [
                { labels: `slo:sli_error:ratio_rate5m${labelMatchers({ ...identity, route: '/cart' })}`, value: 0 },
                { labels: `slo:sli_error:ratio_rate5m${labelMatchers({ ...identity, route: '/pay' })}`, value: 1 / 11 },
              ],
            },
          ],
        },
      ],
    );
  });

  it('record the budget left of each group of an SLO by label, which its dashboard and the overview show', () => {
    const byRoute = availability({ by: ['route'] });
    runScenarios(
      [svc, byRoute],
      [
        {
          name: 'no request fails',
          input: [requests('200', '0+600x200', '/pay'), requests('200', '0+600x200', '/cart')],
          checks: [
            {
              expr: 'slo:error_budget_remaining:ratio',
              eval_time: '120m',
              exp_samples: ['/cart', '/pay'].map((route) => ({ labels: `slo:error_budget_remaining:ratio${labelMatchers({ ...identity, route })}`, value: 1 })),
            },
          ],
        },
      ],
    );
  });
});
