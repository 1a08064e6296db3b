import type { BundleFile } from '../bundle.ts';
import type { ProjectIR, ServiceIR } from '../ir.ts';
import { jobLabel, managedByLabels, objectName, paths } from '../naming.ts';

/** A ServiceMonitor (monitoring.coreos.com/v1) per scraped service. */
export function emitServiceMonitors(ir: ProjectIR): Map<string, BundleFile> {
  const files = new Map<string, BundleFile>();
  for (const service of ir.services) {
    if (!service.scrape) continue;
    files.set(paths.serviceMonitor(service), { format: 'yaml', value: serviceMonitor(service, ir) });
  }
  return files;
}

function serviceMonitor(service: ServiceIR, ir: ProjectIR) {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: objectName(service),
      namespace: service.namespace,
      labels: { ...ir.config.serviceMonitor.labels, ...managedByLabels },
    },
    spec: {
      selector: { matchLabels: service.selector },
      namespaceSelector: { matchNames: [service.namespace] },
      endpoints: [{ port: service.port, path: service.path, interval: service.interval, relabelings: [pinJob(service)] }],
    },
  };
}

/**
 * The operator sets `job` from the Kubernetes Service's name (or `jobLabel`), which need not be
 * the service's name (a Helm release prefixes it). An endpoint's relabelings run after the
 * operator's own, so this one makes `job` the name every alert's `job` matcher reads.
 */
function pinJob(service: ServiceIR) {
  return { action: 'replace', targetLabel: jobLabel, replacement: service.name };
}
