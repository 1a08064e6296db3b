import { describe, expect, it } from 'vitest';
import { defineConfig } from '../../src/authoring/config.ts';
import type { Definition } from '../../src/authoring/index.ts';
import { email, msteams, opsgenie, pagerduty, slack, webhook } from '../../src/authoring/receivers.ts';
import { routing, type RouteOptions, type RoutingOptions } from '../../src/authoring/routing.ts';
import { secretKey, type SecretRef } from '../../src/authoring/secret.ts';
import { timeInterval } from '../../src/authoring/time-interval.ts';
import { compile, type CompileResult } from '../../src/compile.ts';
import { re } from '../../src/promql/selector.ts';
import { testAlert, testService, writtenRunbooksFor } from '../support/definitions.ts';
import { alertsChannel, deadMansSwitch, nobody, pager, paymentsChannel } from '../support/routing.ts';

const here = new URL(import.meta.url).pathname;

function build(options: RoutingOptions, config: Parameters<typeof defineConfig>[0] = {}, more: Definition[] = []): CompileResult {
  const svc = testService();
  const definitions: Definition[] = [svc, testAlert(svc), routing(options), ...more];
  return compile({ definitions, config: defineConfig(config), runbooks: writtenRunbooksFor(definitions) });
}

const literal = (value: string) => value as unknown as SecretRef;
const teamRoutes: { routes: RouteOptions[] } = { routes: [{ matchers: { severity: 'critical' }, receiver: pager, continue: true }, { matchers: { team: 'payments' }, receiver: paymentsChannel }] };

function only(result: CompileResult, code: string) {
  return result.diagnostics.filter((d) => d.code === code);
}

describe('routing diagnostics', () => {
  it('accepts a complete routing without a diagnostic', () => {
    const result = build({ receiver: alertsChannel, ...teamRoutes, heartbeat: { service: 'checkout', receiver: deadMansSwitch } });
    expect(result.diagnostics).toEqual([]);
    expect(result.bundle.size).toBeGreaterThan(0);
  });

  it.each([
    ['a Slack webhook URL', () => slack({ name: 'leaky', channel: '#x', apiUrl: literal('https://hooks.slack.com/services/T0/B0/XXXX') }), 'apiUrl'],
    ['a PagerDuty routing key', () => pagerduty({ name: 'leaky', routingKey: literal('0123456789abcdef0123456789abcdef') }), 'routingKey'],
    ['an Opsgenie API key', () => opsgenie({ name: 'leaky', apiKey: literal('a-key') }), 'apiKey'],
    ['an SMTP password', () => email({ name: 'leaky', to: 'a@b.c', from: 'x@b.c', smarthost: 'smtp:587', authPassword: literal('hunter2') }), 'authPassword'],
    ['webhook credentials', () => webhook({ name: 'leaky', publicUrl: 'https://x.example/', authorization: { credentials: literal('token') } }), 'authorization.credentials'],
  ])('%s written literally is an error at the receiver, and nothing is written', (_what, make, field) => {
    const leaky = make();
    const result = build({ receiver: alertsChannel, routes: [{ matchers: { severity: 'critical' }, receiver: leaky, continue: true }, ...teamRoutes.routes] });
    const [diagnostic] = only(result, 'literal-secret');
    expect(diagnostic).toMatchObject({ severity: 'error', location: { file: here, path: `routing > receiver "leaky" > ${field}` } });
    expect(diagnostic!.location.line).toBeGreaterThan(0);
    expect(JSON.stringify(result.diagnostics), 'the secret is never echoed').not.toMatch(/hooks\.slack|0123456789abcdef|hunter2|a-key"|"token/);
    expect(result.bundle.size).toBe(0);
  });

  it.each([
    ['https://hooks.slack.com/services/T0/B0/XXXX', 'hooks.slack.com'],
    ['https://hc-ping.com/abc?token=1', 'query string'],
    ['https://user:pass@example.com/hook', 'credentials'],
  ])('a public webhook URL that carries a secret (%s) is an error', (url, reason) => {
    const result = build({ receiver: webhook({ name: 'hook', publicUrl: url }), ...teamRoutes });
    expect(only(result, 'literal-secret')[0]?.message).toContain(reason);
  });

  it('a webhook URL read from a file needs Alertmanager 0.26; with 0.26 targeted it is fine', () => {
    const hook = webhook({ name: 'hook', url: secretKey('alertmanager-hook', 'url') });
    const old = build({ receiver: alertsChannel, routes: [{ matchers: { team: 'payments' }, receiver: hook }, ...teamRoutes.routes] });
    expect(only(old, 'alertmanager-version')[0]).toMatchObject({ severity: 'error', location: { path: 'routing > receiver "hook"' } });
    expect(only(old, 'alertmanager-version')[0]!.hint).toContain('publicUrl');
    const current = build({ receiver: alertsChannel, routes: [{ matchers: { team: 'payments' }, receiver: hook }, ...teamRoutes.routes] }, { alertmanager: { version: '0.26' } });
    expect(current.diagnostics).toEqual([]);
  });

  it('a Microsoft Teams receiver needs Alertmanager 0.27 to read its URL from a file', () => {
    const teams = msteams({ name: 'teams', webhookUrl: secretKey('alertmanager-teams', 'url') });
    const options = { receiver: alertsChannel, routes: [...teamRoutes.routes, { matchers: { team: 'x' }, receiver: teams }] };
    expect(only(build(options), 'alertmanager-version')[0]!.message).toContain('needs Alertmanager 0.27');
    expect(only(build(options, { alertmanager: { version: '0.26' } }), 'alertmanager-version')).toHaveLength(1);
    expect(build(options, { alertmanager: { version: '0.27' } }).diagnostics).toEqual([]);
  });

  it('targeting an Alertmanager older than 0.25 is an error', () => {
    expect(only(build({ receiver: alertsChannel, ...teamRoutes }, { alertmanager: { version: '0.24' } }), 'alertmanager-version')).toHaveLength(1);
  });

  it('a second routing is an error at its own file:line', () => {
    const first = routing({ receiver: alertsChannel, ...teamRoutes });
    const second = routing({ receiver: alertsChannel, ...teamRoutes });
    const svc = testService();
    const result = compile({ definitions: [svc, testAlert(svc), second, first], runbooks: writtenRunbooksFor([testAlert(svc)]) });
    const [diagnostic] = only(result, 'duplicate-routing');
    expect(diagnostic!.location).toMatchObject({ file: here, line: second.location.line });
    expect(diagnostic!.hint).toContain(`:${first.location.line}`);
  });

  it('a critical alert that reaches only the default receiver is an error at the alert', () => {
    const result = build({ receiver: alertsChannel, routes: [{ matchers: { team: 'payments' }, receiver: alertsChannel }] });
    const [diagnostic] = only(result, 'critical-unrouted');
    expect(diagnostic).toMatchObject({ severity: 'error', location: { path: 'alert "CheckoutDown"' } });
    expect(diagnostic!.message).toContain('the receiver of alerts no route claims');
    expect(diagnostic!.location.file).toContain('test/support/definitions.ts');
  });

  it('a critical alert dropped by a null receiver is an error', () => {
    const result = build({ receiver: alertsChannel, routes: [{ matchers: { team: 'payments' }, receiver: nobody }] });
    expect(only(result, 'critical-unrouted')[0]!.message).toContain('`null`, which sends nothing');
  });

  it('a critical alert paged only during business hours is an error', () => {
    const hours = timeInterval('business-hours', { weekdays: ['monday:friday'], times: [{ start: '09:00', end: '17:00' }] });
    const result = build({ receiver: alertsChannel, routes: [{ matchers: { team: 'payments' }, receiver: pager, activeTimeIntervals: [hours] }] });
    expect(only(result, 'critical-unrouted')[0]!.message).toContain('only as time intervals `business-hours` allow');
  });

  it('says when the routes consulted labels the alert only gets at run time', () => {
    const result = build({ receiver: alertsChannel, routes: [{ matchers: { topic: re('payments.*') }, receiver: pager }] });
    expect(only(result, 'critical-unrouted')[0]!.hint).toContain('`topic`');
  });

  it('an alert no team route claims is a warning', () => {
    const result = build({ receiver: alertsChannel, routes: [{ matchers: { severity: 'critical' }, receiver: pager, continue: true }] });
    const [diagnostic] = only(result, 'unclaimed-alert');
    expect(diagnostic).toMatchObject({ severity: 'warning', location: { path: 'alert "CheckoutDown"' } });
    expect(diagnostic!.hint).toContain("{ team: 'payments' }");
    expect(result.bundle.size, 'a warning still writes the bundle').toBeGreaterThan(0);
  });

  it("an alert a team route would claim, had an earlier route not taken it, is a warning that names that route", () => {
    const result = build({ receiver: alertsChannel, routes: [{ matchers: { severity: 'critical' }, receiver: pager }, { matchers: { team: 'payments' }, receiver: paymentsChannel }] });
    const [diagnostic] = only(result, 'unclaimed-alert');
    expect(diagnostic!.hint).toBe('the route `{team="payments"}` would claim it, but `{severity="critical"}` comes first and takes it: give that route `continue: true`, or move it after the team\'s route');
  });

  it.each([
    ['an invalid RE2 regex', { routes: [{ matchers: { team: re('a(?=b)') }, receiver: pager }] }, 'invalid-matcher', 'routing > routes[0] > matchers'],
    ['a bad label name', { routes: [{ matchers: { 'bad-label': 'x' }, receiver: pager }] }, 'invalid-matcher', 'routing > routes[0] > matchers'],
    ['a zero repeat interval', { repeatInterval: '0s' }, 'invalid-route', 'routing > repeatInterval'],
    ['a duration that is not one', { routes: [{ matchers: { a: 'b' }, groupWait: '30 seconds' }] }, 'invalid-route', 'routing > routes[0] > groupWait'],
    ['a duration longer than Alertmanager can hold', { repeatInterval: '300y' }, 'invalid-route', 'routing > repeatInterval'],
    ['a bad Secret name', { receiver: slack({ name: 's', channel: '#c', apiUrl: secretKey('Bad_Name', 'k') }) }, 'invalid-route', 'routing > receiver "s" > apiUrl'],
    ['a Slack receiver without a channel', { receiver: slack({ name: 's', channel: '', apiUrl: secretKey('a', 'k') }) }, 'invalid-route', 'routing > receiver "s" > channel'],
    [
      'a time range that ends before it starts',
      { routes: [{ matchers: { a: 'b' }, receiver: pager, muteTimeIntervals: [timeInterval('night', { times: [{ start: '22:00', end: '06:00' }] })] }] },
      'invalid-time-interval',
      'routing > time interval "night" > periods[0]',
    ],
  ] as const)('%s is an error', (_what, options, code, path) => {
    const result = build({ receiver: alertsChannel, ...teamRoutes, ...(options as Partial<RoutingOptions>) } as RoutingOptions);
    expect(only(result, code).map((d) => d.location.path)).toContain(path);
    expect(result.bundle.size).toBe(0);
  });

  it('two different receivers with one name are an error; reusing one receiver is not', () => {
    const twin = slack({ name: 'slack-alerts', channel: '#elsewhere', apiUrl: secretKey('a', 'k') });
    const result = build({ receiver: alertsChannel, routes: [...teamRoutes.routes, { matchers: { a: 'b' }, receiver: twin }] });
    expect(only(result, 'duplicate-receiver')[0]).toMatchObject({ location: { line: twin.location.line } });
    expect(build({ receiver: alertsChannel, routes: [...teamRoutes.routes, { matchers: { a: 'b' }, receiver: alertsChannel }] }).diagnostics).toEqual([]);
  });

  it('a heartbeat owned by an unknown service is an error', () => {
    const result = build({ receiver: alertsChannel, ...teamRoutes, heartbeat: { service: 'nope', receiver: deadMansSwitch } });
    expect(only(result, 'unknown-service')[0]!.location.path).toBe('routing > heartbeat > service');
  });
});
