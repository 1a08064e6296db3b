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
const requests = (route: string, code: string, perMinute: number) =>
  series(`http_requests_total{job="checkout",route="${route}",code="${code}"}`, `0+${perMinute}x300`);
const burning = (route: string, percent: string, tiers: string) =>
  `The checkout availability (route ${route}) SLO promises 99.9% over 30d (share of requests without a 5xx), an error budget of 0.1% bad events. Recently ${percent} of events were bad, burning the budget at least ${tiers}`;
const slowTiers =
  '3× over 1d (10% of the budget in 1d; all of it in 10d), or 1× over 3d (10% of the budget in 3d; all of it in 30d). Not an emergency, but at this pace the SLO will be missed: plan a fix.';
const fastTiers =
  '14.4× over 1h (2% of the budget in 1h; all of it in 2d2h), or 6× over 6h (5% of the budget in 6h; all of it in 5d). Act now: users are affected and the budget will not last.';

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

  it('show the share of bad events of each route paged, also while a window is still filling', () => {
    runScenarios(
      [checkout, perRoute],
      [
        {
          // From the SLO's first evaluation on, 1% of /pay's and 2% of /cart's requests fail: after 4h
          // (of the 6h window) both page through the 6h pair, and /cart opens a ticket through the
          // 1d pair (of which 4h are recorded); /search is healthy.
          name: 'two routes burning since the SLO was deployed',
          input: [requests('/pay', '200', 990), requests('/pay', '500', 10), requests('/cart', '200', 980), requests('/cart', '500', 20), requests('/search', '200', 1000)],
          checks: [],
          alerts: [
            {
              eval_time: '4h',
              alertname: 'ErrorBudgetBurn',
              exp_alerts: [
                { route: '/cart', percent: '2%', severity: 'critical', speed: 'fast', tiers: fastTiers },
                { route: '/cart', percent: '2%', severity: 'warning', speed: 'slowly but steadily', tiers: slowTiers },
                { route: '/pay', percent: '1%', severity: 'critical', speed: 'fast', tiers: fastTiers },
              ].map(({ route, percent, severity, speed, tiers }) => ({
                exp_labels: { ...labels, route, severity },
                exp_annotations: {
                  summary: `checkout availability (route ${route}) SLO: the error budget is burning ${speed}`,
                  description: burning(route, percent, tiers),
                  dashboard_url: '/d/shop-checkout?viewPanel=100',
                  runbook_url: 'runbooks/ErrorBudgetBurn.md',
                },
              })),
            },
          ],
        },
      ],
    );
  });
});
