import type { Definition } from '../authoring/index.ts';
import type { AlertDefinition } from '../authoring/alert.ts';
import type { ConfigDefinition } from '../authoring/config.ts';
import type { RecordDefinition } from '../authoring/record.ts';
import type { RoutingDefinition } from '../authoring/routing.ts';
import type { ServiceDefinition } from '../authoring/service.ts';
import type { SloDefinition } from '../authoring/slo.ts';
import type { WatchDefinition } from '../authoring/watch.ts';
import type { DashboardDefinition } from '../authoring/dashboard.ts';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ProjectIR } from '../ir.ts';
import { normalizeConfig } from './config.ts';
import { normalizeDashboards } from './dashboards.ts';
import { normalizeRouting } from './routing.ts';
import { normalizeRunbooks, type RunbookSource } from './runbooks.ts';
import { normalizeRules } from './rules.ts';
import { placeSharedRecords } from './shared-records.ts';
import { normalizeWatches } from './watches.ts';
import { ServiceIndex } from './services.ts';
import { normalizeSlos } from '../slo/index.ts';

export interface NormalizeResult {
  readonly ir: ProjectIR;
  readonly diagnostics: readonly Diagnostic[];
}

/** Definitions → IR: defaults filled, references resolved, labels and annotations completed. */
export function normalize(
  definitions: readonly Definition[],
  config?: ConfigDefinition,
  runbooks: readonly RunbookSource[] = [],
): NormalizeResult {
  const services: ServiceDefinition[] = [];
  const alerts: AlertDefinition[] = [];
  const records: RecordDefinition[] = [];
  const slos: SloDefinition[] = [];
  const routings: RoutingDefinition[] = [];
  const watches: WatchDefinition[] = [];
  const dashboards: DashboardDefinition[] = [];
  for (const definition of definitions) {
    switch (definition.kind) {
      case 'service':
        services.push(definition);
        break;
      case 'alert':
        alerts.push(definition);
        break;
      case 'record':
        records.push(definition);
        break;
      case 'slo':
        slos.push(definition);
        break;
      case 'routing':
        routings.push(definition);
        break;
      case 'consumer-group':
      case 'dead-letter-queue':
      case 'traffic':
        watches.push(definition);
        break;
      case 'dashboard':
        dashboards.push(definition);
        break;
      default:
        throw new Error(`internal: unknown definition kind ${JSON.stringify((definition as { kind: unknown }).kind)}`);
    }
  }
  const diagnostics: Diagnostic[] = [];
  const configIR = normalizeConfig(config);
  const serviceIndex = new ServiceIndex(services);
  const slo = normalizeSlos(slos, serviceIndex, configIR, diagnostics);
  const routing = normalizeRouting(routings, serviceIndex, configIR, diagnostics);
  const shared = placeSharedRecords(records.filter((r) => r.shared === true), serviceIndex, diagnostics);
  const owned = records.filter((r) => r.shared !== true);
  const ruleGroups = normalizeRules(alerts, owned, serviceIndex, configIR, diagnostics, [...slo.rules, ...routing.rules, ...shared]);
  const writtenRunbooks = normalizeRunbooks(runbooks, diagnostics);
  const watched = normalizeWatches(watches, serviceIndex, diagnostics);
  const withoutDashboards = {
    config: configIR,
    services: serviceIndex.all(),
    ruleGroups,
    slos: slo.slos,
    ...(routing.routing ? { routing: routing.routing } : {}),
    writtenRunbooks,
    ...watched,
  };
  return {
    ir: { ...withoutDashboards, dashboards: normalizeDashboards(dashboards, withoutDashboards, diagnostics) },
    diagnostics: [...serviceIndex.diagnostics, ...diagnostics],
  };
}
