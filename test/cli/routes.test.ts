import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slack } from '../../src/authoring/receivers.ts';
import { secretKey } from '../../src/authoring/secret.ts';
import { parseLabels } from '../../src/cli/commands/routes.ts';
import type { Labels } from '../../src/ir.ts';
import { paths } from '../../src/naming.ts';
import { matchRoutes, receiverNames, routingTree } from '../../src/routing/evaluate.ts';
import { vigil, writeProject } from '../support/cli.ts';
import { repoRoot } from '../support/project.ts';
import { amtool, compileWithRouting, writeAlertmanagerConfig } from '../support/routing.ts';
import { describeWithTool, tempDir } from '../support/tools.ts';

describe('vigil routes (the example)', () => {
  it('prints the tree and where every alert lands', () => {
    const run = vigil(['routes'], repoRoot);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('└── default-route  receiver: slack-alerts');
    expect(run.stdout).toContain('├── {severity="critical"}  continue: true  receiver: pagerduty-oncall');
    expect(run.stdout).toMatch(/HTTPErrorRateHigh\s+dsrs\/payment\s+critical\s+pagerduty-oncall, slack-payments-alerts/);
    // One alert on several DLQ topics or SLOs of a service: its rows tell them apart.
    expect(run.stdout).toMatch(/DeadLetterBacklogHigh\s+dsrs\/dlq-reprocessor\s+warning\s+dlq_topic=payment\.events\.dlq\s+slack-platform-alerts/);
    expect(run.stdout).toMatch(/ErrorBudgetBurn\s+dsrs\/registry\s+critical\s+slo=latency\s+pagerduty-oncall, slack-registry-alerts/);
    expect(run.stdout).toMatch(/Watchdog\s+dsrs\/identity\s+none\s+heartbeat/);
  });

  it('routes test answers like amtool, and --verify-receivers checks the answer', () => {
    const run = vigil(['routes', 'test', 'severity=critical', 'team=payments'], repoRoot);
    expect(run.stdout).toBe('pagerduty-oncall,slack-payments-alerts\n');
    expect(run.status).toBe(0);
    const wrong = vigil(['routes', 'test', '--verify-receivers', 'slack-alerts', 'severity=warning', 'team=payments'], repoRoot);
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Expected receivers did not match');
    expect(vigil(['routes', 'test', 'severity'], repoRoot).status).toBe(2);
  });

  it('stops printing quietly when its reader closes the pipe early (`vigil routes | head -1`)', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'vigil.js'), 'routes'], { cwd: repoRoot });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(status).toBe(0);
  });

  it('routes test reads the config --config names, before or after its labels', () => {
    const elsewhere = tempDir('vigil-routes-config-');
    try {
      for (const args of [['-c', join(repoRoot, 'vigil.config.ts'), 'severity=critical', 'team=payments'], ['severity=critical', 'team=payments', '--config', join(repoRoot, 'vigil.config.ts')]]) {
        const run = vigil(['routes', 'test', ...args], elsewhere.dir);
        expect(run.stdout, run.stderr).toBe('pagerduty-oncall,slack-payments-alerts\n');
      }
      const missing = vigil(['routes', 'test', 'severity=critical', '--config', 'nope.config.ts'], repoRoot);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toContain('nope.config.ts: error config-not-found');
    } finally {
      elsewhere.cleanup();
    }
  });
});

describeWithTool('amtool', 'vigil routes test and amtool config routes test', () => {
  const labelSets = [
    ['severity=critical', 'team=payments'],
    ['severity=warning', 'team=analytics'],
    ['severity=info', 'team=registry'],
    ['alertname=Watchdog', 'namespace=dsrs', 'service=identity', 'severity=none'],
    ['team="platform"', 'severity="critical"'],
    ['team=unknown'],
  ];
  it.each(labelSets)('print the same receivers for %s', (...labels) => {
    const ours = vigil(['routes', 'test', ...labels], repoRoot);
    const theirs = amtool(['config', 'routes', 'test', `--config.file=${join(repoRoot, 'out', paths.alertmanagerConfig)}`, ...labels]);
    expect(ours.stdout).toBe(theirs.stdout);
  });
});

describeWithTool('amtool', 'vigil routes test reads LABEL=VALUE arguments as amtool does', () => {
  const { dir, cleanup } = tempDir('vigil-amtool-');
  afterAll(cleanup);
  const values = ['a\\b', 'a"b', ' x ', 'x', 'a\n', '~bar', 'a\\', 'a', '"a'];
  const hook = secretKey('alertmanager-slack', 'webhook-url');
  const result = compileWithRouting({
    receiver: slack({ name: 'default', channel: '#default', apiUrl: hook }),
    routes: [
      { matchers: { severity: 'critical' }, receiver: slack({ name: 'critical', channel: '#critical', apiUrl: hook }), continue: true },
      ...values.map((value, i) => ({ matchers: { foo: value }, receiver: slack({ name: `value-${i}`, channel: `#value-${i}`, apiUrl: hook }) })),
    ],
  });
  const file = writeAlertmanagerConfig(result, dir);
  const tree = routingTree(result.ir.routing!);
  const args = [
    'foo=a\\b', 'foo=a\\\\b', 'foo="a\\\\b"', 'foo=a\\"b', 'foo="a\\"b"', 'foo=a"b', 'foo="a', 'foo=a"', 'foo="', 'foo=""', 'foo=',
    'foo=" x "', 'foo= x ', 'foo=a\\n', 'foo=~bar', 'foo!=a', 'foo=a\\', 'foo="\\"a"', ' severity = "critical" ', 'a:b=x',
  ];
  it.each(args)('%s', (arg) => {
    const theirs = amtool(['config', 'routes', 'test', `--config.file=${file}`, arg]);
    const labels = parseLabels([arg]);
    if (theirs.status !== 0) {
      expect(typeof labels, `amtool refuses it: ${theirs.stderr}`).toBe('string');
    } else {
      expect(labels).not.toBeTypeOf('string');
      expect(receiverNames(matchRoutes(tree, labels as Labels)).join(',')).toBe(theirs.stdout.trim());
    }
  });
});

const config = `import { defineConfig } from 'vigil';
export default defineConfig({});
`;

const shop = `import { alert, pagerduty, routing, secretKey, service, slack } from 'vigil';

export const checkout = service({ name: 'checkout', namespace: 'shop', team: 'payments' });

alert({
  name: 'CheckoutDown',
  service: checkout,
  expr: 'up{job="checkout"} == 0',
  for: '5m',
  severity: 'critical',
  summary: 'checkout is down',
  description: 'Prometheus cannot scrape checkout.',
});

const channel = slack({ name: 'slack-payments', channel: '#payments', apiUrl: secretKey('alertmanager-slack', 'webhook-url') });

routing({
  receiver: channel,
  routes: [
    { matchers: { severity: 'critical' }, receiver: pagerduty({ name: 'pager', routingKey: secretKey('alertmanager-pagerduty', 'routing-key') }), continue: true },
    { matchers: { team: 'payments' }, receiver: channel },
  ],
});
`;

const runbook = '# CheckoutDown\n\n## Mitigation\n\nRoll back checkout.\n';

describe('routing and runbooks in a project (end to end)', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir('vigil-cli-'));
    writeProject(dir, { 'vigil.config.ts': config, 'alerts/shop.ts': shop, 'runbooks/CheckoutDown.md': runbook });
  });
  afterEach(() => cleanup());

  it('writes alertmanager.yml and the AlertmanagerConfig, and never touches the written runbook', () => {
    const build = vigil(['build'], dir);
    expect(build.stderr).toBe('');
    expect(build.status).toBe(0);
    expect(existsSync(join(dir, 'out', paths.alertmanagerConfig))).toBe(true);
    expect(existsSync(join(dir, 'out', paths.alertmanagerConfigObject('shop')))).toBe(true);
    expect(readFileSync(join(dir, 'out/runbooks/CheckoutDown.md'), 'utf8')).toContain('Roll back checkout.');
    expect(readFileSync(join(dir, 'runbooks/CheckoutDown.md'), 'utf8')).toBe(runbook);
  });

  it('fails on a literal routing key with its file:line, and writes nothing', () => {
    const leaky = shop.replace("routingKey: secretKey('alertmanager-pagerduty', 'routing-key')", "routingKey: 'abcdef0123456789' as never");
    writeProject(join(dir, 'leaky'), { 'vigil.config.ts': config, 'alerts/shop.ts': leaky, 'runbooks/CheckoutDown.md': runbook });
    const build = vigil(['build'], join(dir, 'leaky'));
    expect(build.status).toBe(1);
    expect(build.stderr).toContain('alerts/shop.ts:20: error literal-secret: `routingKey` of receiver `pager` is written literally');
    expect(build.stderr).not.toContain('abcdef0123456789');
    expect(build.stderr).toContain('nothing was written');
    expect(existsSync(join(dir, 'leaky', 'out'))).toBe(false);
  });

  it('says so when the project has no routing', () => {
    writeProject(join(dir, 'plain'), { 'vigil.config.ts': config, 'alerts/shop.ts': shop.replace(/\nconst channel[\s\S]*$/, '\n'), 'runbooks/CheckoutDown.md': runbook });
    const run = vigil(['routes'], join(dir, 'plain'));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('the project has no routing');
  });
});
