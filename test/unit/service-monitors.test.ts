import { describe, expect, it } from 'vitest';
import { checkCrdSchemas } from '../../src/check/crd-schema.ts';
import { paths } from '../../src/naming.ts';
import { compileDefinitions, testService } from '../support/definitions.ts';

interface Relabeling {
  readonly action?: string;
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly targetLabel: string;
  readonly replacement?: string;
}

/** Prometheus' `replace` relabeling, the one action the operator's job rules and vigil's endpoints use. */
function relabel(labels: Record<string, string>, rules: readonly Relabeling[]): Record<string, string> {
  const out = { ...labels };
  for (const rule of rules) {
    expect(rule.action ?? 'replace').toBe('replace');
    const value = (rule.sourceLabels ?? []).map((l) => out[l] ?? '').join(rule.separator ?? ';');
    const match = new RegExp(`^(?:${rule.regex ?? '(.*)'})$`).exec(value);
    if (match) out[rule.targetLabel] = (rule.replacement ?? '$1').replace(/\$\{?(\d+)\}?/g, (_, i: string) => match[Number(i)] ?? '');
  }
  return out;
}

/** What the operator's generateServiceMonitorConfig (pkg/prometheus/promcfg.go) writes for `job`, before the endpoint's relabelings. */
const operatorJob: Relabeling = { sourceLabels: ['__meta_kubernetes_service_name'], targetLabel: 'job', replacement: '${1}' };

describe('ServiceMonitors', () => {
  it.each(['checkout', 'shop-checkout'])('give the service\'s name as job to a target of the Kubernetes Service %s', (kubernetesName) => {
    const checkout = testService({ name: 'checkout-canary', selector: { 'app.kubernetes.io/name': 'checkout', track: 'canary' } });
    const { bundle, diagnostics } = compileDefinitions([checkout]);
    expect(diagnostics).toEqual([]);
    const monitor = bundle.get(paths.serviceMonitor(checkout))!.value as { spec: { endpoints: { relabelings?: Relabeling[] }[] } };
    for (const endpoint of monitor.spec.endpoints) {
      const target = relabel({ __meta_kubernetes_service_name: kubernetesName }, [operatorJob, ...(endpoint.relabelings ?? [])]);
      expect(target.job).toBe(checkout.scrapeLabels.job);
    }
    expect(checkCrdSchemas(bundle, 'out')).toEqual([]);
  });
});
