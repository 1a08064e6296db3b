/**
 * The series the synthetic organisation's rules read (bench/synthetic-org.ts), each with its
 * value as a function of time, so that the backfilled history and the live exporter join without
 * a jump. Error ratios stay under every alert's threshold: nothing fires, and every rule reads
 * what it reads on a healthy day.
 */

/** Counters count from here (seconds since the epoch). */
const COUNTING_SINCE = 1_700_000_000;

export interface Series {
  readonly name: string;
  /** Every label as Prometheus stores it, `job`, `instance` and `namespace` included. */
  readonly labels: Readonly<Record<string, string>>;
  readonly value: (t: number) => number;
}

/** A raw series and the scrape target serving it live: a service's job, or the lag exporter. */
export interface RawSeries extends Series {
  readonly target: string;
}

/** A recorded series the rules read over a long range, with the interval its rule records it at. */
export interface RecordedSeries extends Series {
  readonly everySeconds: number;
}

export const LAG_EXPORTER_TARGET = 'kafka-exporter';
export const ROUTES = ['cart', 'pay', 'confirm'] as const;
const PARTITIONS = ['0', '1', '2'] as const;

export const serviceName = (i: number) => `svc-${i}`;
export const namespaceOf = (i: number) => `ns-${i % 40}`;

/** Deterministic noise in [0, 1). */
function noise(key: number, t: number): number {
  return ((Math.imul(t | 0, 0x9e3779b1) ^ Math.imul(key + 1, 0x85ebca6b)) >>> 0) / 2 ** 32;
}

const counter = (perSecond: number) => (t: number) => Math.floor(perSecond * (t - COUNTING_SINCE));
const constant = (value: number) => () => value;

/** The raw series of `services` services, scraped with the instance label `instance`. */
export function rawSeries(services: number, instance: string): RawSeries[] {
  const series: RawSeries[] = [];
  const exporterLabels = { job: LAG_EXPORTER_TARGET, instance, namespace: 'kafka' };
  for (let i = 0; i < services; i++) {
    const name = serviceName(i);
    const job = { job: name, instance, namespace: namespaceOf(i) };
    const add = (metric: string, labels: Record<string, string>, value: (t: number) => number, target = name) =>
      series.push({ name: metric, labels, value, target });
    const requestsPerSecond = 5 + (i % 7);
    add('http_requests_total', { ...job, code: '200' }, counter(requestsPerSecond * 0.9995));
    add('http_requests_total', { ...job, code: '500' }, counter(requestsPerSecond * 0.0005));
    const faster: [string, number][] = [['0.1', 0.6], ['0.25', 0.9], ['0.5', 0.995], ['1', 0.999], ['2.5', 1], ['+Inf', 1]];
    for (const [le, share] of faster) add('http_request_duration_seconds_bucket', { ...job, le }, counter(requestsPerSecond * share));
    add('http_request_duration_seconds_count', job, counter(requestsPerSecond));
    add('http_request_duration_seconds_sum', job, counter(requestsPerSecond * 0.12));
    for (const route of ROUTES) {
      add('checkout_attempts_total', { ...job, route }, counter(2));
      add('checkout_failures_total', { ...job, route }, counter(0.004));
    }
    const dlq = { dlq_topic: `${name}.orders.dlq` };
    add('dlq_messages_published_total', { ...job, ...dlq, source_topic: `${name}.orders` }, constant(17));
    add('dlq_publish_failures_total', { ...job, ...dlq, source_topic: `${name}.orders` }, constant(0));
    add('dlq_reprocess_attempts_total', { ...job, ...dlq, outcome: 'exhausted' }, constant(2));
    add('dlq_reprocess_attempts_total', { ...job, ...dlq, outcome: 'success' }, constant(15));
    // Live, Prometheus writes `up` itself; only its history is backfilled.
    add('up', job, constant(1));

    const produced: Record<string, number> = { [`${name}.orders`]: 3, [`${name}.payments`]: 1, [`${name}.orders.dlq`]: 0 };
    for (const [topic, perSecond] of Object.entries(produced)) {
      for (const partition of PARTITIONS) {
        add('kafka_topic_partition_current_offset', { ...exporterLabels, topic, partition }, perSecond ? counter(perSecond) : constant(6), LAG_EXPORTER_TARGET);
      }
    }
    const groups: [string, string[], number][] = [
      [name, [`${name}.orders`, `${name}.payments`], 3],
      [`${name}-audit`, [`${name}.orders`], 1],
      [`${name}-redrive`, [`${name}.orders.dlq`], 1],
    ];
    groups.forEach(([group, topics, members], g) => {
      add('kafka_consumergroup_members', { ...exporterLabels, consumergroup: group }, constant(members), LAG_EXPORTER_TARGET);
      topics.forEach((topic, k) => {
        for (const partition of PARTITIONS) {
          const labels = { ...exporterLabels, consumergroup: group, topic, partition };
          const perSecond = produced[topic]!;
          const key = i * 100 + g * 10 + k * 5 + Number(partition);
          const lag = perSecond ? (t: number) => 3 + Math.floor(noise(key, Math.floor(t / 30)) * 8) : constant(0);
          const offset = perSecond ? counter(perSecond) : constant(6);
          add('kafka_consumergroup_lag', labels, lag, LAG_EXPORTER_TARGET);
          add('kafka_consumergroup_current_offset', labels, (t) => offset(t) - lag(t), LAG_EXPORTER_TARGET);
        }
      });
    });
  }
  return series;
}

/**
 * The recorded series read over ranges longer than Prometheus's lookback, which the rules would
 * have recorded over the history: the SLOs' 5m rates and their start (every 30 s, as the SLO's
 * group records them) and the sampled rates (every 2m30s, as its budget group does). `since` is
 * the time every SLO started recording.
 */
export function recordedSeries(services: number, since: number): RecordedSeries[] {
  const series: RecordedSeries[] = [];
  let key = 0;
  for (let i = 0; i < services; i++) {
    const service = { namespace: namespaceOf(i), service: serviceName(i) };
    const requestsPerSecond = 5 + (i % 7);
    const slis: [Record<string, string>, number, number][] = [
      [{ ...service, slo: 'availability' }, requestsPerSecond, 0.0005],
      [{ ...service, slo: 'latency' }, requestsPerSecond, 0.005],
      ...ROUTES.map((route): [Record<string, string>, number, number] => [{ ...service, slo: 'checkout', route }, 2, 0.002]),
    ];
    for (const [labels, perSecond, errorRatio] of slis) {
      const k = key++;
      const total = (t: number) => perSecond * (1 + 0.02 * (noise(k, t) - 0.5));
      const errors = (t: number) => total(t) * errorRatio * (1 + 0.4 * (noise(k + 7777, t) - 0.5));
      series.push({ name: 'slo:sli_total:rate5m', labels, value: total, everySeconds: 30 });
      series.push({ name: 'slo:sli_error:rate5m', labels, value: errors, everySeconds: 30 });
      series.push({ name: 'slo:sli_total:rate5m_sampled', labels, value: total, everySeconds: 150 });
      series.push({ name: 'slo:sli_error:rate5m_sampled', labels, value: errors, everySeconds: 150 });
    }
    for (const slo of ['availability', 'latency', 'checkout']) {
      series.push({ name: 'slo:recorded_since:timestamp', labels: { ...service, slo }, value: constant(since), everySeconds: 30 });
    }
  }
  return series;
}
