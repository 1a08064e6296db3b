import { afterAll, describe, expect, it } from 'vitest';
import { discard, slack, webhook } from '../../src/authoring/receivers.ts';
import type { RoutingOptions } from '../../src/authoring/routing.ts';
import { secretKey } from '../../src/authoring/secret.ts';
import { timeInterval } from '../../src/authoring/time-interval.ts';
import { not, notRe, re } from '../../src/promql/selector.ts';
import type { AlertRuleIR, RoutingIR } from '../../src/ir.ts';
import { alertLabelSet, matchRoutes, receiverNames, resolveTree, routeAlert, routeOfAlert } from '../../src/routing/evaluate.ts';
import { amtoolReceivers, compileWithRouting, writeAlertmanagerConfig } from '../support/routing.ts';
import { describeWithTool, tempDir } from '../support/tools.ts';

const hook = secretKey('alertmanager-slack', 'webhook-url');
const receiver = (name: string) => slack({ name, channel: `#${name}`, apiUrl: hook });
const businessHours = timeInterval('business-hours', { weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }] });

/**
 * A tree exercising Alertmanager's matching: `continue`, nesting, regex and negative matchers,
 * anchoring, RE2 flags, missing labels, inheritance, and a catch-all child.
 */
const tree: RoutingOptions = {
  receiver: receiver('default'),
  groupBy: ['alertname'],
  groupWait: '10s',
  routes: [
    { matchers: { severity: 'critical' }, receiver: receiver('pager'), continue: true, groupWait: '5s' },
    {
      matchers: { team: re('pay.*|billing') },
      receiver: receiver('team-pay'),
      repeatInterval: '1h',
      routes: [
        { matchers: { service: not('checkout') }, receiver: receiver('pay-other'), continue: true },
        { matchers: { env: notRe('prod|staging') }, receiver: receiver('pay-nonprod') },
        { receiver: receiver('pay-catchall') },
      ],
    },
    { matchers: { team: re('(?i)ops') }, receiver: receiver('ops') },
    { matchers: { severity: 'info' }, receiver: discard() },
    {
      matchers: { team: 'platform', alertname: re('Kafka.*') },
      receiver: receiver('platform-kafka'),
      groupBy: 'all',
      activeTimeIntervals: [businessHours],
      routes: [{ matchers: { severity: 'critical' }, receiver: receiver('platform-kafka-page') }],
    },
    { matchers: { quote: 'say "hi"\\now' }, receiver: webhook({ name: 'quoted', publicUrl: 'http://alert-router.monitoring.svc:8080/' }) },
  ],
};

interface Case {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly receivers: string;
}

const cases: Case[] = [
  { name: 'no child matches: the root', labels: { alertname: 'X' }, receivers: 'default' },
  { name: 'a continue route alone', labels: { severity: 'critical' }, receivers: 'pager' },
  {
    name: 'continue, then a nested catch-all after two children fail',
    labels: { severity: 'critical', team: 'payments', service: 'checkout', env: 'prod' },
    receivers: 'pager,pay-catchall',
  },
  { name: 'negative matcher with continue, then a negative regex on a missing label', labels: { team: 'payments', service: 'ledger' }, receivers: 'pay-other,pay-nonprod' },
  { name: 'regex alternation', labels: { team: 'billing', service: 'checkout', env: 'staging' }, receivers: 'pay-catchall' },
  { name: 'regexes are anchored', labels: { team: 'xpayments' }, receivers: 'default' },
  { name: 'RE2 inline flags', labels: { team: 'OPS' }, receivers: 'ops' },
  { name: 'first match wins without continue', labels: { team: 'ops', severity: 'info' }, receivers: 'ops' },
  { name: 'a receiver that sends nothing', labels: { team: 'platform', severity: 'info' }, receivers: 'null' },
  { name: 'two matchers, both needed', labels: { team: 'platform', alertname: 'KafkaLagHigh' }, receivers: 'platform-kafka' },
  { name: 'nested under a time-limited route', labels: { team: 'platform', alertname: 'KafkaDown', severity: 'critical' }, receivers: 'pager,platform-kafka-page' },
  { name: 'one matcher of two fails', labels: { team: 'platform', alertname: 'HTTPDown' }, receivers: 'default' },
  { name: 'quotes, backslashes and newlines in a value', labels: { quote: 'say "hi"\\now' }, receivers: 'quoted' },
];

function compiledTree(): RoutingIR {
  const result = compileWithRouting(tree);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.ir.routing!;
}

describe('route evaluation', () => {
  const routing = compiledTree();
  const resolved = resolveTree(routing.route);

  it.each(cases)('$name', ({ labels, receivers }) => {
    expect(receiverNames(matchRoutes(resolved, labels)).join(',')).toBe(receivers);
  });

  it('fills in what a route inherits: receiver, grouping and timings, but not time intervals', () => {
    const [pager] = matchRoutes(resolved, { severity: 'critical' });
    expect(pager).toMatchObject({ receiver: 'pager', groupBy: ['alertname'], groupWait: '5s', groupInterval: '5m', repeatInterval: '4h' });
    const [payOther] = matchRoutes(resolved, { team: 'payments', service: 'ledger' });
    expect(payOther).toMatchObject({ receiver: 'pay-other', groupBy: ['alertname'], groupWait: '10s', repeatInterval: '1h' });
    const kafka = matchRoutes(resolved, { team: 'platform', alertname: 'KafkaLagHigh' });
    expect(kafka[0]!.groupBy).toEqual(['...']);
    expect(kafka[0]!.route.activeTimeIntervals).toEqual(['business-hours']);
    const page = matchRoutes(resolved, { team: 'platform', alertname: 'KafkaDown', severity: 'critical' });
    expect(page[1]!.groupBy, 'grouping is inherited').toEqual(['...']);
    expect(page[1]!.route.activeTimeIntervals, 'time intervals are not').toEqual([]);
  });

  it('tells which consulted labels the alert does not carry', () => {
    expect(routeAlert(resolved, { team: 'payments', service: 'ledger' }).unknownLabels).toEqual(['env', 'severity']);
    expect(routeAlert(resolved, { severity: 'critical', team: 'ops', env: 'x', service: 'y' }).unknownLabels).toEqual([]);
  });

  it('routes alerts alike in every label a matcher reads once for all, and tells an absent label from an empty one', () => {
    const alertWith = ({ alertname = 'Any', ...labels }: Readonly<Record<string, string>>) => ({ type: 'alert', name: alertname, labels }) as unknown as AlertRuleIR;
    const labelSets = [
      ...cases.map((c) => c.labels),
      ...cases.map((c) => ({ ...c.labels, unread: 'x' })),
      { team: 'payments', service: 'ledger', env: '' },
      { team: 'payments', service: 'ledger' },
      { team: 'payments', service: '' },
    ];
    for (const order of [labelSets, [...labelSets].reverse()]) {
      const tree = resolveTree(routing.route);
      for (const labels of order) {
        const alert = alertWith(labels);
        const expected = routeAlert(tree, alertLabelSet(alert));
        const routed = routeOfAlert(tree, alert);
        expect({ receivers: receiverNames(routed.matched), unknown: routed.unknownLabels }, JSON.stringify(labels)).toEqual({
          receivers: receiverNames(expected.matched),
          unknown: expected.unknownLabels,
        });
      }
    }
  });
});

describeWithTool('amtool', 'route evaluation agrees with amtool config routes test', () => {
  const { dir, cleanup } = tempDir('vigil-amtool-');
  afterAll(cleanup);
  const file = writeAlertmanagerConfig(compileWithRouting(tree), dir);

  it.each(cases)('$name', ({ labels, receivers }) => {
    expect(amtoolReceivers(file, labels)).toBe(receivers);
  });
});
