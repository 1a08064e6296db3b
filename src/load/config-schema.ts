/** JSON Schema of `vigil.config.ts`'s default export (mirrors the VigilConfig type). */
const stringMap = {
  type: 'object',
  additionalProperties: { type: 'string' },
} as const;

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'vigil configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    include: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    out: { type: 'string', minLength: 1 },
    runbooks: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dir: { type: 'string', minLength: 1 },
        baseUrl: { description: 'an http:// or https:// URL, or empty', type: 'string', pattern: '^(https?://\\S+)?$' },
      },
    },
    grafana: {
      type: 'object',
      additionalProperties: false,
      properties: {
        baseUrl: { description: 'an http:// or https:// URL, or empty', type: 'string', pattern: '^(https?://\\S+)?$' },
        namespace: {
          description: 'a namespace: at most 63 lowercase letters, digits and `-`, starting and ending with a letter or digit',
          type: 'string',
          maxLength: 63,
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        },
        folder: { type: 'string', minLength: 1 },
        delivery: { enum: ['configmap', 'grafana-operator'] },
        instanceSelector: stringMap,
      },
    },
    lint: {
      type: 'object',
      additionalProperties: false,
      properties: { rules: { type: 'object', additionalProperties: { enum: ['off', 'info', 'warning', 'error'] } } },
    },
    alertmanager: {
      type: 'object',
      additionalProperties: false,
      properties: {
        version: { type: 'string', pattern: '^0\\.(0|[1-9][0-9]*)$' },
        labels: stringMap,
      },
    },
    prometheusRule: { type: 'object', additionalProperties: false, properties: { labels: stringMap } },
    serviceMonitor: { type: 'object', additionalProperties: false, properties: { labels: stringMap } },
  },
} as const;
