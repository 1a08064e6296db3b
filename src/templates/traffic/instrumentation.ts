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
  /** Matchers that keep the durations comparable (gRPC streams last as long as the stream). */
  readonly durationMatchers: Readonly<Record<string, MatchValue>>;
  /** The library's default bucket boundaries, when it has any. */
  readonly defaultBuckets?: readonly number[];
  /** The label naming the route or method. */
  readonly routeLabel: string;
}

/** gRPC codes that mean the server failed, not the caller. */
const grpcServerErrors = 'Unknown|DeadlineExceeded|Internal|Unavailable|DataLoss|Unimplemented|ResourceExhausted';

/** client_golang's `DefBuckets`, also prom-client's default and go-grpc-prometheus'. */
const goDefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The boundaries OpenTelemetry's semantic conventions advise for `http.server.request.duration`. */
const otelHttpBuckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

export const instrumentationProfiles: Readonly<Record<Instrumentation, InstrumentationProfile>> = {
  prometheus: {
    name: 'prometheus',
    requests: 'http_requests_total',
    failed: { code: re('5..') },
    durationBuckets: 'http_request_duration_seconds_bucket',
    durationMatchers: {},
    defaultBuckets: goDefaultBuckets,
    routeLabel: 'route',
  },
  micrometer: {
    name: 'micrometer',
    requests: 'http_server_requests_seconds_count',
    failed: { outcome: 'SERVER_ERROR' },
    // Micrometer publishes buckets only when the application asks for them
    // (`percentiles-histogram` or service-level objectives), at boundaries of its choosing.
    durationBuckets: 'http_server_requests_seconds_bucket',
    durationMatchers: {},
    routeLabel: 'uri',
  },
  grpc: {
    name: 'grpc',
    requests: 'grpc_server_handled_total',
    failed: { grpc_code: re(grpcServerErrors) },
    durationBuckets: 'grpc_server_handling_seconds_bucket',
    durationMatchers: { grpc_type: 'unary' },
    defaultBuckets: goDefaultBuckets,
    routeLabel: 'grpc_method',
  },
  opentelemetry: {
    name: 'opentelemetry',
    requests: 'http_server_request_duration_seconds_count',
    failed: { http_response_status_code: re('5..') },
    durationBuckets: 'http_server_request_duration_seconds_bucket',
    durationMatchers: {},
    defaultBuckets: otelHttpBuckets,
    routeLabel: 'http_route',
  },
};
