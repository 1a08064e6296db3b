import type { BundleFile } from '../bundle.ts';
import { compareStrings } from '../util/compare.ts';

/** A kustomization listing every Kubernetes object of the bundle, so `kubectl apply -k out/` works. */
export function emitKustomization(files: ReadonlyMap<string, BundleFile>): BundleFile {
  const resources = [...files]
    .filter(([, file]) => isKubernetesObject(file))
    .map(([path]) => path)
    .sort(compareStrings);
  return {
    format: 'yaml',
    value: { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources },
  };
}

function isKubernetesObject(file: BundleFile): boolean {
  if (file.format !== 'yaml' || typeof file.value !== 'object' || file.value === null) return false;
  const value = file.value as Record<string, unknown>;
  return typeof value.apiVersion === 'string' && typeof value.kind === 'string';
}
