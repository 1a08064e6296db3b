import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Definition } from '../../src/authoring/index.ts';
import { discard, pagerduty, slack, webhook } from '../../src/authoring/receivers.ts';
import { routing, type RoutingOptions } from '../../src/authoring/routing.ts';
import { secretKey } from '../../src/authoring/secret.ts';
import type { CompileResult } from '../../src/compile.ts';
import { paths } from '../../src/naming.ts';
import { alertmanagerMatcher } from '../../src/promql/selector.ts';
import { renderBundle } from '../../src/render/render.ts';
import { compileDefinitions, testAlert, testService } from './definitions.ts';
import { runTool, type ToolRun } from '../../src/promtool/tools.ts';
import { tool } from './tools.ts';

export const pager = pagerduty({ name: 'pager', routingKey: secretKey('alertmanager-pagerduty', 'routing-key') });
export const alertsChannel = slack({ name: 'slack-alerts', channel: '#alerts', apiUrl: secretKey('alertmanager-slack', 'webhook-url') });
export const paymentsChannel = slack({ name: 'slack-payments', channel: '#payments', apiUrl: secretKey('alertmanager-slack', 'webhook-url') });
export const nobody = discard();
export const deadMansSwitch = webhook({
  name: 'heartbeat',
  publicUrl: 'https://api.opsgenie.com/v2/heartbeats/shop/ping',
  authorization: { type: 'GenieKey', credentials: secretKey('alertmanager-heartbeat', 'api-key') },
});

/** The shop project (one service, one critical alert) with the given routing. */
export function compileWithRouting(options: RoutingOptions, extra: readonly Definition[] = []): CompileResult {
  const svc = testService();
  return compileDefinitions([svc, testAlert(svc), routing(options), ...extra]);
}

/** Writes the bundle's alertmanager.yml into `dir` and returns its path. */
export function writeAlertmanagerConfig(result: CompileResult, dir: string): string {
  const text = renderBundle(result.bundle).get(paths.alertmanagerConfig);
  if (text === undefined) throw new Error('the bundle has no alertmanager.yml');
  const file = join(dir, 'alertmanager.yml');
  writeFileSync(file, text);
  return file;
}

export function amtool(args: readonly string[]): ToolRun {
  return runTool(tool('amtool'), args);
}

/** `amtool config routes test`: the receivers line for these labels. */
export function amtoolReceivers(configFile: string, labels: Readonly<Record<string, string>>): string {
  const args = Object.entries(labels).map(([name, value]) => alertmanagerMatcher(name, '=', value));
  const run = amtool(['config', 'routes', 'test', `--config.file=${configFile}`, ...args]);
  if (run.status !== 0) throw new Error(`amtool failed: ${run.stderr}`);
  return run.stdout.trim();
}
