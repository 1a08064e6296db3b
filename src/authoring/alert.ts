import { define, type DefinitionBase } from './definition.ts';
import type { ServiceDefinition } from './service.ts';

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** A service given by its definition or by name (the name must be unique across namespaces). */
export type ServiceRef = ServiceDefinition | string;

export interface AlertOptions {
  /** Alert name, CamelCase (`HTTPErrorRateHigh`). Several services may share one name. */
  readonly name: string;
  readonly service: ServiceRef;
  /** PromQL; the alert fires for every series it returns. */
  readonly expr: string;
  /** How long the condition must hold before firing (`5m`). */
  readonly for?: string;
  /** How long to keep firing after the condition clears (Prometheus ≥ 2.42). */
  readonly keepFiringFor?: string;
  readonly severity: AlertSeverity;
  readonly labels?: Readonly<Record<string, string>>;
  /** One line for the notification title. May use `{{ $labels.x }}` and `{{ $value }}`. */
  readonly summary: string;
  /** What is happening and why it matters, for the person woken up. */
  readonly description: string;
  /** Extra annotations. */
  readonly annotations?: Readonly<Record<string, string>>;
  /** Rule group inside the service's PrometheusRule. Default `alerts`. */
  readonly group?: string;
}

export interface AlertDefinition extends DefinitionBase<'alert'>, AlertOptions {}

/** A Prometheus alerting rule owned by a service. */
export function alert(options: AlertOptions): AlertDefinition {
  return define('alert', { ...options });
}
