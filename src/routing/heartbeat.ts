import type { SourceLocation } from '../diagnostics/diagnostic.ts';
import type { RouteIR, ServiceIR } from '../ir.ts';
import { heartbeat, labelKeys } from '../naming.ts';
import type { AlertFields } from '../normalize/rules.ts';
import { formatDuration, parseDuration } from '../util/duration.ts';

export const DEFAULT_HEARTBEAT_INTERVAL = '1m';

/**
 * The heartbeat alert: `vector(1)` always fires. Its firing is no incident; its silence is, and
 * the receiving dead man's switch raises that alarm. Its severity is `none`, as kube-prometheus
 * gives its own Watchdog: kube-prometheus-stack's default Alertmanager inhibits every `info`
 * alert of a namespace where nothing worse fires (its InfoInhibitor), which would silence the
 * heartbeat exactly when all is well.
 */
export function heartbeatAlert(receiver: string, interval: string, location: SourceLocation): AlertFields {
  return {
    name: heartbeat.alertName,
    expr: 'vector(1)',
    severity: 'none',
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
 * receiver. It notifies at once and repeats every `interval`: Alertmanager repeats a
 * notification only at a tick of `group_interval`, and only once `repeat_interval` has passed,
 * so with the two equal a tick that comes a moment early skips, and sends come one or two
 * intervals apart. A repeat interval a sixth shorter makes every tick send.
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
    repeatInterval: repeatBeforeTheTick(interval),
    continue: false,
    activeTimeIntervals: [],
    muteTimeIntervals: [],
    routes: [],
    heartbeat: true,
  };
}

/** Five sixths of `interval`, in whole seconds (`1m` → `50s`); an invalid interval as it is, for its own diagnostic. */
function repeatBeforeTheTick(interval: string): string {
  const ms = parseDuration(interval);
  return ms === undefined ? interval : formatDuration(Math.max(1000, Math.round((ms * 5) / 6 / 1000) * 1000));
}
