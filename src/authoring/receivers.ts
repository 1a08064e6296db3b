import type { SourceLocation } from '../diagnostics/diagnostic.ts';
import { captureLocation } from './location.ts';
import type { SecretRef } from './secret.ts';

interface ReceiverCommon {
  /** Unique in the routing; Alertmanager and `vigil routes` show it. */
  readonly name: string;
  /** Also notify when the alert resolves. Default: Alertmanager's (false for Slack and email, true otherwise). */
  readonly sendResolved?: boolean;
}

/** Stamped by the factory: where the receiver was made, for diagnostics. */
interface Made<Type extends string> {
  readonly type: Type;
  readonly location: SourceLocation;
}

export interface SlackOptions extends ReceiverCommon {
  /** The incoming-webhook URL. It is a secret: give a Secret key, never the URL. */
  readonly apiUrl: SecretRef;
  /** `#channel` or `@user`. */
  readonly channel: string;
  /** Message title (Go template). */
  readonly title?: string;
  /** Message text (Go template). */
  readonly text?: string;
  readonly username?: string;
  readonly iconEmoji?: string;
}

/** A link on the incident. Alertmanager leaves out a link whose `href` renders empty. */
export interface PagerDutyLink {
  /** The URL (Go template). */
  readonly href: string;
  /** The link's text (Go template). */
  readonly text?: string;
}

export interface PagerDutyOptions extends ReceiverCommon {
  /** The Events API v2 integration key. */
  readonly routingKey: SecretRef;
  /** Incident severity (Go template), e.g. `{{ .CommonLabels.severity }}`. Default `error`. */
  readonly severity?: string;
  /** Incident title (Go template). */
  readonly description?: string;
  readonly client?: string;
  readonly clientUrl?: string;
  /**
   * Links a responder clicks on the incident (Go templates). Default: the runbook and the
   * dashboard that all the incident's alerts share (every vigil alert has a runbook, SLO alerts
   * a dashboard). `[]` sends none.
   */
  readonly links?: readonly PagerDutyLink[];
}

export interface EmailOptions extends ReceiverCommon {
  /** Recipient addresses, comma separated. */
  readonly to: string;
  readonly from: string;
  /** `host:port` of the SMTP server. */
  readonly smarthost: string;
  readonly authUsername?: string;
  readonly authPassword?: SecretRef;
  readonly requireTls?: boolean;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Credentials sent in the `Authorization` header as `<type> <credentials>`. */
export interface WebhookAuthorization {
  /** Default `Bearer`. */
  readonly type?: string;
  readonly credentials: SecretRef;
}

interface WebhookCommon extends ReceiverCommon {
  readonly authorization?: WebhookAuthorization;
  /** At most this many alerts per request; 0 sends all. */
  readonly maxAlerts?: number;
}

export type WebhookOptions = WebhookCommon &
  (
    | {
        /** A URL that is itself a secret (a token in its path or query), read from a Secret. Needs Alertmanager 0.26 for alertmanager.yml. */
        readonly url: SecretRef;
        readonly publicUrl?: never;
      }
    | {
        /** A URL that carries no secret (an in-cluster service, or an API that authenticates through `authorization`). */
        readonly publicUrl: string;
        readonly url?: never;
      }
  );

export interface MsTeamsOptions extends ReceiverCommon {
  /** The incoming-webhook URL (a secret). Alertmanager reads it from a file from 0.27 on. */
  readonly webhookUrl: SecretRef;
  readonly title?: string;
  readonly text?: string;
}

export interface OpsgenieResponder {
  readonly type: 'team' | 'teams' | 'user' | 'escalation' | 'schedule';
  readonly name?: string;
  readonly id?: string;
  readonly username?: string;
}

export interface OpsgenieOptions extends ReceiverCommon {
  readonly apiKey: SecretRef;
  /** Default Opsgenie's global API. */
  readonly apiUrl?: string;
  readonly message?: string;
  readonly description?: string;
  /** `P1` … `P5`, or a Go template. */
  readonly priority?: string;
  /** Comma-separated tags (Go template). */
  readonly tags?: string;
  readonly responders?: readonly OpsgenieResponder[];
}

export interface SlackReceiver extends SlackOptions, Made<'slack'> {}
export interface PagerDutyReceiver extends PagerDutyOptions, Made<'pagerduty'> {}
export interface EmailReceiver extends EmailOptions, Made<'email'> {}
export type WebhookReceiver = WebhookOptions & Made<'webhook'>;
export interface MsTeamsReceiver extends MsTeamsOptions, Made<'msteams'> {}
export interface OpsgenieReceiver extends OpsgenieOptions, Made<'opsgenie'> {}
/** A receiver with no integration: alerts routed to it are dropped on purpose. */
export interface DiscardReceiver extends Made<'discard'> {
  readonly name: string;
}

export type Receiver =
  | SlackReceiver
  | PagerDutyReceiver
  | EmailReceiver
  | WebhookReceiver
  | MsTeamsReceiver
  | OpsgenieReceiver
  | DiscardReceiver;

function made<Type extends string, Options extends object>(type: Type, options: Options): Options & Made<Type> {
  return Object.freeze({ ...options, type, location: captureLocation() });
}

/** Posts to a Slack channel through an incoming webhook. */
export function slack(options: SlackOptions): SlackReceiver {
  return made('slack', options);
}

/** Opens PagerDuty incidents through the Events API v2. */
export function pagerduty(options: PagerDutyOptions): PagerDutyReceiver {
  return made('pagerduty', options);
}

export function email(options: EmailOptions): EmailReceiver {
  return made('email', options);
}

/** POSTs Alertmanager's webhook payload to a URL. */
export function webhook(options: WebhookOptions): WebhookReceiver {
  return made('webhook', options);
}

/** Posts to a Microsoft Teams channel (Alertmanager 0.26 or later). */
export function msteams(options: MsTeamsOptions): MsTeamsReceiver {
  return made('msteams', options);
}

export function opsgenie(options: OpsgenieOptions): OpsgenieReceiver {
  return made('opsgenie', options);
}

/** Drops what is routed to it: `discard()` is the receiver named `null`. */
export function discard(name = 'null'): DiscardReceiver {
  return made('discard', { name });
}
