/**
 * A credential kept in a Kubernetes Secret. vigil writes where to read it (a file for
 * alertmanager.yml, a Secret key reference for AlertmanagerConfig), never its value.
 */
export interface SecretRef {
  readonly kind: 'secret-ref';
  /** Name of the Kubernetes Secret. */
  readonly secret: string;
  /** Key inside the Secret. */
  readonly key: string;
  /**
   * Path Alertmanager reads the value from. Default `/etc/alertmanager/secrets/<secret>/<key>`,
   * where the Prometheus Operator mounts the Secrets listed in the Alertmanager's `spec.secrets`.
   */
  readonly file?: string;
}

/** `secretKey('alertmanager-slack', 'webhook-url')`: the key `webhook-url` of the Secret `alertmanager-slack`. */
export function secretKey(secret: string, key: string, options: { readonly file?: string } = {}): SecretRef {
  return Object.freeze({ kind: 'secret-ref', secret, key, ...(options.file === undefined ? {} : { file: options.file }) });
}

export function isSecretRef(value: unknown): value is SecretRef {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'secret-ref';
}
