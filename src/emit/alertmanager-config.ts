import type { BundleFile } from '../bundle.ts';
import type { InhibitRuleIR, MatcherIR, PeriodIR, ProjectIR, ReceiverIR, RouteIR, RoutingIR, TimeIntervalIR } from '../ir.ts';
import { paths } from '../naming.ts';
import { alertmanagerMatcher } from '../promql/selector.ts';
import { resolvedSecret } from '../routing/secrets.ts';

/**
 * The complete Alertmanager configuration (alertmanager.yml) for Alertmanager 0.25 and later:
 * secrets are read from files, matchers use the `matchers` syntax. Plain YAML, not a
 * Kubernetes object.
 */
export function emitAlertmanagerConfig(ir: ProjectIR): Map<string, BundleFile> {
  const files = new Map<string, BundleFile>();
  if (ir.routing) files.set(paths.alertmanagerConfig, { format: 'yaml', value: alertmanagerConfig(ir.routing) });
  return files;
}

export function alertmanagerConfig(routing: RoutingIR) {
  return {
    route: route(routing.route),
    receivers: routing.receivers.map(receiver),
    inhibit_rules: nonEmpty(routing.inhibitRules.map(inhibitRule)),
    time_intervals: nonEmpty(routing.timeIntervals.map(timeInterval)),
  };
}

function route(r: RouteIR): Record<string, unknown> {
  return {
    receiver: r.receiver,
    matchers: nonEmpty(r.matchers.map(matcher)),
    continue: r.continue ? true : undefined,
    group_by: r.groupBy,
    group_wait: r.groupWait,
    group_interval: r.groupInterval,
    repeat_interval: r.repeatInterval,
    active_time_intervals: nonEmpty(r.activeTimeIntervals),
    mute_time_intervals: nonEmpty(r.muteTimeIntervals),
    routes: nonEmpty(r.routes.map(route)),
  };
}

function matcher(m: MatcherIR): string {
  return alertmanagerMatcher(m.name, m.op, m.value);
}

function receiver(r: ReceiverIR): Record<string, unknown> {
  const common = { send_resolved: r.sendResolved };
  switch (r.type) {
    case 'slack':
      return {
        name: r.name,
        slack_configs: [
          {
            ...common,
            api_url_file: resolvedSecret(r.apiUrl).file,
            channel: r.channel,
            title: r.title,
            text: r.text,
            username: r.username,
            icon_emoji: r.iconEmoji,
          },
        ],
      };
    case 'pagerduty':
      return {
        name: r.name,
        pagerduty_configs: [
          {
            ...common,
            routing_key_file: resolvedSecret(r.routingKey).file,
            severity: r.severity,
            description: r.description,
            client: r.client,
            client_url: r.clientUrl,
            links: nonEmpty(r.links),
          },
        ],
      };
    case 'email':
      return {
        name: r.name,
        email_configs: [
          {
            ...common,
            to: r.to,
            from: r.from,
            smarthost: r.smarthost,
            auth_username: r.authUsername,
            auth_password_file: r.authPassword && resolvedSecret(r.authPassword).file,
            require_tls: r.requireTls,
            headers: r.headers,
          },
        ],
      };
    case 'webhook':
      return {
        name: r.name,
        webhook_configs: [
          {
            ...common,
            ...(r.url.kind === 'public' ? { url: r.url.url } : { url_file: resolvedSecret(r.url).file }),
            http_config: r.authorization && {
              authorization: { type: r.authorization.type, credentials_file: resolvedSecret(r.authorization.credentials).file },
            },
            max_alerts: r.maxAlerts,
          },
        ],
      };
    case 'msteams':
      return {
        name: r.name,
        msteams_configs: [{ ...common, webhook_url_file: resolvedSecret(r.webhookUrl).file, title: r.title, text: r.text }],
      };
    case 'opsgenie':
      return {
        name: r.name,
        opsgenie_configs: [
          {
            ...common,
            api_key_file: resolvedSecret(r.apiKey).file,
            api_url: r.apiUrl,
            message: r.message,
            description: r.description,
            priority: r.priority,
            tags: r.tags,
            responders: nonEmpty(r.responders),
          },
        ],
      };
    case 'discard':
      return { name: r.name };
  }
}

function inhibitRule(rule: InhibitRuleIR) {
  return {
    source_matchers: nonEmpty(rule.source.map(matcher)),
    target_matchers: nonEmpty(rule.target.map(matcher)),
    equal: nonEmpty(rule.equal),
  };
}

function timeInterval(interval: TimeIntervalIR) {
  return { name: interval.name, time_intervals: interval.periods.map(period) };
}

function period(p: PeriodIR) {
  return {
    times: nonEmpty(p.times.map((t) => ({ start_time: t.start, end_time: t.end }))),
    weekdays: nonEmpty(p.weekdays),
    days_of_month: nonEmpty(p.daysOfMonth.map(rangeText)),
    months: nonEmpty(p.months),
    years: nonEmpty(p.years.map(rangeText)),
  };
}

/** `[1, 5]` → `1:5`; `[7, 7]` → `7`. */
export function rangeText([start, end]: readonly [number, number]): string {
  return start === end ? String(start) : `${start}:${end}`;
}

export function nonEmpty<T>(list: readonly T[]): readonly T[] | undefined {
  return list.length === 0 ? undefined : list;
}
