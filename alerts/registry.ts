import { latency, service, slo } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpAlerts } from './shared/http-alerts.ts';
import { outboxAge } from './shared/outbox.ts';
import { httpApiMetrics } from './shared/metrics.ts';

/** HTTP API for households; writes through an outbox. */
export const registry = service({ name: 'registry', namespace: 'dsrs', team: 'registry', metrics: [...httpApiMetrics, 'outbox_oldest_pending_age_seconds'] });

httpAlerts(registry);
httpAvailabilitySlo(registry, 99.9);

/** The histogram buckets registry's HTTP server declares. */
const httpDurationBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

slo({
  service: registry,
  name: 'latency',
  description: 'share of requests faster than 500 ms',
  objective: 99,
  sli: latency({
    histogram: 'http_request_duration_seconds',
    matchers: registry.scrapeLabels,
    thresholdSeconds: 0.5,
    buckets: httpDurationBuckets,
  }),
});

outboxAge({ service: registry });
