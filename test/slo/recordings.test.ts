import { it } from 'vitest';
import { errorRatio, slo } from '../../src/authoring/slo.ts';
import { labelMatchers } from '../../src/promql/selector.ts';
import { runScenarios, series } from '../support/template-scenarios.ts';
import { testService } from '../support/definitions.ts';
import { describeWithTool } from '../support/tools.ts';

const svc = testService();
const identity = { namespace: svc.namespace, service: svc.name, slo: 'availability' };
const requests = (code: string, values: string, route?: string) =>
  series(`http_requests_total${labelMatchers({ job: svc.name, namespace: svc.namespace, code, ...(route ? { route } : {}) })}`, values);
const recorded = (metric: string, at: string, value: number) => {
  const labels = labelMatchers(identity);
  return { expr: `${metric}${labels}`, eval_time: at, exp_samples: [{ labels: `${metric}${labels}`, value }] };
};

describeWithTool('promtool', 'SLO recordings under promtool', () => {
  it('record no errors and a whole budget while no request has failed and no error series exists yet', () => {
    const availability = slo({
      service: svc,
      name: 'availability',
      objective: 99.9,
      sli: errorRatio({ errors: `http_requests_total{job="${svc.name}",code=~"5.."}`, total: `http_requests_total{job="${svc.name}"}` }),
    });
    runScenarios(
      [svc, availability],
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

  it('record no errors for a group of an SLO by label whose requests have not failed, beside one whose have', () => {
    const byRoute = slo({
      service: svc,
      name: 'availability',
      objective: 99.9,
      by: ['route'],
      sli: errorRatio({ errors: `http_requests_total{job="${svc.name}",code=~"5.."}`, total: `http_requests_total{job="${svc.name}"}` }),
    });
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
});
