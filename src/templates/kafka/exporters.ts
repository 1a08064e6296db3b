/**
 * What vigil knows about each Kafka lag exporter: its metric and label names. Every alert and
 * dashboard query maps these onto one set of labels (`consumergroup`, `topic`), so nothing
 * downstream depends on the exporter.
 */

export type KafkaExporter = 'kafka_exporter' | 'kminion' | 'kafka-lag-exporter' | 'redpanda';

export interface ExporterProfile {
  readonly name: KafkaExporter;
  /** The scrape job the exporter usually runs as. */
  readonly job: string;
  /** The exporter's label names for the group, topic and partition. */
  readonly labels: { readonly group: string; readonly topic: string; readonly partition: string };
  /**
   * Its label naming the Kafka cluster, where one exporter watches several: kept, under its own
   * name, in every result and join, so one cluster's series never answer for another's.
   */
  readonly clusterLabel?: string;
  /**
   * Lag in messages. `partition`: per partition (max and sum are taken by vigil); `group`: only
   * the exporter's own per-group max and sum, with no topic label. `noCommitSentinel`: a
   * partition the group never committed on is reported, with a lag below zero or NaN.
   */
  readonly lag:
    | { readonly per: 'partition'; readonly metric: string; readonly noCommitSentinel: boolean }
    | { readonly per: 'group'; readonly max: string; readonly sum: string };
  /** The committed offset, per partition or per topic, where the exporter has it. */
  readonly committedOffset?: { readonly metric: string; readonly per: 'partition' | 'topic' };
  /** The newest offset of each partition or topic (the produce side), to estimate time lag. */
  readonly latestOffset?: { readonly metric: string; readonly topicLabel: string; readonly per: 'partition' | 'topic' };
  /** Time lag in seconds per partition, where the exporter measures it. */
  readonly timeLagSeconds?: string;
  readonly members?: string;
  /** The exporter's own gauge of its last collection from Kafka: 1 when whole, 0 when any part failed. */
  readonly health?: string;
}

export const exporterProfiles: Readonly<Record<KafkaExporter, ExporterProfile>> = {
  // danielqsj/kafka_exporter, also shipped by Strimzi as its Kafka Exporter. Lag -1: never committed.
  kafka_exporter: {
    name: 'kafka_exporter',
    job: 'kafka-exporter',
    labels: { group: 'consumergroup', topic: 'topic', partition: 'partition' },
    lag: { per: 'partition', metric: 'kafka_consumergroup_lag', noCommitSentinel: true },
    committedOffset: { metric: 'kafka_consumergroup_current_offset', per: 'partition' },
    latestOffset: { metric: 'kafka_topic_partition_current_offset', topicLabel: 'topic', per: 'partition' },
    members: 'kafka_consumergroup_members',
  },
  // redpanda-data/kminion: reports only partitions with a committed offset, and lag of at least 0.
  kminion: {
    name: 'kminion',
    job: 'kminion',
    labels: { group: 'group_id', topic: 'topic_name', partition: 'partition_id' },
    lag: { per: 'partition', metric: 'kminion_kafka_consumer_group_topic_partition_lag', noCommitSentinel: false },
    committedOffset: { metric: 'kminion_kafka_consumer_group_topic_offset_sum', per: 'topic' },
    latestOffset: { metric: 'kminion_kafka_topic_high_water_mark_sum', topicLabel: 'topic_name', per: 'topic' },
    members: 'kminion_kafka_consumer_group_members',
    health: 'kminion_exporter_up',
  },
  // seglo/kafka-lag-exporter: measures time lag from its offset/time table. Lag NaN: never committed.
  'kafka-lag-exporter': {
    name: 'kafka-lag-exporter',
    job: 'kafka-lag-exporter',
    labels: { group: 'group', topic: 'topic', partition: 'partition' },
    clusterLabel: 'cluster_name',
    lag: { per: 'partition', metric: 'kafka_consumergroup_group_lag', noCommitSentinel: true },
    committedOffset: { metric: 'kafka_consumergroup_group_offset', per: 'partition' },
    latestOffset: { metric: 'kafka_partition_latest_offset', topicLabel: 'topic', per: 'partition' },
    timeLagSeconds: 'kafka_consumergroup_group_lag_seconds',
  },
  // Redpanda's native public metrics (v25.1+, when consumer group lag metrics are enabled).
  redpanda: {
    name: 'redpanda',
    job: 'redpanda',
    labels: { group: 'redpanda_group', topic: 'redpanda_topic', partition: 'redpanda_partition' },
    lag: { per: 'group', max: 'redpanda_kafka_consumer_group_lag_max', sum: 'redpanda_kafka_consumer_group_lag_sum' },
    committedOffset: { metric: 'redpanda_kafka_consumer_group_committed_offset', per: 'partition' },
    latestOffset: { metric: 'redpanda_kafka_max_offset', topicLabel: 'redpanda_topic', per: 'partition' },
    members: 'redpanda_kafka_consumer_group_consumers',
  },
};
