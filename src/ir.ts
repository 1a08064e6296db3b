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
  readonly prometheusRule: { readonly labels: Labels };
  readonly serviceMonitor: { readonly labels: Labels };
  readonly location: SourceLocation;
}

export interface ProjectIR {
  readonly config: ConfigIR;
  /** Sorted by id. */
  readonly services: readonly ServiceIR[];
  /** Sorted by service id, then group name. */
  readonly ruleGroups: readonly RuleGroupIR[];
}
