import { it } from 'vitest';
import { service } from '../../src/authoring/service.ts';
import { errorRatio, slo } from '../../src/authoring/slo.ts';
import { runScenarios, series } from '../support/template-scenarios.ts';
import { describeWithTool } from '../support/tools.ts';

const checkout = service({ name: 'checkout', namespace: 'shop', team: 'payments' });
const perRoute = slo({
  service: checkout,
  name: 'availability',
  objective: 99.9,
  description: 'share of requests without a 5xx',
  by: ['route'],
  sli: errorRatio({ errors: 'http_requests_total{job="checkout",code=~"5.."}', total: 'http_requests_total{job="checkout"}' }),
});
const labels = { namespace: 'shop', service: 'checkout', slo: 'availability', team: 'payments' };

describeWithTool('promtool', 'SLO alert annotations as Prometheus expands them', () => {
  it('name an SLO kept per label without the labels its no-data alert does not carry', () => {
    runScenarios(
      [checkout, perRoute],
      [
        {
          name: 'no request was ever counted',
          input: [series('up{job="checkout"}', '1x30')],
          checks: [],
          alerts: [
            {
              eval_time: '15m',
              alertname: 'SLONoData',
              exp_alerts: [
                {
                  exp_labels: { ...labels, severity: 'warning' },
                  exp_annotations: {
                    summary: 'checkout availability SLO: no SLI data',
                    description:
                      'The SLI of the checkout availability SLO has returned no data for any route for 10m: the series it reads are missing (the service is down or not scraped, or a metric was renamed). Its burn-rate alerts cannot fire until data returns.',
                    dashboard_url: '/d/shop-checkout?viewPanel=100',
                    runbook_url: 'runbooks/SLONoData.md',
                  },
                },
              ],
            },
          ],
        },
      ],
    );
  });
});
