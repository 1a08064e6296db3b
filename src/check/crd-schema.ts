import { PrometheusRule } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule';
import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor';
import { AlertmanagerConfig } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1alpha1/AlertmanagerConfig';
import type { Bundle } from '../bundle.ts';
import { errorAt, type Diagnostic } from '../diagnostics/diagnostic.ts';

/**
 * The Prometheus Operator CRD schemas, as @kubernetes-models/prometheus-operator compiles them
 * into ajv validators from the operator's API types (package version pinned in package.json).
 */
export const crdSchemaSource = '@kubernetes-models/prometheus-operator 6.0.0';

interface Validating {
  validate(): void;
}

const models: Record<string, new (data: never) => Validating> = {
  'monitoring.coreos.com/v1/PrometheusRule': PrometheusRule,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
  'monitoring.coreos.com/v1alpha1/AlertmanagerConfig': AlertmanagerConfig,
};

interface SchemaError {
  readonly instancePath: string;
  readonly message?: string;
}

/** Every Prometheus Operator object of the bundle against its CRD's schema; `outDir` names the files. */
export function checkCrdSchemas(bundle: Bundle, outDir: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const [path, file] of bundle) {
    if (file.format !== 'yaml' || typeof file.value !== 'object' || file.value === null) continue;
    const object = file.value as { apiVersion?: unknown; kind?: unknown };
    const Model = models[`${String(object.apiVersion)}/${String(object.kind)}`];
    if (!Model) continue;
    try {
      new Model(object as never).validate();
    } catch (error) {
      const errors = ((error as { errors?: SchemaError[] }).errors ?? [{ instancePath: '', message: String(error) }]) as SchemaError[];
      for (const e of errors) {
        diagnostics.push(
          errorAt('crd-schema', { file: `${outDir}/${path}` }, `${String(object.kind)} does not match its CRD schema: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`, {
            hint: `the schema is the Prometheus Operator's, from ${crdSchemaSource}`,
          }),
        );
      }
    }
  }
  return diagnostics;
}
