/**
 * JSON Schemas of the definitions people write by hand (mirroring their option types), keyed by
 * kind. TypeScript states these types, but definitions are loaded without type checking (and
 * may be built from data), so a number where a string belongs must be a diagnostic, not a crash
 * deep in the compiler. Only types and unknown keys are checked here; what a value means (a
 * duration, an objective, a label name, a matcher, a receiver) is checked later, with a better
 * message. A schema's `description` says in words what it takes, for the diagnostic.
 */
const string = { type: 'string' } as const;
const number = { type: 'number' } as const;
const strings = { type: 'array', items: string } as const;
const stringMap = { type: 'object', additionalProperties: string } as const;

/** A service given by its definition or by name (the `service` keyword, see definition-shape.ts). */
const serviceRef = { description: 'a service or its name', service: true } as const;

/** Options, or `false` for off. */
const optionsOrOff = (properties: Record<string, unknown>) =>
  ({ description: 'options or false', type: ['object', 'boolean'], not: { const: true }, additionalProperties: false, properties }) as const;

/** Checked where it is used: matchers, receivers and time intervals have their own diagnostics. */
const checkedLater = true;
const durations = { groupWait: string, groupInterval: string, repeatInterval: string } as const;
const groupBy = { description: "a list of label names or 'all'", type: ['array', 'string'], items: string, pattern: '^all$' } as const;

/** What every definition carries besides its options. */
const made = { kind: string, location: { type: 'object' } } as const;

const definition = (properties: Record<string, unknown>, required: readonly string[]) =>
  ({ type: 'object', additionalProperties: false, required, properties: { ...made, ...properties } }) as const;

const simulate = {
  type: 'object',
  additionalProperties: false,
  properties: { good: strings, bad: strings, all: strings },
} as const;

const sli = {
  description: 'made by errorRatio(), latency() or rawRatio()',
  type: 'object',
  required: ['kind'],
  properties: { kind: string },
  discriminator: { propertyName: 'kind' },
  oneOf: [
    {
      additionalProperties: false,
      required: ['errors', 'total'],
      properties: { kind: { const: 'error-ratio' }, errors: string, total: string, simulate },
    },
    {
      additionalProperties: false,
      required: ['histogram', 'thresholdSeconds', 'buckets'],
      properties: { kind: { const: 'latency' }, histogram: string, matchers: stringMap, thresholdSeconds: number, buckets: { type: 'array', items: number } },
    },
    {
      additionalProperties: false,
      required: ['errorRatio'],
      properties: { kind: { const: 'raw' }, errorRatio: string, simulate },
    },
  ],
} as const;

const tier = optionsOrOff({
  windows: {
    type: 'array',
    items: { type: 'object', additionalProperties: false, required: ['long', 'factor'], properties: { long: string, short: string, factor: number } },
  },
  for: string,
  keepFiringFor: string,
  severity: string,
});

export const definitionSchemas = {
  service: definition(
    {
      name: string,
      namespace: string,
      team: string,
      selector: stringMap,
      port: string,
      path: string,
      interval: string,
      scrape: { type: 'boolean' },
      labels: stringMap,
      metrics: strings,
      scrapeLabels: { type: 'object' },
    },
    ['name', 'namespace', 'team'],
  ),
  alert: definition(
    {
      name: string,
      service: serviceRef,
      expr: string,
      for: string,
      keepFiringFor: string,
      severity: string,
      labels: stringMap,
      summary: string,
      description: string,
      annotations: stringMap,
      group: string,
    },
    ['name', 'service', 'expr', 'severity', 'summary', 'description'],
  ),
  record: definition({ name: string, service: serviceRef, expr: string, labels: stringMap, group: string, shared: { type: 'boolean' } }, ['name', 'service', 'expr']),
  slo: definition(
    {
      service: serviceRef,
      name: string,
      description: string,
      objective: number,
      window: string,
      sli,
      by: strings,
      alerting: {
        type: 'object',
        additionalProperties: false,
        properties: {
          page: tier,
          ticket: tier,
          noData: optionsOrOff({ for: string, severity: string }),
          minEventRate: number,
        },
      },
    },
    ['service', 'name', 'objective', 'sli'],
  ),
  routing: {
    ...definition(
      {
        receiver: checkedLater,
        groupBy,
        ...durations,
        routes: { type: 'array', items: { $ref: '#/definitions/route' } },
        inhibitRules: {
          type: 'array',
          items: { type: 'object', additionalProperties: false, required: ['source', 'target'], properties: { source: checkedLater, target: checkedLater, equal: strings } },
        },
        heartbeat: { type: 'object', additionalProperties: false, required: ['service', 'receiver'], properties: { service: serviceRef, receiver: checkedLater, interval: string } },
      },
      ['receiver'],
    ),
    definitions: {
      route: {
        type: 'object',
        additionalProperties: false,
        properties: {
          matchers: checkedLater,
          receiver: checkedLater,
          continue: { type: 'boolean' },
          groupBy,
          ...durations,
          activeTimeIntervals: checkedLater,
          muteTimeIntervals: checkedLater,
          routes: { type: 'array', items: { $ref: '#/definitions/route' } },
        },
      },
    },
  },
} as const;
