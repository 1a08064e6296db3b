import { defineConfig } from 'vigil';

// The DSRS example system: `npx vigil build` compiles alerts/ and dashboards/ into out/.
export default defineConfig({
  grafana: { baseUrl: 'https://grafana.dsrs.example' },
  runbooks: { baseUrl: 'https://git.dsrs.example/platform/observability/blob/main/out/runbooks' },
  // kube-prometheus-stack selects PrometheusRules and ServiceMonitors by its release label.
  prometheusRule: { labels: { release: 'kube-prometheus-stack' } },
  serviceMonitor: { labels: { release: 'kube-prometheus-stack' } },
});
