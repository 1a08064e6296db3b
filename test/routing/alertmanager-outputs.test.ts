import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { email, opsgenie, pagerduty, slack, webhook } from '../../src/authoring/receivers.ts';
import { routing, type RoutingOptions } from '../../src/authoring/routing.ts';
import { secretKey } from '../../src/authoring/secret.ts';
import { service } from '../../src/authoring/service.ts';
import { timeInterval } from '../../src/authoring/time-interval.ts';
import { paths } from '../../src/naming.ts';
import { re } from '../../src/promql/selector.ts';
import { renderBundle } from '../../src/render/render.ts';
import { compileDefinitions, testAlert } from '../support/definitions.ts';
import { alertsChannel, amtool, compileWithRouting, pager, writeAlertmanagerConfig } from '../support/routing.ts';
import { notificationData, renderNotificationTemplate, type NotifiedAlert } from '../support/notification.ts';
import { describeWithTool, tempDir } from '../support/tools.ts';

const businessHours = timeInterval('business-hours', { weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }] });
const holidays = timeInterval('holidays', { months: ['december'], daysOfMonth: [[24, 26], 31] }, { months: ['january'], daysOfMonth: [1], years: [[2025, 2030]] });

/** Every receiver type Alertmanager 0.25 can feed from files, and every route feature. */
const everything: RoutingOptions = {
  receiver: slack({ name: 'slack-alerts', channel: '#alerts', apiUrl: secretKey('alertmanager-slack', 'webhook-url'), sendResolved: true, title: '{{ .CommonLabels.alertname }}' }),
  groupBy: ['alertname', 'namespace'],
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
  routes: [
    {
      matchers: { severity: 'critical' },
      receiver: pagerduty({ name: 'pager', routingKey: secretKey('alertmanager-pagerduty', 'routing-key'), severity: '{{ .CommonLabels.severity }}' }),
      continue: true,
      muteTimeIntervals: [holidays],
    },
    {
      matchers: { team: re('payments|billing') },
      receiver: opsgenie({
        name: 'opsgenie-payments',
        apiKey: secretKey('alertmanager-opsgenie', 'api-key'),
        priority: 'P2',
        responders: [{ type: 'team', name: 'payments' }],
      }),
      routes: [
        {
          matchers: { severity: 'warning' },
          receiver: email({
            name: 'payments-mail',
            to: 'payments@example.com',
            from: 'alertmanager@example.com',
            smarthost: 'smtp.example.com:587',
            authUsername: 'alertmanager',
            authPassword: secretKey('alertmanager-smtp', 'password'),
            headers: { Subject: '[{{ .Status }}] {{ .CommonLabels.alertname }}' },
          }),
          activeTimeIntervals: [businessHours],
        },
      ],
    },
    {
      matchers: { service: 'checkout' },
      receiver: webhook({
        name: 'router',
        publicUrl: 'http://alert-router.monitoring.svc:8080/alerts',
        authorization: { credentials: secretKey('alert-router', 'token') },
        maxAlerts: 10,
      }),
      groupBy: 'all',
    },
  ],
  inhibitRules: [{ source: { severity: 'critical' }, target: { severity: re('warning|info') }, equal: ['namespace', 'alertname'] }],
};

function compileEverything() {
  const shop = service({ name: 'checkout', namespace: 'shop', team: 'payments' });
  const ledger = service({ name: 'ledger', namespace: 'finance', team: 'billing' });
  return compileDefinitions([shop, ledger, testAlert(shop), testAlert(ledger, { name: 'LedgerDown' }), routing(everything)]);
}

describe('alertmanager.yml and AlertmanagerConfig', () => {
  const result = compileEverything();
  const rendered = renderBundle(result.bundle);

  it('compiles without a diagnostic', () => {
    expect(result.diagnostics).toEqual([]);
  });

  it('writes one AlertmanagerConfig per namespace with alerts, each with the whole tree', () => {
    const objects = [...rendered.keys()].filter((p) => p.startsWith('alertmanager/alertmanagerconfigs/'));
    expect(objects).toEqual([paths.alertmanagerConfigObject('finance'), paths.alertmanagerConfigObject('shop')]);
    const shop = parse(rendered.get(paths.alertmanagerConfigObject('shop'))!, { version: '1.1' });
    const finance = parse(rendered.get(paths.alertmanagerConfigObject('finance'))!, { version: '1.1' });
    expect(shop).toMatchObject({ apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name: 'vigil', namespace: 'shop' } });
    expect(finance.spec).toEqual(shop.spec);
  });

  it('refers to Secrets by key in the AlertmanagerConfig and never names a file there', () => {
    const spec = parse(rendered.get(paths.alertmanagerConfigObject('shop'))!, { version: '1.1' }).spec;
    const byName = Object.fromEntries(spec.receivers.map((r: { name: string }) => [r.name, r]));
    expect(byName['slack-alerts'].slackConfigs[0].apiURL).toEqual({ name: 'alertmanager-slack', key: 'webhook-url' });
    expect(byName.pager.pagerdutyConfigs[0].routingKey).toEqual({ name: 'alertmanager-pagerduty', key: 'routing-key' });
    expect(byName['opsgenie-payments'].opsgenieConfigs[0].apiKey).toEqual({ name: 'alertmanager-opsgenie', key: 'api-key' });
    expect(byName['payments-mail'].emailConfigs[0]).toMatchObject({ authPassword: { name: 'alertmanager-smtp', key: 'password' }, headers: [{ key: 'Subject', value: '[{{ .Status }}] {{ .CommonLabels.alertname }}' }] });
    expect(byName.router.webhookConfigs[0].httpConfig.authorization).toEqual({ type: 'Bearer', credentials: { name: 'alert-router', key: 'token' } });
    expect(JSON.stringify(spec)).not.toContain('/etc/alertmanager');
    expect(spec.route.routes[1].matchers).toEqual([{ name: 'team', value: 'payments|billing', matchType: '=~' }]);
    expect(spec.route.routes[1].routes[0].activeTimeIntervals).toEqual(['business-hours']);
    expect(spec.muteTimeIntervals.map((t: { name: string }) => t.name)).toEqual(['business-hours', 'holidays']);
    expect(spec.muteTimeIntervals[1].timeIntervals[0].daysOfMonth).toEqual([{ start: 24, end: 26 }, { start: 31, end: 31 }]);
    expect(spec.inhibitRules[0]).toEqual({
      sourceMatch: [{ name: 'severity', value: 'critical', matchType: '=' }],
      targetMatch: [{ name: 'severity', value: 'warning|info', matchType: '=~' }],
      equal: ['alertname', 'namespace'],
    });
  });

  it('reads every secret from a file in alertmanager.yml, where the operator mounts Secrets', () => {
    const config = parse(rendered.get(paths.alertmanagerConfig)!, { version: '1.1' });
    const text = rendered.get(paths.alertmanagerConfig)!;
    expect(text).toContain('api_url_file: /etc/alertmanager/secrets/alertmanager-slack/webhook-url');
    expect(text).toContain('routing_key_file: /etc/alertmanager/secrets/alertmanager-pagerduty/routing-key');
    expect(text).toContain('api_key_file: /etc/alertmanager/secrets/alertmanager-opsgenie/api-key');
    expect(text).toContain('auth_password_file: /etc/alertmanager/secrets/alertmanager-smtp/password');
    expect(text).toContain('credentials_file: /etc/alertmanager/secrets/alert-router/token');
    expect(config.route.routes[2].group_by).toEqual(['...']);
    expect(config.time_intervals[1].time_intervals[0].days_of_month).toEqual(['24:26', '31']);
  });

  it("spells out on the AlertmanagerConfig's top route the timings the routing leaves to Alertmanager's defaults, which the operator's root route would otherwise lend", () => {
    const onlyWait = compileWithRouting({ receiver: alertsChannel, groupWait: '10s', routes: [{ matchers: { severity: 'critical' }, receiver: pager }] });
    const spec = parse(renderBundle(onlyWait.bundle).get(paths.alertmanagerConfigObject('shop'))!, { version: '1.1' }).spec;
    expect(spec.route).toMatchObject({ groupWait: '10s', groupInterval: '5m', repeatInterval: '4h' });
    expect(spec.route.routes[0].repeatInterval).toBeUndefined();
    const root = parse(renderBundle(onlyWait.bundle).get(paths.alertmanagerConfig)!, { version: '1.1' }).route;
    expect(root.repeat_interval).toBeUndefined();
  });

  it('lists the AlertmanagerConfigs in the kustomization, and not alertmanager.yml', () => {
    const kustomization = parse(rendered.get(paths.kustomization)!);
    expect(kustomization.resources).toContain(paths.alertmanagerConfigObject('shop'));
    expect(kustomization.resources).not.toContain(paths.alertmanagerConfig);
  });
});

describeWithTool('amtool', 'amtool check-config', () => {
  const { dir, cleanup } = tempDir('vigil-amtool-');
  afterAll(cleanup);

  it('accepts the alertmanager.yml of a routing that uses every receiver and route feature', () => {
    const run = amtool(['check-config', writeAlertmanagerConfig(compileEverything(), dir)]);
    expect(run.stdout + run.stderr).toContain('SUCCESS');
    expect(run.stdout).toContain('5 receivers');
    expect(run.stdout).toContain('1 inhibit rules');
    expect(run.status).toBe(0);
  });
});

describeWithTool('amtool', 'PagerDuty incident links', () => {
  const rendered = renderBundle(compileEverything().bundle);
  const burn = (slo: string): NotifiedAlert => ({
    status: 'firing',
    labels: { alertname: 'ErrorBudgetBurn', namespace: 'shop', service: 'checkout', slo, severity: 'critical' },
    annotations: {
      summary: `checkout ${slo} SLO: the error budget is burning fast`,
      description: 'Act now.',
      runbook_url: 'https://runbooks.example/ErrorBudgetBurn.md',
      dashboard_url: `https://grafana.example/d/shop-checkout?viewPanel=${slo === 'availability' ? 100 : 200}`,
    },
  });
  const down: NotifiedAlert = {
    status: 'firing',
    labels: { alertname: 'CheckoutDown', namespace: 'shop', service: 'checkout', severity: 'critical' },
    annotations: { summary: 'checkout is down', description: 'Prometheus cannot scrape checkout.', runbook_url: 'https://runbooks.example/CheckoutDown.md' },
  };
  const linksFor = (links: readonly { href: string; text: string }[], alerts: readonly NotifiedAlert[]) =>
    links
      .map((link) => ({ href: renderNotificationTemplate(link.href, notificationData('pager', ['alertname', 'namespace'], alerts)), text: link.text }))
      // Alertmanager leaves out a link whose href renders empty
      .filter((link) => link.href !== '');

  it('links the runbook and the dashboard the alerts share, in alertmanager.yml and in the AlertmanagerConfig alike', () => {
    const config = parse(rendered.get(paths.alertmanagerConfig)!, { version: '1.1' });
    const links = config.receivers.find((r: { name: string }) => r.name === 'pager').pagerduty_configs[0].links;
    const spec = parse(rendered.get(paths.alertmanagerConfigObject('shop'))!, { version: '1.1' }).spec;
    const linkConfigs = spec.receivers.find((r: { name: string }) => r.name === 'pager').pagerdutyConfigs[0].pagerDutyLinkConfigs;
    expect(linkConfigs.map((link: { href: string; alt: string }) => ({ href: link.href, text: link.alt }))).toEqual(links);

    expect(linksFor(links, [burn('availability')])).toEqual([
      { href: 'https://runbooks.example/ErrorBudgetBurn.md', text: 'Runbook' },
      { href: 'https://grafana.example/d/shop-checkout?viewPanel=100', text: 'Dashboard' },
    ]);
    expect(linksFor(links, [burn('availability'), burn('latency')])).toEqual([{ href: 'https://runbooks.example/ErrorBudgetBurn.md', text: 'Runbook' }]);
    expect(linksFor(links, [down])).toEqual([{ href: 'https://runbooks.example/CheckoutDown.md', text: 'Runbook' }]);
  });

  it('sends no link when the receiver asks for none', () => {
    const none = compileWithRouting({
      receiver: alertsChannel,
      routes: [{ matchers: { severity: 'critical' }, receiver: pagerduty({ name: 'pager', routingKey: secretKey('alertmanager-pagerduty', 'routing-key'), links: [] }) }],
    });
    const config = parse(renderBundle(none.bundle).get(paths.alertmanagerConfig)!, { version: '1.1' });
    expect(config.receivers.find((r: { name: string }) => r.name === 'pager').pagerduty_configs[0].links).toBeUndefined();
  });
});
