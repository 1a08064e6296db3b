import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A synthetic organisation for the benchmark: `services` services, each with three SLOs,
 * error-rate and latency alerts, lag alerts for two consumer groups and one dead-letter queue,
 * spread over 40 namespaces and 60 teams routed by team, written as ordinary definition modules
 * (`perModule` services each) with a config, like a real project.
 */
export function writeSyntheticOrg(dir: string, services: number, vigilRoot: string, perModule = 50): void {
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
  writeFileSync(join(dir, 'alerts', 'routing.ts'), routingModule(60));
  for (let first = 0; first < services; first += perModule) {
    const lines = [`import { orgService } from './shared.ts';`, ''];
    for (let i = first; i < Math.min(services, first + perModule); i++) {
      lines.push(`orgService('svc-${i}', 'ns-${i % 40}', 'team-${i % 60}');`);
    }
    writeFileSync(join(dir, 'alerts', `services-${String(first / perModule).padStart(4, '0')}.ts`), `${lines.join('\n')}\n`);
  }
}

const sharedModule = `import { deadLetterQueue, errorRatio, errorRate, kafkaConsumerLag, latency, latencyThreshold, re, selector, service, slo } from 'vigil';

const exporter = { profile: 'kafka_exporter', job: 'kafka-exporter', namespace: 'kafka' } as const;

/** One service of the organisation: three SLOs, threshold alerts, two consumer groups and a DLQ. */
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
  errorRate({ service: svc, maxErrorRatio: 0.05, for: '5m' });
  latencyThreshold({ service: svc, quantile: 0.95, thresholdSeconds: 0.5, for: '5m' });
  kafkaConsumerLag({ service: svc, group: name, topics: [\`\${name}.orders\`, \`\${name}.payments\`], exporter, exporterDown: false });
  kafkaConsumerLag({ service: svc, group: \`\${name}-audit\`, topics: [\`\${name}.orders\`], exporter, exporterDown: false });
  deadLetterQueue({ service: svc, sourceTopic: \`\${name}.orders\`, dlqTopic: \`\${name}.orders.dlq\`, reprocessor: { service: svc, group: \`\${name}-redrive\`, exporter } });
}
`;

/** Routing by team: each team's Slack channel, PagerDuty for critical alerts. */
function routingModule(teams: number): string {
  const channels = Array.from({ length: teams }, (_, t) => `    'team-${t}': { channel: '#team-${t}-alerts' },`).join('\n');
  return `import { pagerduty, secretKey, teamRouting } from 'vigil';

teamRouting({
  slack: { webhook: secretKey('alertmanager-slack', 'webhook-url'), defaultChannel: '#alerts' },
  pager: pagerduty({ name: 'pagerduty-oncall', routingKey: secretKey('alertmanager-pagerduty', 'routing-key') }),
  teams: {
${channels}
  },
});
`;
}
