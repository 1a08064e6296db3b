import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { define, type DefinitionBase } from './definition.ts';

/** Anything that builds a dashboard: grafana-foundation-sdk's DashboardBuilder, for one. */
export interface DashboardSource {
  build(): Dashboard;
}

export interface DashboardDefinition extends DefinitionBase<'dashboard'> {
  /** The dashboard's JSON model. Its uid, when set, must be unique in the project; else vigil makes one from the title. */
  readonly model: Dashboard;
}

/**
 * A dashboard written by hand with grafana-foundation-sdk (and vigil's panel helpers), in
 * `dashboards/`. vigil checks its queries and layout like a generated one and writes it with them.
 */
export function dashboard(source: DashboardSource | Dashboard): DashboardDefinition {
  const isBuilder = typeof source === 'object' && source !== null && 'build' in source && typeof source.build === 'function';
  const model = isBuilder ? source.build() : (source as Dashboard);
  return define('dashboard', { model });
}
