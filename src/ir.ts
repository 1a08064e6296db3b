/**
 * The intermediate representation: plain, readonly data made by `normalize` from the
 * definitions, checked by `validate`, and turned into files by the emitters.
 */
import type { SourceLocation } from './diagnostics/diagnostic.ts';

export type Severity = 'critical' | 'warning' | 'info';
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
  /** Recordings first (each after those it reads, else by name), then alerts by name. */
  readonly rules: readonly RuleIR[];
}

export interface ConfigIR {
  readonly include: readonly string[];
  readonly out: string;
  readonly runbooks: { readonly dir: string; readonly baseUrl: string };
  readonly grafana: { readonly baseUrl: string };
  readonly prometheusRule: { readonly labels: Labels };
  readonly serviceMonitor: { readonly labels: Labels };
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
  | { readonly kind: 'events'; readonly errorsRate: string; readonly totalRate: string }
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
