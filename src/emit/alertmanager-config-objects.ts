import type { BundleFile } from '../bundle.ts';
import type { InhibitRuleIR, MatcherIR, PeriodIR, ProjectIR, ReceiverIR, RouteIR, RoutingIR, SecretIR, TimeIntervalIR } from '../ir.ts';
import { alertmanagerConfigObjectName, labelKeys, managedByLabels, paths } from '../naming.ts';
import { routeDefaults } from '../routing/evaluate.ts';
import { resolvedSecret } from '../routing/secrets.ts';
import { nonEmpty, rangeText } from './alertmanager-config.ts';

/**
 * The same routing as AlertmanagerConfig objects (monitoring.coreos.com/v1alpha1), one per
 * namespace that has alerts. The Prometheus Operator lets such an object see only the alerts
 * whose `namespace` label is its own namespace (it adds that matcher to the top route), so a
 * project spread over namespaces needs one in each; every one carries the whole tree. Secrets
 * are Secret key references, resolved in the object's namespace.
 */
export function emitAlertmanagerConfigObjects(ir: ProjectIR): Map<string, BundleFile> {
  const files = new Map<string, BundleFile>();
  const { routing } = ir;
  if (!routing) return files;
  const alerts = ir.ruleGroups.flatMap((group) => group.rules).filter((rule) => rule.type === 'alert');
  const namespaces = new Set(alerts.map((alert) => alert.labels[labelKeys.namespace]!));
  for (const namespace of [...namespaces].sort()) {
    files.set(paths.alertmanagerConfigObject(namespace), {
      format: 'yaml',
      value: {
        apiVersion: 'monitoring.coreos.com/v1alpha1',
        kind: 'AlertmanagerConfig',
        metadata: {
          name: alertmanagerConfigObjectName,
          namespace,
          labels: { ...ir.config.alertmanager.labels, ...managedByLabels },
        },
        spec: spec(routing),
      },
    });
  }
  return files;
}

function spec(routing: RoutingIR) {
  return {
    route: route(withDefaultTimings(routing.route)),
    receivers: routing.receivers.map(receiver),
    inhibitRules: nonEmpty(routing.inhibitRules.map(inhibitRule)),
    muteTimeIntervals: nonEmpty(routing.timeIntervals.map(timeInterval)),
  };
}

/**
 * The operator hangs this object's route under its Alertmanager's root route, so a timing it
 * leaves out comes from that root (kube-prometheus-stack's repeats every 12h), not from the
 * Alertmanager defaults that alertmanager.yml's root and vigil's own routing fall back to.
 */
function withDefaultTimings(root: RouteIR): RouteIR {
  return {
    ...root,
    groupWait: root.groupWait ?? routeDefaults.groupWait,
    groupInterval: root.groupInterval ?? routeDefaults.groupInterval,
    repeatInterval: root.repeatInterval ?? routeDefaults.repeatInterval,
  };
}

function route(r: RouteIR): Record<string, unknown> {
  return {
    receiver: r.receiver,
    matchers: nonEmpty(r.matchers.map(matcher)),
    continue: r.continue ? true : undefined,
    groupBy: r.groupBy,
    groupWait: r.groupWait,
    groupInterval: r.groupInterval,
    repeatInterval: r.repeatInterval,
    activeTimeIntervals: nonEmpty(r.activeTimeIntervals),
    muteTimeIntervals: nonEmpty(r.muteTimeIntervals),
    routes: nonEmpty(r.routes.map(route)),
  };
}

function matcher(m: MatcherIR) {
  return { name: m.name, value: m.value, matchType: m.op };
}

function secretKeyRef(secret: SecretIR) {
  const { secret: name, key } = resolvedSecret(secret);
  return { name, key };
}

function receiver(r: ReceiverIR): Record<string, unknown> {
  const common = { sendResolved: r.sendResolved };
  switch (r.type) {
    case 'slack':
      return {
        name: r.name,
        slackConfigs: [
          {
            ...common,
            apiURL: secretKeyRef(r.apiUrl),
            channel: r.channel,
            title: r.title,
            text: r.text,
            username: r.username,
            iconEmoji: r.iconEmoji,
          },
        ],
      };
    case 'pagerduty':
      return {
        name: r.name,
        pagerdutyConfigs: [
          {
            ...common,
            routingKey: secretKeyRef(r.routingKey),
            severity: r.severity,
            description: r.description,
            client: r.client,
            clientURL: r.clientUrl,
            pagerDutyLinkConfigs: nonEmpty(r.links.map((link) => ({ href: link.href, alt: link.text }))),
          },
        ],
      };
    case 'email':
      return {
        name: r.name,
        emailConfigs: [
          {
            ...common,
            to: r.to,
            from: r.from,
            smarthost: r.smarthost,
            authUsername: r.authUsername,
            authPassword: r.authPassword && secretKeyRef(r.authPassword),
            requireTLS: r.requireTls,
            headers: r.headers && nonEmpty(Object.entries(r.headers).map(([key, value]) => ({ key, value }))),
          },
        ],
      };
    case 'webhook':
      return {
        name: r.name,
        webhookConfigs: [
          {
            ...common,
            ...(r.url.kind === 'public' ? { url: r.url.url } : { urlSecret: secretKeyRef(r.url) }),
            httpConfig: r.authorization && {
              authorization: { type: r.authorization.type, credentials: secretKeyRef(r.authorization.credentials) },
            },
            maxAlerts: r.maxAlerts,
          },
        ],
      };
    case 'msteams':
      return {
        name: r.name,
        msteamsConfigs: [{ ...common, webhookUrl: secretKeyRef(r.webhookUrl), title: r.title, text: r.text }],
      };
    case 'opsgenie':
      return {
        name: r.name,
        opsgenieConfigs: [
          {
            ...common,
            apiKey: secretKeyRef(r.apiKey),
            apiURL: r.apiUrl,
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
    sourceMatch: nonEmpty(rule.source.map(matcher)),
    targetMatch: nonEmpty(rule.target.map(matcher)),
    equal: nonEmpty(rule.equal),
  };
}

function timeInterval(interval: TimeIntervalIR) {
  return { name: interval.name, timeIntervals: interval.periods.map(period) };
}

function period(p: PeriodIR) {
  return {
    times: nonEmpty(p.times.map((t) => ({ startTime: t.start, endTime: t.end }))),
    weekdays: nonEmpty(p.weekdays),
    daysOfMonth: nonEmpty(p.daysOfMonth.map(([start, end]) => ({ start, end }))),
    months: nonEmpty(p.months),
    years: nonEmpty(p.years.map(rangeText)),
  };
}
