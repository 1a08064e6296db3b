import type { BundleFile } from '../bundle.ts';
import type { DashboardIR, ProjectIR } from '../ir.ts';
import { dashboardObjectName, managedByLabels, paths } from '../naming.ts';
import { renderJson } from '../render/render.ts';

/** The kube-prometheus-stack Grafana sidecar loads ConfigMaps with this label; its folder annotation. */
const sidecarLabel = { grafana_dashboard: '1' };
const sidecarFolderAnnotation = 'grafana_folder';

/**
 * Every dashboard as JSON (for Grafana's provisioning or HTTP API) and as the Kubernetes object
 * that delivers it: a ConfigMap for the Grafana sidecar, or a grafana-operator GrafanaDashboard.
 */
export function emitGrafana(ir: ProjectIR): Map<string, BundleFile> {
  const files = new Map<string, BundleFile>();
  for (const dashboard of ir.dashboards) {
    files.set(paths.dashboard(dashboard.uid), { format: 'json', value: dashboard.model });
    if (ir.config.grafana.delivery === 'grafana-operator') files.set(paths.grafanaDashboard(dashboard.uid), grafanaDashboard(ir, dashboard));
    else files.set(paths.dashboardConfigMap(dashboard.uid), configMap(ir, dashboard));
  }
  return files;
}

function configMap(ir: ProjectIR, dashboard: DashboardIR): BundleFile {
  return {
    format: 'yaml',
    value: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: dashboardObjectName(dashboard.uid),
        namespace: ir.config.grafana.namespace,
        labels: { ...managedByLabels, ...sidecarLabel },
        annotations: { [sidecarFolderAnnotation]: ir.config.grafana.folder },
      },
      data: { [`${dashboard.uid}.json`]: renderJson(dashboard.model) },
    },
  };
}

function grafanaDashboard(ir: ProjectIR, dashboard: DashboardIR): BundleFile {
  return {
    format: 'yaml',
    value: {
      apiVersion: 'grafana.integreatly.org/v1beta1',
      kind: 'GrafanaDashboard',
      metadata: { name: dashboardObjectName(dashboard.uid), namespace: ir.config.grafana.namespace, labels: { ...managedByLabels } },
      spec: {
        instanceSelector: { matchLabels: ir.config.grafana.instanceSelector },
        folder: ir.config.grafana.folder,
        json: renderJson(dashboard.model),
      },
    },
  };
}
