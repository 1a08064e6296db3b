import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A synthetic organisation for the benchmark: `services` services, each with three SLOs and
 * threshold alerts, spread over 40 namespaces and 60 teams, written as ordinary definition
 * modules (50 services per module) with a config, like a real project.
 */
export function writeSyntheticOrg(dir: string, services: number, vigilRoot: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'alerts'), { recursive: true });
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  symlinkSync(vigilRoot, join(dir, 'node_modules', 'vigil'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(
    join(dir, 'vigil.config.ts'),
    `import { defineConfig } from 'vigil';
export default defineConfig({
  grafana: { baseUrl: 'https://grafana.example.com' },
  runbooks: { baseUrl: 'https://git.example.com/observability/blob/main/out/runbooks' },
  prometheusRule: { labels: { release: 'kube-prometheus-stack' } },
  serviceMonitor: { labels: { release: 'kube-prometheus-stack' } },
});
`,
  );
  writeFileSync(join(dir, 'alerts', 'shared.ts'), sharedModule);
  const perModule = 50;
  for (let first = 0; first < services; first += perModule) {
    const lines = [`import { orgService } from './shared.ts';`, ''];
    for (let i = first; i < Math.min(services, first + perModule); i++) {
      lines.push(`orgService('svc-${i}', 'ns-${i % 40}', 'team-${i % 60}');`);
    }
    writeFileSync(join(dir, 'alerts', `services-${String(first / perModule).padStart(4, '0')}.ts`), `${lines.join('\n')}\n`);
  }
}

const sharedModule = `import { alert, errorRatio, latency, re, selector, service, slo } from 'vigil';

/** One service of the organisation: three SLOs and the platform's threshold alerts. */
export function orgService(name: string, namespace: string, team: string) {
  const svc = service({ name, namespace, team });
  const requests = selector('http_requests_total', svc.scrapeLabels);
  const errors = selector('http_requests_total', { ...svc.scrapeLabels, code: re('5..') });
  slo({ service: svc, name: 'availability', objective: 99.9, sli: errorRatio({ errors, total: requests }) });
  slo({
    service: svc,
    name: 'latency',
    objective: 99,
    sli: latency({ histogram: 'http_request_duration_seconds', matchers: svc.scrapeLabels, thresholdSeconds: 0.5, buckets: [0.1, 0.25, 0.5, 1, 2.5] }),
  });
  slo({
    service: svc,
    name: 'checkout',
    objective: 99.5,
    by: ['route'],
    sli: errorRatio({ errors: selector('checkout_failures_total', svc.scrapeLabels), total: selector('checkout_attempts_total', svc.scrapeLabels) }),
  });
  alert({
    name: 'HTTPErrorRateHigh',
    service: svc,
    severity: 'critical',
    for: '5m',
    expr: \`sum(rate(\${errors}[5m])) / sum(rate(\${requests}[5m])) > 0.05\`,
    summary: \`\${name}: more than 5% of requests fail\`,
    description: 'More than 5% of requests have failed for 5 minutes.',
  });
}
`;
