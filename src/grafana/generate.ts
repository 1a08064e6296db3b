import type { DashboardIR, GrafanaDashboardModel, ProjectIR } from '../ir.ts';
import { overviewDashboard } from './overview-dashboard.ts';
import { deadLettersDashboard, kafkaDashboard } from './pipeline-dashboards.ts';
import { serviceDashboard } from './service-dashboard.ts';

/** The dashboards vigil generates from the definitions: one per service, Kafka, dead letters, and the overview. */
export function generatedDashboards(ir: ProjectIR): DashboardIR[] {
  const dashboards: DashboardIR[] = ir.services.map((service) => generated(serviceDashboard(ir, service), service.location));
  if (ir.consumerGroups.length > 0) dashboards.push(generated(kafkaDashboard(ir), ir.consumerGroups[0]!.location));
  if (ir.deadLetterQueues.length > 0) dashboards.push(generated(deadLettersDashboard(ir), ir.deadLetterQueues[0]!.location));
  if (ir.services.length > 0) dashboards.push(generated(overviewDashboard(ir), ir.config.location));
  return dashboards;
}

function generated(model: object, location: DashboardIR['location']): DashboardIR {
  const dashboard = model as GrafanaDashboardModel;
  return { uid: dashboard.uid!, title: dashboard.title!, model: dashboard, custom: false, location };
}
