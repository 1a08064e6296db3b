import { pagerduty, secretKey, teamRouting, webhook } from 'vigil';
import { identity } from './identity.ts';

/**
 * DSRS notifications. Critical alerts page the on-call through PagerDuty and post to the
 * owning team's Slack channel; warnings post to the team's channel, or `#alerts` for a team
 * without one; info alerts are not sent. A critical alert mutes the warning of the same alert
 * name, namespace and service. Secrets stay in Kubernetes Secrets: Alertmanager reads them
 * from the files the Prometheus Operator mounts, AlertmanagerConfig refers to them by key.
 */
teamRouting({
  slack: {
    webhook: secretKey('alertmanager-slack', 'webhook-url'),
    defaultChannel: '#alerts',
  },
  pager: pagerduty({
    name: 'pagerduty-oncall',
    routingKey: secretKey('alertmanager-pagerduty', 'routing-key'),
    severity: '{{ .CommonLabels.severity }}',
  }),
  teams: {
    registry: { channel: '#registry-alerts' },
    eligibility: { channel: '#eligibility-alerts' },
    payments: { channel: '#payments-alerts' },
    analytics: {},
    platform: { channel: '#platform-alerts' },
  },
  // The platform team owns the alerting pipeline. Its heartbeat rides with identity's rules, so
  // it travels the same way as every DSRS alert: a PrometheusRule and an AlertmanagerConfig in
  // namespace dsrs. The dead man's switch is an Opsgenie heartbeat: its ping URL names the
  // heartbeat, the API key travels in the Authorization header, read from a Secret.
  heartbeat: {
    service: identity,
    receiver: webhook({
      name: 'heartbeat',
      publicUrl: 'https://api.opsgenie.com/v2/heartbeats/dsrs-alertmanager/ping',
      authorization: { type: 'GenieKey', credentials: secretKey('alertmanager-heartbeat', 'api-key') },
      sendResolved: false,
    }),
  },
});
