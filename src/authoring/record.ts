import { define, type DefinitionBase } from './definition.ts';
import type { ServiceRef } from './alert.ts';

export interface RecordOptions {
  /** Recording-rule name in `level:metric:operations` form. */
  readonly name: string;
  readonly service: ServiceRef;
  readonly expr: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Rule group inside the service's PrometheusRule. Default `alerts`, so alerts can read it in the same evaluation. */
  readonly group?: string;
  /**
   * The same recording may be defined by several services (a template's, over an exporter they
   * share): vigil keeps one rule in the project, in the first of them by service id, since two
   * rules writing one series would have Prometheus drop the second one's samples.
   */
  readonly shared?: boolean;
}

export interface RecordDefinition extends DefinitionBase<'record'>, RecordOptions {}

/** A Prometheus recording rule owned by a service. */
export function record(options: RecordOptions): RecordDefinition {
  return define('record', { ...options });
}
