import { kafkaRecordings } from '../../naming.ts';
import { aggregateBy, by, oneOf, quote, selector, type Matchers, type MatchValue } from '../../promql/selector.ts';
import type { ExporterScope } from './exporter-options.ts';
import type { ExporterProfile } from './exporters.ts';

/** The labels every Kafka query returns, whatever the exporter calls them. */
export const GROUP_LABEL = 'consumergroup';
export const TOPIC_LABEL = 'topic';

export interface LagScope extends ExporterScope {
  /** The group's name, or a matcher selecting groups (a dashboard variable's regex). */
  readonly group: MatchValue;
  /** The topics, or a matcher selecting them; absent, every topic the group reads. */
  readonly topics?: readonly string[] | MatchValue;
}

/**
 * PromQL for one consumer group, every result labelled `consumergroup` (and `topic` where the
 * exporter has it): the signals alerts compare and dashboards draw.
 */
export class LagQueries {
  private readonly topicMatcher: MatchValue | undefined;
  /** Selectors by metric and whether they match topics: the signals ask for the same few again and again. */
  private readonly selectors = new Map<string, string>();

  constructor(private readonly scope: LagScope) {
    this.topicMatcher = isTopicList(scope.topics) ? oneOf(scope.topics) : scope.topics;
  }

  private get labels() {
    return this.scope.profile.labels;
  }

  /** Whether results carry `topic` (Redpanda's lag is per group only). */
  get perTopic(): boolean {
    return this.scope.profile.lag.per === 'partition';
  }

  private get kept(): string[] {
    return this.perTopic ? [GROUP_LABEL, TOPIC_LABEL, ...this.cluster] : [GROUP_LABEL, ...this.cluster];
  }

  /** The cluster label, where the exporter has one: kept in every result and join. */
  private get cluster(): string[] {
    const label = this.scope.profile.clusterLabel;
    return label ? [label] : [];
  }

  private series(metric: string, withTopics: boolean): string {
    const key = withTopics ? `${metric} topics` : metric;
    let series = this.selectors.get(key);
    if (series === undefined) {
      const matchers: Record<string, Matchers[string]> = { ...this.scope.matchers, [this.labels.group]: this.scope.group };
      if (withTopics && this.topicMatcher !== undefined) matchers[this.labels.topic] = this.topicMatcher;
      series = selector(metric, matchers);
      this.selectors.set(key, series);
    }
    return series;
  }

  /** The newest value of each series within the bridge (see ExporterScope). */
  private instant(metric: string, withTopics: boolean): string {
    return `last_over_time(${this.series(metric, withTopics)}[${this.scope.bridge}])`;
  }

  /** Renames the exporter's group and topic labels to the normalized ones. */
  private normalized(expr: string): string {
    let result = expr;
    for (const [from, to] of [
      [this.labels.group, GROUP_LABEL],
      [this.labels.topic, TOPIC_LABEL],
    ] as const) {
      if (from !== to) result = `label_replace(${result}, ${quote(to)}, "$1", ${quote(from)}, "(.*)")`;
    }
    return result;
  }

  private aggregate(op: 'max' | 'sum', expr: string, kept: readonly string[] = this.kept): string {
    return aggregateBy(op, kept, this.normalized(expr));
  }

  /** Per-partition lag without the partitions never committed on (their -1 or NaN fails `>= 0`). */
  private partitionLag(metric: string, sentinel: boolean): string {
    const lag = this.instant(metric, true);
    return sentinel ? `${lag} >= 0` : lag;
  }

  /** Worst partition's lag, messages. */
  lagMax(): string {
    const lag = this.scope.profile.lag;
    if (lag.per === 'group') return this.aggregate('max', this.instant(lag.max, false));
    return this.aggregate('max', this.partitionLag(lag.metric, lag.noCommitSentinel));
  }

  /** Summed lag, messages. */
  lagSum(): string {
    const lag = this.scope.profile.lag;
    if (lag.per === 'group') return this.aggregate('max', this.instant(lag.sum, false));
    return this.aggregate('sum', this.onePerPartition(this.partitionLag(lag.metric, lag.noCommitSentinel)));
  }

  /**
   * One series a partition (or topic, without `partition`) before anything is added up. The same
   * partition comes twice from two exporter replicas, from a replaced exporter pod for the bridge
   * after it went, and from kafka-lag-exporter, which labels a partition with its consumer, after
   * a rebalance.
   */
  private onePerPartition(expr: string, labels: { topic: string; partition?: string | undefined } = this.labels, group = true): string {
    const kept = [...(group ? [this.labels.group] : []), labels.topic, ...(labels.partition ? [labels.partition] : []), ...this.cluster];
    return aggregateBy('max', kept, expr);
  }

  /** Growth of the summed lag, messages per second, fitted over `window`. */
  lagGrowth(window: string): string {
    return `deriv((${this.lagSum()})[${window}:1m])`;
  }

  /** Summed lag of the partitions (or topics, or the group, as finely as the exporter allows) whose committed offset has not moved in `window`. */
  stalledLag(window: string): string | undefined {
    const { profile } = this.scope;
    const offset = profile.committedOffset;
    if (!offset) return undefined;
    const unchanged = `changes(${this.series(offset.metric, true)}[${window}]) == 0`;
    const lag = profile.lag;
    if (lag.per === 'group') {
      const group = [this.labels.group, ...this.cluster];
      const groupUnchanged = `${aggregateBy('max', group, `changes(${this.series(offset.metric, true)}[${window}])`)} == 0`;
      return this.aggregate('max', `(${this.instant(lag.sum, false)} > 0) and on (${group.join(', ')}) (${groupUnchanged})`);
    }
    const join = [this.labels.group, this.labels.topic, ...(offset.per === 'partition' ? [this.labels.partition] : []), ...this.cluster];
    const committedNoMore = `(${this.instant(lag.metric, true)} > 0) and on (${join.join(', ')}) (${unchanged})`;
    const neverCommitted = this.unreadPartitions(window);
    return this.aggregate('sum', this.onePerPartition(neverCommitted ? `${committedNoMore}\nor\n${neverCommitted}` : committedNoMore));
  }

  /**
   * Partitions the group never committed on while messages were written to them over `window`
   * (the partition existed that long: a new one gets that time to be picked up), valued by
   * those messages. kafka_exporter's -1 and kafka-lag-exporter's NaN are both 0 under `>= bool 0`.
   */
  private unreadPartitions(window: string): string | undefined {
    const { lag, latestOffset } = this.scope.profile;
    if (lag.per !== 'partition' || !lag.noCommitSentinel || latestOffset?.per !== 'partition') return undefined;
    const on = [this.labels.topic, this.labels.partition, ...this.cluster];
    const logEnd = this.logEndOffset(latestOffset);
    const written = `last_over_time(${logEnd}[${this.scope.bridge}]) - last_over_time(${logEnd}[${this.scope.bridge}] offset ${window}) > 0`;
    return `((${this.instant(lag.metric, true)} >= bool 0) == 0) + on (${on.join(', ')}) group_left () ${aggregateBy('max', on, written)}`;
  }

  /** The newest offset of the topics' partitions, or of the topics. */
  private logEndOffset(latest: NonNullable<ExporterProfile['latestOffset']>): string {
    const topics = this.topicMatcher;
    return selector(latest.metric, { ...this.scope.matchers, ...(topics === undefined ? {} : { [latest.topicLabel]: topics }) });
  }

  members(): string | undefined {
    const metric = this.scope.profile.members;
    return metric ? this.aggregate('max', this.instant(metric, false), [GROUP_LABEL, ...this.cluster]) : undefined;
  }

  /** Committed messages per second. */
  consumeRate(): string | undefined {
    const offset = this.scope.profile.committedOffset;
    if (!offset) return undefined;
    const partition = offset.per === 'partition' ? this.labels.partition : undefined;
    return this.aggregate('sum', this.onePerPartition(`deriv(${this.series(offset.metric, true)}[5m])`, { topic: this.labels.topic, partition }));
  }

  /** Time lag in seconds: measured where the exporter has it, else the summed lag over the produce rate (no value while nothing is produced). */
  timeLagSeconds(): string | undefined {
    const { profile } = this.scope;
    if (profile.timeLagSeconds) return this.aggregate('max', this.instant(profile.timeLagSeconds, true));
    const rate = this.produceRate();
    if (!rate) return undefined;
    return `${this.lagSum()} / on (${[...(this.perTopic ? [TOPIC_LABEL] : []), ...this.cluster].join(', ')}) group_left () (${rate} > 0)`;
  }

  /** Messages written per second to the topics (each, where the lag has topics), from their newest offsets. */
  produceRate(): string | undefined {
    const latest = this.scope.profile.latestOffset;
    if (!latest) return undefined;
    const partition = latest.per === 'partition' ? this.labels.partition : undefined;
    const rate = this.onePerPartition(`deriv(${this.logEndOffset(latest)}[5m])`, { topic: latest.topicLabel, partition }, false);
    return this.perTopic ? aggregateBy('sum', [TOPIC_LABEL, ...this.cluster], this.normalized(rate)) : aggregateBy('sum', this.cluster, rate);
  }

  /**
   * One series per topic (or for the group) that the exporter has not reported for `window`,
   * unless no message was ever written to it: kafka_exporter leaves out a topic the group never
   * committed on, and on an empty topic most clients have nothing to commit.
   */
  missing(window: string): string {
    const lag = this.scope.profile.lag;
    const absent = (matchers: Matchers, metric: string) =>
      this.normalized(`absent_over_time(${selector(metric, { ...this.scope.matchers, [this.labels.group]: this.scope.group, ...matchers })}[${window}])`);
    const empty = this.neverWritten();
    const unlessEmpty = (expr: string) => (empty ? `(${expr}) unless on (${this.perTopic ? TOPIC_LABEL : ''}) (${empty})` : expr);
    if (lag.per === 'group') return unlessEmpty(absent({}, lag.sum));
    const { topics } = this.scope;
    if (!isTopicList(topics)) throw new Error('internal: missing() needs the list of topics');
    return unlessEmpty(
      [...new Set(topics)]
        .sort()
        .map((topic) => absent({ [this.labels.topic]: topic }, lag.metric))
        .join(' or '),
    );
  }

  /**
   * One series per topic (for a group-level lag, one for all its topics together) whose newest
   * offset is 0 on every partition: nothing was ever written to it. None where the exporter
   * reports no newest offset: without that evidence no topic is taken for empty.
   */
  private neverWritten(): string | undefined {
    const latest = this.scope.profile.latestOffset;
    if (!latest) return undefined;
    const logEnd = `last_over_time(${this.logEndOffset(latest)}[${this.scope.bridge}])`;
    return `${aggregateBy('max', this.perTopic ? [TOPIC_LABEL] : [], this.normalized(logEnd))} <= 0`;
  }

  /** The exporter's scrape target: 1 when up. */
  exporterUp(): string {
    return selector('up', this.scope.target);
  }

  /**
   * Series while the exporter answers scrapes but cannot read Kafka: it reports no consumer
   * group at all (kafka_exporter logs `Cannot connect to broker` and serves none), or says so itself.
   */
  exporterBlind(): string[] {
    const health = this.exporterHealth();
    return [`absent(${this.recordedGroupCount()})`, ...(health ? [`${health} == 0`] : [])];
  }

  /** One series while the exporter reports at least one consumer group (and, where it says so, read Kafka whole). */
  exporterSeesGroups(): string {
    const health = this.exporterHealth();
    const groups = this.recordedGroupCount();
    return health ? `${groups} and on () (${health} == 1)` : groups;
  }

  /**
   * How many consumer groups the exporter reports within the bridge; nothing while it reports
   * none. Recorded once per exporter (see groupCountLabels): every group's alerts read the one
   * recorded series, not every group's series each.
   */
  groupCount(): string {
    return `count(last_over_time(${this.everyGroup()}[${this.scope.bridge}]))`;
  }

  /** The labels of the recorded group count: the exporter's equality matchers, which tell one exporter (or cluster) from another. */
  groupCountLabels(): Record<string, string> {
    const labels: Record<string, string> = {};
    for (const [name, value] of Object.entries(this.scope.matchers)) if (typeof value === 'string') labels[name] = value;
    return labels;
  }

  /** The recorded group count of the exporter. */
  private recordedGroupCount(): string {
    return selector(kafkaRecordings.consumerGroups, this.groupCountLabels());
  }

  /** The exporter's own word on its last collection from Kafka, where it gives one: 1 whole, 0 not. */
  exporterHealth(): string | undefined {
    const { health } = this.scope.profile;
    return health ? `max(last_over_time(${selector(health, this.scope.target)}[${this.scope.bridge}]))` : undefined;
  }

  /** A series per group the exporter reports (its members where it has them: one series a group, not one a partition). */
  private everyGroup(): string {
    const { lag, members } = this.scope.profile;
    return selector(members ?? (lag.per === 'group' ? lag.sum : lag.metric), this.scope.matchers);
  }
}

function isTopicList(topics: LagScope['topics']): topics is readonly string[] {
  return Array.isArray(topics);
}
