import type { BundleFile } from '../bundle.ts';
import type { ProjectIR, ServiceIR } from '../ir.ts';
import { managedByLabels, objectName, paths } from '../naming.ts';

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
      endpoints: [{ port: service.port, path: service.path, interval: service.interval }],
    },
  };
}
