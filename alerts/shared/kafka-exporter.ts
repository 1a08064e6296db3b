import type { KafkaExporterOptions } from 'vigil';

/** Strimzi's Kafka Exporter (kafka_exporter), scraped as job `kafka-exporter` in namespace `kafka`. */
export const strimziKafkaExporter: KafkaExporterOptions = { profile: 'kafka_exporter', job: 'kafka-exporter', namespace: 'kafka' };
