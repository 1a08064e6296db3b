import type { ConfigDefinition } from '../authoring/config.ts';
import type { ConfigIR } from '../ir.ts';
import { sortedRecord } from '../util/records.ts';

/** Debian bookworm's Alertmanager: the oldest the bundle is written for unless the config says otherwise. */
export const DEFAULT_ALERTMANAGER_VERSION = '0.25';

export const defaultInclude: readonly string[] = ['alerts/**/*.ts', 'dashboards/**/*.ts'];

/** The configuration with every default filled in. */
export function normalizeConfig(config: ConfigDefinition | undefined): ConfigIR {
  return {
    include: config?.include ?? defaultInclude,
    out: config?.out ?? 'out',
    runbooks: {
      dir: config?.runbooks?.dir ?? 'runbooks',
      baseUrl: config?.runbooks?.baseUrl ?? '',
    },
    grafana: {
      baseUrl: config?.grafana?.baseUrl ?? '',
      namespace: config?.grafana?.namespace ?? 'monitoring',
      folder: config?.grafana?.folder ?? 'vigil',
      delivery: config?.grafana?.delivery ?? 'configmap',
      instanceSelector: sortedRecord(config?.grafana?.instanceSelector),
    },
    alertmanager: {
      version: config?.alertmanager?.version ?? DEFAULT_ALERTMANAGER_VERSION,
      labels: sortedRecord(config?.alertmanager?.labels),
    },
    prometheusRule: { labels: sortedRecord(config?.prometheusRule?.labels) },
    serviceMonitor: { labels: sortedRecord(config?.serviceMonitor?.labels) },
    lint: { rules: sortedRecord(config?.lint?.rules) },
    location: config?.location ?? { file: 'vigil.config.ts' },
  };
}
