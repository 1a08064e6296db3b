import { re, type MatchValue } from '../../promql/selector.ts';

/**
 * How an instrumentation library names request counters and durations: the metrics, the label
 * that tells a failure, and the label that names the route. Error-rate and latency alerts
 * read the same whatever the library.
 */
export type Instrumentation = 'prometheus' | 'micrometer' | 'grpc' | 'opentelemetry';

export interface InstrumentationProfile {
  readonly name: Instrumentation;
  /** Counter of handled requests. */
  readonly requests: string;
  /** Matchers that select the failed requests among them. */
  readonly failed: Readonly<Record<string, MatchValue>>;
  /** Classic histogram buckets of request durations, in seconds. */
  readonly durationBuckets: string;
  /** The label naming the route or method. */
  readonly routeLabel: string;
}

/** gRPC codes that mean the server failed, not the caller (as in go-grpc-prometheus' own examples). */
const grpcServerErrors = 'Unknown|DeadlineExceeded|Internal|Unavailable|DataLoss|Unimplemented|ResourceExhausted';

export const instrumentationProfiles: Readonly<Record<Instrumentation, InstrumentationProfile>> = {
  prometheus: {
    name: 'prometheus',
    requests: 'http_requests_total',
    failed: { code: re('5..') },
    durationBuckets: 'http_request_duration_seconds_bucket',
    routeLabel: 'route',
  },
  micrometer: {
    name: 'micrometer',
    requests: 'http_server_requests_seconds_count',
    failed: { outcome: 'SERVER_ERROR' },
    durationBuckets: 'http_server_requests_seconds_bucket',
    routeLabel: 'uri',
  },
  grpc: {
    name: 'grpc',
    requests: 'grpc_server_handled_total',
    failed: { grpc_code: re(grpcServerErrors) },
    durationBuckets: 'grpc_server_handling_seconds_bucket',
    routeLabel: 'grpc_method',
  },
  opentelemetry: {
    name: 'opentelemetry',
    requests: 'http_server_request_duration_seconds_count',
    failed: { http_response_status_code: re('5..') },
    durationBuckets: 'http_server_request_duration_seconds_bucket',
    routeLabel: 'http_route',
  },
};
