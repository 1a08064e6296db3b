import { alert, by, re, selector, type ServiceDefinition } from 'vigil';

/**
 * The platform's two threshold alerts for a service with an HTTP API: more than 5% of
 * requests failing for 5 minutes pages; a p95 latency above 500 ms for 5 minutes warns.
 */
export function httpThresholdAlerts(service: ServiceDefinition) {
  const requests = selector('http_requests_total', service.scrapeLabels);
  const errors = selector('http_requests_total', { ...service.scrapeLabels, code: re('5..') });
  const buckets = selector('http_request_duration_seconds_bucket', service.scrapeLabels);
  const keep = by(['namespace', 'service']);
  return [
    alert({
      name: 'HTTPErrorRateHigh',
      service,
      severity: 'critical',
      expr: [`sum ${keep}(rate(${errors}[5m]))`, '/', `sum ${keep}(rate(${requests}[5m]))`, '> 0.05'].join('\n'),
      for: '5m',
      summary: '{{ $labels.service }}: {{ $value | humanizePercentage }} of HTTP requests fail',
      description:
        'More than 5% of HTTP requests to {{ $labels.service }} in {{ $labels.namespace }} have answered with a 5xx for 5 minutes. Users see errors now.',
    }),
    alert({
      name: 'HTTPLatencyP95High',
      service,
      severity: 'warning',
      expr: `histogram_quantile(0.95, sum ${by(['le', 'namespace', 'service'])}(rate(${buckets}[5m]))) > 0.5`,
      for: '5m',
      summary: '{{ $labels.service }}: p95 latency is {{ $value | humanizeDuration }}',
      description:
        'The slowest 5% of HTTP requests to {{ $labels.service }} in {{ $labels.namespace }} have taken longer than 500 ms for 5 minutes.',
    }),
  ];
}
