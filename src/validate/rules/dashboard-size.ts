import { errorAt, warningAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { renderJson } from '../../render/render.ts';
import type { ValidationRule } from '../rule.ts';

/** Kubernetes refuses a ConfigMap whose data exceeds 1 MiB. */
const CONFIGMAP_MAX_BYTES = 1024 * 1024;
/** Client-side apply copies the object into an annotation; all of an object's annotations fit in 256 KiB. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;
/** The rest of the object in that copy: its metadata and the ConfigMap around the dashboard. */
const OBJECT_MARGIN_BYTES = 2 * 1024;

const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KiB`;

export const dashboardSize: ValidationRule = {
  id: 'dashboard-size',
  description: 'A dashboard fits the Kubernetes object that delivers it: a ConfigMap holds at most 1 MiB, and client-side apply fails on an object over 256 KiB.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    const delivery = ir.config.grafana.delivery === 'grafana-operator' ? 'GrafanaDashboard' : 'ConfigMap';
    for (const dashboard of ir.dashboards) {
      // Rendered once: emitting the bundle reads the same text.
      const text = renderJson(dashboard.model);
      const bytes = Buffer.byteLength(text);
      const at = { path: `dashboard "${dashboard.title}"` };
      if (delivery === 'ConfigMap' && bytes > CONFIGMAP_MAX_BYTES) {
        diagnostics.push(
          errorAt(this.id, dashboard.location, `dashboard "${dashboard.title}" is ${kib(bytes)} of JSON: a ConfigMap holds at most 1 MiB, so Kubernetes refuses it`, {
            ...at,
            hint: 'split it into smaller dashboards',
          }),
        );
        continue;
      }
      // Quoted as a JSON string in the copy, the text at most doubles: measure only when that could pass.
      if (2 * bytes + OBJECT_MARGIN_BYTES <= ANNOTATIONS_MAX_BYTES) continue;
      const copied = Buffer.byteLength(JSON.stringify(text)) + OBJECT_MARGIN_BYTES;
      if (copied > ANNOTATIONS_MAX_BYTES) {
        diagnostics.push(
          warningAt(
            this.id,
            dashboard.location,
            `dashboard "${dashboard.title}" makes a ${delivery} of about ${kib(copied)}: client-side apply (\`kubectl apply\`, Argo CD's default) keeps a copy in an annotation of at most 256 KiB, and fails`,
            { ...at, hint: 'apply it server-side (`kubectl apply --server-side`, Argo CD `ServerSideApply=true`), or make the dashboard smaller' },
          ),
        );
      }
    }
    return diagnostics;
  },
};
