import { describe, expect, it } from 'vitest';
import { drillAlertmanagerConfig } from '../../src/drill/alertmanager-config.ts';
import { compressDuration, compressExpr, compressRuleFile } from '../../src/drill/compress.ts';

describe('drill time compression', () => {
  it('divides every duration literal of an expression, and nothing else', () => {
    expect(compressExpr('rate(x_total{le="5m"}[5m]) offset 1h > 3600', 30)).toBe('rate(x_total{le="5m"}[10s]) offset 2m > 3600');
    expect(compressExpr('deriv((sum(x))[15m:1m]) * 3600', 30)).toBe('deriv((sum(x))[30s:2s]) * 3600');
    expect(compressExpr('avg_over_time(slo:sli_error:ratio_rate5m[30d])', 30)).toBe('avg_over_time(slo:sli_error:ratio_rate5m[1d])');
    expect(compressDuration('1h30m', 60)).toBe('1m30s');
    expect(compressDuration('45s', 30)).toBe('1s500ms');
  });

  it('compresses a rule file: expressions, for, keep_firing_for and group intervals', () => {
    const file = { groups: [{ name: 'g', interval: '1m', rules: [{ alert: 'A', expr: 'x[5m] > 1', for: '10m', keep_firing_for: '15m', labels: { window: '5m' } }] }] };
    expect(compressRuleFile(file, 30)).toEqual({
      groups: [{ name: 'g', interval: '2s', rules: [{ alert: 'A', expr: 'x[10s] > 1', for: '20s', keep_firing_for: '30s', labels: { window: '5m' } }] }],
    });
  });
});

describe('the drill copy of alertmanager.yml', () => {
  const generated = {
    global: { resolve_timeout: '5m', slack_api_url_file: '/secret' },
    route: {
      receiver: 'slack',
      routes: [
        { receiver: 'pager', matchers: ['severity="critical"'], continue: true, group_wait: '10s' },
        { receiver: 'tickets', matchers: ['severity="warning"'], active_time_intervals: ['business-hours'] },
        { receiver: 'null', matchers: ['severity="info"'] },
      ],
    },
    receivers: [{ name: 'slack', slack_configs: [{}] }, { name: 'pager', pagerduty_configs: [{}] }, { name: 'tickets', email_configs: [{}] }, { name: 'null' }],
    inhibit_rules: [{ source_matchers: ['severity="critical"'], target_matchers: ['severity="warning"'], equal: ['alertname'] }],
    time_intervals: [{ name: 'business-hours', time_intervals: [{ weekdays: ['monday:friday'] }] }],
  };

  it('keeps the tree and inhibitions, sends every real receiver to the sink, leaves a null receiver silent', () => {
    const { config, dropped } = drillAlertmanagerConfig(generated, 'http://127.0.0.1:9', 30);
    expect(config.receivers).toEqual([
      { name: 'slack', webhook_configs: [{ url: 'http://127.0.0.1:9/slack', send_resolved: true }] },
      { name: 'pager', webhook_configs: [{ url: 'http://127.0.0.1:9/pager', send_resolved: true }] },
      { name: 'tickets', webhook_configs: [{ url: 'http://127.0.0.1:9/tickets', send_resolved: true }] },
      { name: 'null' },
    ]);
    expect(config.inhibit_rules).toEqual(generated.inhibit_rules);
    expect(config.global).toEqual({ resolve_timeout: '10s' });
    expect(config.time_intervals).toBeUndefined();
    expect(dropped).toEqual(['active_time_intervals business-hours on the route to tickets']);
  });

  it('compresses the timings, spelling out the root defaults', () => {
    const { route } = drillAlertmanagerConfig(generated, 'http://127.0.0.1:9', 30).config;
    expect([route.group_wait, route.group_interval, route.repeat_interval]).toEqual(['1s', '10s', '8m']);
    expect(route.routes!.map((r) => [r.receiver, r.group_wait, r.active_time_intervals])).toEqual([
      ['pager', '333ms', undefined],
      ['tickets', undefined, undefined],
      ['null', undefined, undefined],
    ]);
  });
});

describe('the drill copy of the dashboards panel queries', () => {
  it('resolves variables as Grafana does: one view per value of a repeated row, regex-escaped, the saved namespace, compressed durations', async () => {
    const { panelQueries } = await import('../../src/drill/panels.ts');
    const { compiledExample } = await import('../support/example.ts');
    const queries = panelQueries((await compiledExample()).result.ir, 30);
    const arrivals = queries.filter((q) => q.dashboard === 'vigil-dead-letters' && q.title.endsWith('arrivals (messages/s)'));
    expect(arrivals.map((q) => [q.title, q.expr])).toEqual(
      ['eligibility.assessed.dlq', 'payment.events.dlq', 'registry.household.dlq'].map((topic) => [
        `${topic}: arrivals (messages/s)`,
        `sum by (dlq_topic) (rate(dlq_messages_published_total{dlq_topic=~"${topic.replaceAll('.', '\\\\.')}"}[10s]))`,
      ]),
    );
    const budget = queries.find((q) => q.dashboard === 'dsrs-registry' && q.title === 'availability: error budget left (30d)');
    expect(budget?.expr).toBe('slo:error_budget_remaining:ratio{namespace="dsrs",service="registry",slo="availability"}');
    expect(queries.every((q) => !/\$(?!1")/.test(q.expr))).toBe(true);
  });
});
