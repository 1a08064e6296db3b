import type { DashboardIR, GrafanaDashboardModel, ProjectIR } from '../ir.ts';
import { overviewDashboard } from './overview-dashboard.ts';
import { deadLettersDashboard, kafkaDashboard } from './pipeline-dashboards.ts';
import { serviceDashboard } from './service-dashboard.ts';
import { flattenStrings } from '../util/flat.ts';
import { groupBy } from '../util/records.ts';

/** The dashboards vigil generates from the definitions: one per service, Kafka, dead letters, and the overview. */
export function generatedDashboards(ir: ProjectIR): DashboardIR[] {
  const slos = groupBy(ir.slos, (s) => s.serviceId);
  const traffic = new Map([...ir.traffic].reverse().map((t) => [t.serviceId, t])); // the first of a service's wins
  const ruleGroups = groupBy(ir.ruleGroups, (g) => g.serviceId);
  const dashboards: DashboardIR[] = ir.services.map((service) =>
    generated(
      serviceDashboard(ir, service, { slos: slos.get(service.id) ?? [], traffic: traffic.get(service.id), ruleGroups: ruleGroups.get(service.id) ?? [] }),
      service.location,
    ),
  );
  if (ir.consumerGroups.length > 0) dashboards.push(generated(kafkaDashboard(ir), ir.consumerGroups[0]!.location));
  if (ir.deadLetterQueues.length > 0) dashboards.push(generated(deadLettersDashboard(ir), ir.deadLetterQueues[0]!.location));
  if (ir.services.length > 0) dashboards.push(generated(overviewDashboard(ir), ir.config.location));
  return dashboards;
}

function generated(model: object, location: DashboardIR['location']): DashboardIR {
  const dashboard = model as GrafanaDashboardModel;
  flattenStrings(dashboard);
  return { uid: dashboard.uid!, title: dashboard.title!, model: dashboard, custom: false, location };
}
