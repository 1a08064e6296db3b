import { errorRate, latencyThreshold, type ServiceDefinition } from 'vigil';

/**
 * The platform's two threshold alerts for a service with an HTTP API: more than 5% of
 * requests failing for 5 minutes pages; a p95 latency above 500 ms for 5 minutes warns.
 * Both stay silent below 0.1 requests per second, so one failure at night does not page.
 */
export function httpAlerts(service: ServiceDefinition) {
  errorRate({ service, maxErrorRatio: 0.05, for: '5m' });
  latencyThreshold({ service, quantile: 0.95, thresholdSeconds: 0.5, for: '5m' });
}
