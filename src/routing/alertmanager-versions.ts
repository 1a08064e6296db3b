import type { ReceiverIR } from '../ir.ts';

/** vigil writes configuration for Alertmanager 0.25 (Debian bookworm) and later. */
export const OLDEST_ALERTMANAGER = '0.25';

/** `0.25` → 25. Alertmanager has had no major release, so the minor orders versions. */
export function minorVersion(version: string): number {
  const match = /^0\.(\d+)$/.exec(version);
  if (!match) throw new Error(`internal: unchecked Alertmanager version ${JSON.stringify(version)}`);
  return Number(match[1]);
}

export interface VersionNeed {
  readonly version: string;
  /** What needs it, completing "… needs Alertmanager <version>". */
  readonly what: string;
  readonly hint: string;
}

/**
 * What a receiver needs from Alertmanager to read its secrets from files. Slack `api_url_file`
 * (0.22), PagerDuty `routing_key_file` (0.25), Opsgenie `api_key_file` (0.24, usable from 0.25),
 * email `auth_password_file` and `http_config` `credentials_file` all load in 0.25.
 */
export function versionNeeds(receiver: ReceiverIR): VersionNeed[] {
  if (receiver.type === 'webhook' && receiver.url.kind !== 'public') {
    return [
      {
        version: '0.26',
        what: 'to read a webhook URL from a file (`url_file`)',
        hint:
          'Alertmanager 0.25 takes a webhook URL only literally, which would put the secret into the bundle: ' +
          'when the URL itself carries no secret, give it as `publicUrl` and the credentials as `authorization`; ' +
          "otherwise set `alertmanager: { version: '0.26' }` in the config once every Alertmanager you run is 0.26 or later",
      },
    ];
  }
  if (receiver.type === 'msteams') {
    return [
      {
        version: '0.27',
        what: 'for a Microsoft Teams receiver that reads its webhook URL from a file (`msteams_configs` came in 0.26, `webhook_url_file` in 0.27)',
        hint:
          "Alertmanager 0.25 has no Teams integration: set `alertmanager: { version: '0.27' }` in the config once every Alertmanager you run is 0.27 or later, " +
          'or post through a bridge such as prometheus-msteams with `webhook({ publicUrl })`',
      },
    ];
  }
  return [];
}
