/**
 * vigil's public API: the authoring functions SREs write definitions with, the PromQL helpers
 * templates build expressions with, and the pure compiler for use as a library.
 */
export * from './authoring/index.ts';
export { teamRouting, criticalInhibitsWarning, type TeamRoutingOptions, type TeamChannel } from './templates/team-routing.ts';
export { kafkaConsumerLag, type KafkaConsumerLagOptions, type KafkaExporterOptions, type KafkaConsumerLag } from './templates/kafka-consumer-lag.ts';
export { exporterProfiles, type KafkaExporter, type ExporterProfile } from './templates/kafka/exporters.ts';
export { deadLetterQueue, type DeadLetterQueueOptions, type DeadLetterProfile, type DeadLetterQueue } from './templates/dead-letter-queue.ts';
export { errorRate, type ErrorRateOptions, type ErrorRate } from './templates/error-rate.ts';
export { latencyThreshold, type LatencyThresholdOptions, type LatencyThreshold } from './templates/latency-threshold.ts';
export { instrumentationProfiles, type Instrumentation, type InstrumentationProfile } from './templates/traffic/instrumentation.ts';
export * from './grafana/panels.ts';
export { anyOf, by, labelMatchers, not, notRe, quote, quoteRegex, re, selector } from './promql/selector.ts';
export type { Matchers, MatchOperator, MatchValue } from './promql/selector.ts';
export { checkPromql, type PromqlProblem } from './promql/check.ts';
export { compile, type CompileInput, type CompileResult } from './compile.ts';
export type { RunbookSource } from './normalize/runbooks.ts';
export { renderBundle } from './render/render.ts';
export type { Bundle, BundleFile, RenderedBundle } from './bundle.ts';
export type { Diagnostic, DiagnosticSeverity, SourceLocation } from './diagnostics/diagnostic.ts';
export type * from './ir.ts';
