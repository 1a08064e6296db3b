/**
 * The intermediate representation: plain, readonly data made by `normalize` from the
 * definitions, checked by `validate`, and turned into files by the emitters.
 */
import type { SourceLocation } from './diagnostics/diagnostic.ts';
import type { MatchOperator } from './promql/selector.ts';

/** `none` is the heartbeat's alone: no route or inhibit rule meant for people's alerts may take it. */
export type Severity = 'critical' | 'warning' | 'info' | 'none';
export type Labels = Readonly<Record<string, string>>;

export interface ServiceIR {
  /** `<namespace>/<name>`, unique in the project. */
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  readonly team: string;
  readonly selector: Labels;
  readonly port: string;
  readonly path: string;
  readonly interval: string;
  readonly scrape: boolean;
  /** The metrics it declares it exposes, sorted; empty when it declares none. */
  readonly metrics: readonly string[];
  /** Added to every alert of the service. */
  readonly labels: Labels;
  readonly location: SourceLocation;
}

export interface AlertRuleIR {
  readonly type: 'alert';
  readonly name: string;
  readonly expr: string;
  readonly for?: string;
  readonly keepFiringFor?: string;
  readonly severity: Severity;
  /** Complete: severity, team, namespace and service included. */
  readonly labels: Labels;
  /** Complete: summary, description and runbook_url included. */
  readonly annotations: Labels;
  readonly serviceId: string;
  readonly location: SourceLocation;
}

export interface RecordingRuleIR {
  readonly type: 'record';
  readonly name: string;
  readonly expr: string;
  readonly labels: Labels;
  readonly serviceId: string;
  readonly location: SourceLocation;
}

export type RuleIR = AlertRuleIR | RecordingRuleIR;

export interface RuleGroupIR {
  readonly name: string;
  readonly serviceId: string;
  /** How often Prometheus evaluates the group; absent, its global `evaluation_interval`. */
  readonly interval?: string;
  /** Recordings first (each after those it reads, else by name), then alerts by name. */
  readonly rules: readonly RuleIR[];
}

export interface ConfigIR {
  readonly include: readonly string[];
  readonly out: string;
  readonly runbooks: { readonly dir: string; readonly baseUrl: string };
  readonly grafana: {
    readonly baseUrl: string;
    readonly namespace: string;
    readonly folder: string;
    readonly delivery: 'configmap' | 'grafana-operator';
    readonly instanceSelector: Labels;
  };
  /** The oldest Alertmanager the bundle targets (`0.25`), and the AlertmanagerConfig metadata labels. */
  readonly alertmanager: { readonly version: string; readonly labels: Labels };
  readonly prometheusRule: { readonly labels: Labels };
  readonly serviceMonitor: { readonly labels: Labels };
  /** Severity overrides per lint rule id. */
  readonly lint: { readonly rules: Readonly<Record<string, 'off' | 'info' | 'warning' | 'error'>> };
  readonly location: SourceLocation;
}

export interface ProjectIR {
  readonly config: ConfigIR;
  /** Sorted by id. */
  readonly services: readonly ServiceIR[];
  /** Sorted by service id, then group name. Includes the groups generated for SLOs. */
  readonly ruleGroups: readonly RuleGroupIR[];
  /** Sorted by id. */
  readonly slos: readonly SloIR[];
  /** The project's Alertmanager routing, when it has a `routing(...)`. */
  readonly routing?: RoutingIR;
  /** Runbooks people wrote (`runbooks/<AlertName>.md`), sorted by alert name. */
  readonly writtenRunbooks: readonly WrittenRunbookIR[];
  /** Kafka consumer groups watched by `kafkaConsumerLag`, sorted by id. */
  readonly consumerGroups: readonly ConsumerGroupIR[];
  /** Dead-letter queues watched by `deadLetterQueue`, sorted by id. */
  readonly deadLetterQueues: readonly DeadLetterQueueIR[];
  /** HTTP or gRPC traffic watched by `errorRate` / `latencyThreshold`, sorted by id. */
  readonly traffic: readonly TrafficIR[];
  /** Grafana dashboards, generated and custom, sorted by uid. */
  readonly dashboards: readonly DashboardIR[];
}

/** A Grafana dashboard as its JSON model (built with grafana-foundation-sdk). */
export interface DashboardIR {
  readonly uid: string;
  readonly title: string;
  /** The dashboard JSON Grafana's provisioning and HTTP API accept. */
  readonly model: GrafanaDashboardModel;
  /** Written in dashboards/ by a person, rather than generated from the definitions. */
  readonly custom: boolean;
  readonly location: SourceLocation;
}

export interface GrafanaPanelModel {
  readonly id?: number;
  readonly type: string;
  readonly title?: string;
  readonly gridPos?: { readonly x: number; readonly y: number; readonly w: number; readonly h: number };
  readonly targets?: readonly { readonly expr?: string; readonly refId?: string }[];
  /** A row's collapsed panels. */
  readonly panels?: readonly GrafanaPanelModel[];
}

export interface GrafanaDashboardModel {
  readonly uid?: string;
  readonly title?: string;
  readonly panels?: readonly GrafanaPanelModel[];
  readonly [key: string]: unknown;
}

/**
 * What a template watches, as PromQL whose results carry the normalized labels whatever the
 * exporter or instrumentation: dashboards and runbooks read these, never the raw metric names.
 */
export interface ConsumerGroupIR {
  /** `<namespace>/<service>/<consumergroup>`. */
  readonly id: string;
  readonly serviceId: string;
  readonly group: string;
  readonly topics: readonly string[];
  /** The exporter profile: `kafka_exporter`, `kminion`, `kafka-lag-exporter`, `redpanda`. */
  readonly exporter: string;
  readonly signals: {
    /** Worst partition's lag in messages, by consumergroup and topic. */
    readonly lagMax: string;
    /** Summed lag in messages, by consumergroup and topic. */
    readonly lagSum: string;
    /** Growth of the summed lag in messages per second, by consumergroup and topic. */
    readonly lagGrowth: string;
    /** Consumer group members, by consumergroup, where the exporter has them. */
    readonly members?: string;
    /** Messages consumed per second, by consumergroup and topic, where the exporter exposes committed offsets. */
    readonly consumeRate?: string;
    /** Time lag in seconds, by consumergroup and topic: measured where the exporter has it, else estimated. */
    readonly timeLagSeconds?: string;
  };
  /** The signals for every group alike, the group a Grafana variable (see SharedSignals in authoring/watch.ts). */
  readonly shared?: SharedSignalsIR<ConsumerGroupIR['signals']>;
  /** The alerts the template generated, by name. */
  readonly alertNames: readonly string[];
  readonly location: SourceLocation;
}

export interface SharedSignalsIR<Signals> {
  /** The Grafana variable that chooses the watched thing; `$variable` in the queries. */
  readonly variable: string;
  /** This watch's value of the variable. */
  readonly value: string;
  readonly signals: Signals;
}

export interface DeadLetterQueueIR {
  /** `<namespace>/<service>/<dlq topic>`. */
  readonly id: string;
  /** The service that parks failed messages. */
  readonly serviceId: string;
  readonly sourceTopic: string;
  readonly dlqTopic: string;
  /** `application` or `kafka-connect`. */
  readonly profile: string;
  /** The service that re-drives the dead letters, if any. */
  readonly reprocessorServiceId?: string;
  readonly signals: {
    /** Messages parked per second, by dlq_topic. */
    readonly arrivals: string;
    /** Failed DLQ writes per second, by dlq_topic. */
    readonly publishFailures: string;
    /** The reprocessor's lag on the DLQ topic in messages, by dlq_topic. */
    readonly backlog?: string;
    /** Reprocessing attempts per second, by dlq_topic and outcome. */
    readonly reprocessOutcomes?: string;
  };
  /** The signals for every DLQ alike, the topic a Grafana variable (see SharedSignals in authoring/watch.ts). */
  readonly shared?: SharedSignalsIR<DeadLetterQueueIR['signals']>;
  readonly alertNames: readonly string[];
  readonly location: SourceLocation;
}

export interface TrafficIR {
  /** `<namespace>/<service>/<profile>`. */
  readonly id: string;
  readonly serviceId: string;
  /** The instrumentation profile: `prometheus`, `micrometer`, `grpc`, `opentelemetry`. */
  readonly profile: string;
  readonly signals: {
    /** Requests per second, by route. */
    readonly requestRate: string;
    /** Share of requests that failed (0–1), by route. */
    readonly errorRatio: string;
    /** Latency quantile in seconds by route, with a `{{quantile}}` placeholder (0.5, 0.95, 0.99), where a histogram exists. */
    readonly latencyQuantile?: string;
  };
  readonly alertNames: readonly string[];
  readonly location: SourceLocation;
}

/** Counter series a test feeds with good, bad or all events to exercise an SLI. */
export interface SliSimulationIR {
  readonly good: readonly string[];
  readonly bad: readonly string[];
  readonly all: readonly string[];
}

export type SliTestSeriesIR =
  | { readonly kind: 'given'; readonly simulation: SliSimulationIR }
  | { readonly kind: 'error-ratio'; readonly errors: string; readonly total: string }
  | { readonly kind: 'latency'; readonly histogram: string; readonly matchers: Labels; readonly le: string }
  | { readonly kind: 'none' };

/**
 * The SLI as expressions with a `{{window}}` placeholder. An events SLI (error ratio, latency)
 * gives the rates of bad and of all events, so long windows can be derived from short
 * recordings; a raw SLI gives only the ratio, evaluated per window.
 */
export type SliIR =
  | {
      readonly kind: 'events';
      readonly errorsRate: string;
      readonly totalRate: string;
      /** Whether the errors may have no series while events flow: a counter of failures created at the first one. */
      readonly errorsMayBeMissing: boolean;
    }
  | { readonly kind: 'raw'; readonly errorRatio: string };

export interface BurnWindowIR {
  readonly long: string;
  readonly short: string;
  /** Exact decimal text, e.g. `14.4`. */
  readonly factor: string;
  /** factor × error budget, exact: `0.0144`. */
  readonly threshold: string;
}

export interface BurnTierIR {
  readonly name: 'page' | 'ticket';
  readonly severity: Severity;
  readonly windows: readonly BurnWindowIR[];
  readonly for?: string;
  readonly keepFiringFor?: string;
}

export interface SloIR {
  /** `<namespace>/<service>/<name>`. */
  readonly id: string;
  readonly name: string;
  readonly serviceId: string;
  readonly description: string;
  /** Percent as written, exact: `99.9`. */
  readonly objective: string;
  /** 1 − objective/100, exact: `0.001`. */
  readonly budget: string;
  /** `30d`. */
  readonly window: string;
  readonly sli: SliIR;
  /** Labels the SLI is kept per (one budget per value). */
  readonly by: readonly string[];
  readonly tiers: readonly BurnTierIR[];
  readonly noData?: { readonly for: string; readonly severity: Severity };
  /** Events per second below which burn alerts stay silent; exact decimal text. */
  readonly minEventRate?: string;
  /** How generated tests find series to feed the SLI (worked out only when tests are generated). */
  readonly testSeries: SliTestSeriesIR;
  readonly location: SourceLocation;
}

/**
 * A secret field of a receiver: where Alertmanager reads it (a file, and a Secret key for the
 * AlertmanagerConfig), or the fact that the definition wrote it literally (or left it out).
 * A literal value itself never enters the IR.
 */
export type SecretIR =
  | { readonly kind: 'secret'; readonly secret: string; readonly key: string; readonly file: string }
  | { readonly kind: 'literal' }
  | { readonly kind: 'missing' };

export interface MatcherIR {
  readonly name: string;
  readonly op: MatchOperator;
  readonly value: string;
}

interface ReceiverBaseIR {
  readonly name: string;
  readonly sendResolved?: boolean;
  readonly location: SourceLocation;
}

export type ReceiverIR =
  | (ReceiverBaseIR & {
      readonly type: 'slack';
      readonly apiUrl: SecretIR;
      readonly channel: string;
      readonly title?: string;
      readonly text?: string;
      readonly username?: string;
      readonly iconEmoji?: string;
    })
  | (ReceiverBaseIR & {
      readonly type: 'pagerduty';
      readonly routingKey: SecretIR;
      readonly severity?: string;
      readonly description?: string;
      readonly client?: string;
      readonly clientUrl?: string;
      readonly links: readonly { readonly href: string; readonly text?: string }[];
    })
  | (ReceiverBaseIR & {
      readonly type: 'email';
      readonly to: string;
      readonly from: string;
      readonly smarthost: string;
      readonly authUsername?: string;
      readonly authPassword?: SecretIR;
      readonly requireTls?: boolean;
      readonly headers?: Labels;
    })
  | (ReceiverBaseIR & {
      readonly type: 'webhook';
      /** The URL as a secret, or a URL that carries none. */
      readonly url: SecretIR | { readonly kind: 'public'; readonly url: string };
      readonly authorization?: { readonly type: string; readonly credentials: SecretIR };
      readonly maxAlerts?: number;
    })
  | (ReceiverBaseIR & {
      readonly type: 'msteams';
      readonly webhookUrl: SecretIR;
      readonly title?: string;
      readonly text?: string;
    })
  | (ReceiverBaseIR & {
      readonly type: 'opsgenie';
      readonly apiKey: SecretIR;
      readonly apiUrl?: string;
      readonly message?: string;
      readonly description?: string;
      readonly priority?: string;
      readonly tags?: string;
      readonly responders: readonly { readonly type: string; readonly name?: string; readonly id?: string; readonly username?: string }[];
    })
  | (ReceiverBaseIR & { readonly type: 'discard' });

export interface RouteIR {
  /** Where the route is in the definition, for diagnostics: `routes[3] > routes[0]`; `` for the root. */
  readonly path: string;
  /** Sorted by label name. */
  readonly matchers: readonly MatcherIR[];
  /** Undefined: inherited from the parent. */
  readonly receiver?: string;
  /** `['...']` groups by every label. Undefined: inherited. */
  readonly groupBy?: readonly string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly continue: boolean;
  readonly activeTimeIntervals: readonly string[];
  readonly muteTimeIntervals: readonly string[];
  readonly routes: readonly RouteIR[];
  /** The route vigil adds for the heartbeat. */
  readonly heartbeat?: boolean;
}

export interface InhibitRuleIR {
  readonly path: string;
  readonly source: readonly MatcherIR[];
  readonly target: readonly MatcherIR[];
  readonly equal: readonly string[];
}

export interface PeriodIR {
  readonly times: readonly { readonly start: string; readonly end: string }[];
  readonly weekdays: readonly string[];
  /** Inclusive [start, end]. */
  readonly daysOfMonth: readonly (readonly [number, number])[];
  readonly months: readonly string[];
  readonly years: readonly (readonly [number, number])[];
}

export interface TimeIntervalIR {
  readonly name: string;
  readonly periods: readonly PeriodIR[];
  readonly location: SourceLocation;
}

export interface HeartbeatIR {
  readonly alertName: string;
  readonly serviceId: string;
  readonly receiver: string;
  readonly interval: string;
}

export interface RoutingIR {
  /** The root route: it matches every alert and always names a receiver. */
  readonly route: RouteIR;
  /** Every receiver the tree uses, sorted by name. */
  readonly receivers: readonly ReceiverIR[];
  readonly inhibitRules: readonly InhibitRuleIR[];
  /** Sorted by name. */
  readonly timeIntervals: readonly TimeIntervalIR[];
  readonly heartbeat?: HeartbeatIR;
  readonly location: SourceLocation;
}

export type RunbookSectionKey = 'meaning' | 'impact' | 'diagnosis' | 'mitigation';

export interface WrittenRunbookIR {
  readonly alertName: string;
  /** Relative to the project root: `runbooks/HTTPErrorRateHigh.md`. */
  readonly file: string;
  /** Text before the first section (after the title), trimmed; may be empty. */
  readonly intro: string;
  /** In file order. `key` names the four standard sections; others are kept as written. */
  readonly sections: readonly { readonly title: string; readonly key?: RunbookSectionKey; readonly body: string; readonly line: number }[];
}
