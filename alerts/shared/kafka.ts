import { deadLetterQueue, kafkaConsumerLag, type ServiceDefinition } from 'vigil';
import { dlqReprocessor } from '../dlq-reprocessor.ts';
import { strimziKafkaExporter } from './kafka-exporter.ts';

/**
 * Lag alerts for a DSRS consumer group: above 1000 messages for 10 minutes warns; growing,
 * stalled or memberless pages. The exporter's own down alert is not repeated per team: the
 * platform team owns the Kafka exporter and watches it once, in dlq-reprocessor.ts.
 */
export function consumerLag(service: ServiceDefinition, group: string, topics: readonly string[]) {
  return kafkaConsumerLag({ service, group, topics, exporter: strimziKafkaExporter, exporterDown: false });
}

/**
 * Dead letters a DSRS consumer parks when it cannot process a message of `sourceTopic`.
 * `redriven`: this definition also watches the reprocessor's side of the DLQ topic (backlog,
 * exhausted retries, reprocessor down); exactly one definition per DLQ topic says so.
 */
export function deadLetters(service: ServiceDefinition, sourceTopic: string, options: { redriven: boolean }) {
  return deadLetterQueue({
    service,
    sourceTopic,
    dlqTopic: `${sourceTopic}.dlq`,
    ...(options.redriven ? { reprocessor: { service: dlqReprocessor, group: 'dlq-reprocessor', exporter: strimziKafkaExporter } } : {}),
  });
}
