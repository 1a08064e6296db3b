import type { SourceLocation } from '../diagnostics/diagnostic.ts';
import type { RouteIR, ServiceIR } from '../ir.ts';
import { heartbeat, labelKeys } from '../naming.ts';
import type { AlertFields } from '../normalize/rules.ts';

export const DEFAULT_HEARTBEAT_INTERVAL = '1m';

/**
 * The heartbeat alert: `vector(1)` always fires. Its severity is `info` because its firing is
 * no incident; its silence is, and the receiving dead man's switch raises that alarm.
 */
export function heartbeatAlert(receiver: string, interval: string, location: SourceLocation): AlertFields {
  return {
    name: heartbeat.alertName,
    expr: 'vector(1)',
    severity: 'info',
    summary: 'Heartbeat of the alerting pipeline (always firing)',
    description:
      `This alert always fires. Alertmanager sends it to \`${receiver}\` every ${interval}; ` +
      'when it stops arriving, the dead man\'s switch raises the alarm: Prometheus no longer evaluates rules, ' +
      'or Alertmanager no longer delivers notifications.',
    location,
  };
}

/**
 * The first route of the tree: nothing a person writes can take the heartbeat away from its
 * receiver. It notifies at once and repeats every `interval`.
 */
export function heartbeatRoute(owner: ServiceIR, receiver: string, interval: string): RouteIR {
  return {
    path: 'heartbeat',
    matchers: [
      { name: 'alertname', op: '=', value: heartbeat.alertName },
      { name: labelKeys.namespace, op: '=', value: owner.namespace },
      { name: labelKeys.service, op: '=', value: owner.name },
    ],
    receiver,
    groupBy: ['alertname', labelKeys.namespace, labelKeys.service],
    groupWait: '0s',
    groupInterval: interval,
    repeatInterval: interval,
    continue: false,
    activeTimeIntervals: [],
    muteTimeIntervals: [],
    routes: [],
    heartbeat: true,
  };
}
