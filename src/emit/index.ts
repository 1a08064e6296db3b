import type { Bundle, BundleFile } from '../bundle.ts';
import type { ProjectIR } from '../ir.ts';
import { paths } from '../naming.ts';
import { emitAlertmanagerConfig } from './alertmanager-config.ts';
import { emitAlertmanagerConfigObjects } from './alertmanager-config-objects.ts';
import { emitGrafana } from './grafana.ts';
import { emitKustomization } from './kustomization.ts';
import { emitManifest } from './manifest.ts';
import { emitPrometheusRules } from './prometheus-rules.ts';
import { emitRunbooks } from './runbooks.ts';
import { emitServiceMonitors } from './service-monitors.ts';

type Emitter = (ir: ProjectIR) => Map<string, BundleFile>;

const emitters: readonly Emitter[] = [
  emitPrometheusRules,
  emitServiceMonitors,
  emitRunbooks,
  emitAlertmanagerConfig,
  emitAlertmanagerConfigObjects,
  emitGrafana,
];

/** IR → bundle: every emitter's files, the kustomization over them, and the manifest of all. */
export function emit(ir: ProjectIR): Bundle {
  const files = new Map<string, BundleFile>();
  for (const emitter of emitters) {
    for (const [path, file] of emitter(ir)) {
      if (files.has(path)) throw new Error(`internal: two emitters produced ${path}`);
      files.set(path, file);
    }
  }
  files.set(paths.kustomization, emitKustomization(files));
  files.set(paths.manifest, emitManifest([...files.keys(), paths.manifest]));
  return files;
}
