import { discard, slack, type Receiver, type SlackReceiver } from '../authoring/receivers.ts';
import {
  routing,
  type HeartbeatOptions,
  type InhibitRule,
  type RouteOptions,
  type RouteTimings,
  type RoutingDefinition,
} from '../authoring/routing.ts';
import type { SecretRef } from '../authoring/secret.ts';
import { anyOf, notRe } from '../promql/selector.ts';
import { requireOptions } from './shared.ts';

export interface TeamChannel {
  /** The team's Slack channel. Default: the default channel. */
  readonly channel?: string;
  /** Webhook for this team's channel, when the default one cannot post there. */
  readonly webhook?: SecretRef;
  /** Pages this team's on-call instead of the shared pager. */
  readonly pager?: Receiver;
}

export interface TeamRoutingOptions extends RouteTimings {
  readonly slack: {
    /** The incoming webhook (a Secret key). */
    readonly webhook: SecretRef;
    /** Where warnings of a team without a channel, and alerts of unknown teams, go. */
    readonly defaultChannel: string;
    /** Post when an alert resolves. Default true. */
    readonly sendResolved?: boolean;
    /** Message text (Go template). Default: summary, description, runbook and dashboard (SLO alerts have one) of each firing alert, then the summary of each resolved one. */
    readonly text?: string;
  };
  /** Pages the on-call for every critical alert. */
  readonly pager: Receiver;
  /** Every team that owns alerts (the `team` label), with its channel. */
  readonly teams: Readonly<Record<string, TeamChannel>>;
  /** Routes tried before the generated ones (e.g. a service that needs its own receiver). */
  readonly routes?: readonly RouteOptions[];
  /**
   * The labels on which a critical alert mutes a warning. Default alert name, namespace and
   * service; add `slo` so that one SLO's page leaves another SLO's ticket of the service alone
   * (every burn alert is `ErrorBudgetBurn`).
   */
  readonly inhibitEqual?: readonly string[];
  /** Added to the default rule: a critical alert mutes the warning with the same `inhibitEqual` labels. */
  readonly inhibitRules?: readonly InhibitRule[];
  readonly heartbeat?: HeartbeatOptions;
}

/** A critical alert mutes the warning-level alert with the same labels in `equal`. */
export function criticalInhibitsWarning(equal: readonly string[] = ['alertname', 'namespace', 'service']): InhibitRule {
  return { source: { severity: 'critical' }, target: { severity: 'warning' }, equal };
}

/**
 * A group's notification carries its firing and its resolved alerts together, and the title
 * counts only the firing ones, so each resolved alert says so, in one line.
 */
const defaultSlackText = [
  '{{ range .Alerts.Firing }}*{{ .Annotations.summary }}*',
  '{{ .Annotations.description }}',
  'Runbook: {{ .Annotations.runbook_url }}',
  '{{ with .Annotations.dashboard_url }}Dashboard: {{ . }}',
  '{{ end }}{{ end }}{{ range .Alerts.Resolved }}Resolved: {{ .Annotations.summary }}',
  '{{ end }}',
].join('\n');

/**
 * The usual routing, short to write: critical alerts page through `pager` and also post to
 * the owning team's Slack channel; warnings post to the team's channel (the default channel
 * when the team names none); info alerts are not sent; a critical alert inhibits the warning
 * of the same alert name, namespace and service. Built on `routing()`, like any template.
 */
export function teamRouting(options: TeamRoutingOptions): RoutingDefinition {
  requireOptions('teamRouting()', options);
  requireOptions('teamRouting()', options.slack, 'slack');
  requireOptions('teamRouting()', options.teams, 'teams');
  for (const [team, channel] of Object.entries(options.teams)) requireOptions('teamRouting()', channel, `teams.${team}`);
  const channels = new Map<string, SlackReceiver>();
  const slackTo = (channel: string, webhook: SecretRef): SlackReceiver => {
    // one receiver per channel and webhook; the same channel through two webhooks is reported as two receivers with one name
    const id = JSON.stringify([channel, webhook.secret, webhook.key, webhook.file]);
    const known = channels.get(id);
    if (known) return known;
    const receiver = slack({
      name: `slack-${channel.replace(/^[#@]/, '')}`,
      apiUrl: webhook,
      channel,
      sendResolved: options.slack.sendResolved ?? true,
      text: options.slack.text ?? defaultSlackText,
    });
    channels.set(id, receiver);
    return receiver;
  };
  const defaultReceiver = slackTo(options.slack.defaultChannel, options.slack.webhook);
  const teams = Object.keys(options.teams).sort();
  const ownPager = teams.filter((team) => options.teams[team]!.pager !== undefined);

  const pages: RouteOptions[] = [
    ...ownPager.map((team) => ({
      matchers: { severity: 'critical', team },
      receiver: options.teams[team]!.pager!,
      continue: true,
    })),
    {
      matchers: ownPager.length === 0 ? { severity: 'critical' } : { severity: 'critical', team: notRe(anyOf(ownPager)) },
      receiver: options.pager,
      continue: true,
    },
  ];
  const teamChannels: RouteOptions[] = teams.map((team) => {
    const { channel, webhook } = options.teams[team]!;
    return {
      matchers: { team },
      receiver: slackTo(channel ?? options.slack.defaultChannel, webhook ?? options.slack.webhook),
    };
  });

  return routing({
    receiver: defaultReceiver,
    groupBy: options.groupBy ?? ['alertname', 'namespace', 'service'],
    ...(options.groupWait === undefined ? {} : { groupWait: options.groupWait }),
    ...(options.groupInterval === undefined ? {} : { groupInterval: options.groupInterval }),
    ...(options.repeatInterval === undefined ? {} : { repeatInterval: options.repeatInterval }),
    routes: [...(options.routes ?? []), { matchers: { severity: 'info' }, receiver: discard() }, ...pages, ...teamChannels],
    inhibitRules: [criticalInhibitsWarning(options.inhibitEqual), ...(options.inhibitRules ?? [])],
    ...(options.heartbeat === undefined ? {} : { heartbeat: options.heartbeat }),
  });
}
