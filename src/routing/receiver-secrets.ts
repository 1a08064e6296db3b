import type { ReceiverIR, SecretIR } from '../ir.ts';

export interface SecretField {
  /** The option's name in the definition: `apiUrl`, `authorization.credentials`. */
  readonly field: string;
  readonly secret: SecretIR;
  /** What the secret is, for messages: `the Slack webhook URL`. */
  readonly what: string;
}

/** Every secret a receiver needs, each to be read from a Secret key. */
export function secretFields(receiver: ReceiverIR): SecretField[] {
  switch (receiver.type) {
    case 'slack':
      return [{ field: 'apiUrl', secret: receiver.apiUrl, what: 'the Slack webhook URL' }];
    case 'pagerduty':
      return [{ field: 'routingKey', secret: receiver.routingKey, what: 'the PagerDuty routing key' }];
    case 'email':
      return receiver.authPassword ? [{ field: 'authPassword', secret: receiver.authPassword, what: 'the SMTP password' }] : [];
    case 'webhook':
      return [
        ...(receiver.url.kind === 'public' ? [] : [{ field: 'url', secret: receiver.url, what: 'the webhook URL' }]),
        ...(receiver.authorization
          ? [{ field: 'authorization.credentials', secret: receiver.authorization.credentials, what: 'the webhook credentials' }]
          : []),
      ];
    case 'msteams':
      return [{ field: 'webhookUrl', secret: receiver.webhookUrl, what: 'the Microsoft Teams webhook URL' }];
    case 'opsgenie':
      return [{ field: 'apiKey', secret: receiver.apiKey, what: 'the Opsgenie API key' }];
    case 'discard':
      return [];
  }
}

export function receiverPath(receiver: ReceiverIR): string {
  return `routing > receiver "${receiver.name}"`;
}
