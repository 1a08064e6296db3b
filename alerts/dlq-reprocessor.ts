import { kafkaConsumerLag, service } from 'vigil';
import { strimziKafkaExporter } from './shared/kafka-exporter.ts';

/** Re-drives dead letters to their source topics. No HTTP API: its metrics are the DLQ counters. */
export const dlqReprocessor = service({
  name: 'dlq-reprocessor',
  namespace: 'dsrs',
  team: 'platform',
  metrics: ['dlq_reprocess_attempts_total'],
});

// Also the one KafkaLagExporterDown of the system: the platform team runs the Kafka exporter.
kafkaConsumerLag({
  service: dlqReprocessor,
  group: 'dlq-reprocessor',
  topics: ['registry.household.dlq', 'eligibility.assessed.dlq', 'payment.events.dlq'],
  exporter: strimziKafkaExporter,
});
