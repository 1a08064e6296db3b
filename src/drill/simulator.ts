import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProjectIR } from '../ir.ts';

/**
 * A simulated system built on prom-client: every scrape target of the project (its services and
 * the Kafka exporter) serves its metrics over HTTP on loopback at `/<job>/metrics`. It starts
 * healthy; scenarios turn its knobs. It keeps real per-second rates (requests, commits, lag
 * growth), so rate thresholds mean what they mean in production while the drill compresses time.
 */

const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
/** One request in twenty takes 200ms and one 400ms, the rest 30ms: p95 stays under 250ms. */
const LATENCY_CYCLE = [...Array<number>(17).fill(0.03), 0.2, 0.2, 0.4];
const TICK_MS = 250;
const PARTITIONS = ['0', '1'];

export interface ScrapeTarget {
  readonly job: string;
  readonly namespace: string;
  /** The Kubernetes Service the Prometheus Operator would name in `service`, if any. */
  readonly service?: string;
}

export interface HttpKnobs {
  /** Requests per second. */
  rps: number;
  /** Share of requests answered with a 500. */
  errorRatio: number;
}

export interface PartitionKnobs {
  lag: number;
  /** Messages committed per second; 0 is a stuck partition. */
  commitRate: number;
  /** Lag change per second. */
  lagGrowth: number;
}

export interface GroupKnobs {
  members: number;
  readonly partitions: Map<string, PartitionKnobs>;
}

interface HttpService {
  readonly knobs: HttpKnobs;
  readonly requests: Counter<string>;
  readonly duration: Histogram<string>;
  readonly route: { route: string; method: string };
  carry: number;
  errorCarry: number;
  served: number;
}

export class Simulator {
  readonly targets: ScrapeTarget[] = [];
  readonly http = new Map<string, HttpKnobs>();
  readonly groups = new Map<string, GroupKnobs>();
  /** Targets whose scrape fails (the process is down). */
  readonly down = new Set<string>();
  /** What the drill could not simulate, for the report. */
  readonly notSimulated: string[] = [];

  private readonly registries = new Map<string, Registry>();
  private readonly httpServices = new Map<string, HttpService>();
  private readonly pending: { counter: Counter<string>; labels: Record<string, string>; amount: number }[] = [];
  private readonly kafka?: {
    lag: Gauge<string>;
    lagSum: Gauge<string>;
    offset: Gauge<string>;
    members: Gauge<string>;
    offsets: Map<string, number>;
  };
  private readonly counters = new Map<string, Counter<string>>();
  private server?: Server;
  private timer?: NodeJS.Timeout;
  private last = 0;

  constructor(ir: ProjectIR) {
    for (const service of ir.services.filter((s) => s.scrape)) {
      const registry = this.target({ job: service.name, namespace: service.namespace, service: service.name });
      if (service.metrics.length === 0 || service.metrics.some((m) => m.startsWith('http_request'))) this.addHttp(service.name, registry);
      if (service.metrics.includes('outbox_oldest_pending_age_seconds')) {
        new Gauge({ name: 'outbox_oldest_pending_age_seconds', help: 'Age of the oldest pending outbox event.', registers: [registry] }).set(2);
      }
    }
    for (const dlq of ir.deadLetterQueues) {
      const job = dlq.serviceId.split('/')[1]!;
      const registry = this.registries.get(job);
      if (!registry || dlq.profile !== 'application') {
        this.notSimulated.push(`dead letters of ${dlq.dlqTopic} (${dlq.profile} metrics)`);
        continue;
      }
      const labels = { source_topic: dlq.sourceTopic, dlq_topic: dlq.dlqTopic };
      this.counter(job, 'dlq_messages_published_total', ['source_topic', 'dlq_topic', 'reason']).inc({ ...labels, reason: 'deserialization' }, 0);
      this.counter(job, 'dlq_publish_failures_total', ['source_topic', 'dlq_topic']).inc(labels, 0);
      const reprocessor = dlq.reprocessorServiceId?.split('/')[1];
      if (reprocessor && this.registries.has(reprocessor)) {
        for (const outcome of ['success', 'retry', 'exhausted']) {
          this.counter(reprocessor, 'dlq_reprocess_attempts_total', ['dlq_topic', 'outcome']).inc({ dlq_topic: dlq.dlqTopic, outcome }, 0);
        }
      }
    }
    const groups = ir.consumerGroups.filter((g) => g.exporter === 'kafka_exporter');
    for (const group of ir.consumerGroups.filter((g) => g.exporter !== 'kafka_exporter')) this.notSimulated.push(`consumer group ${group.group} (${group.exporter} metrics)`);
    if (groups.length > 0) {
      const registry = this.target({ job: 'kafka-exporter', namespace: 'kafka' });
      const gauge = (name: string, labelNames: string[]) => new Gauge({ name, help: name, labelNames, registers: [registry] });
      this.kafka = {
        lag: gauge('kafka_consumergroup_lag', ['consumergroup', 'topic', 'partition']),
        lagSum: gauge('kafka_consumergroup_lag_sum', ['consumergroup', 'topic']),
        offset: gauge('kafka_consumergroup_current_offset', ['consumergroup', 'topic', 'partition']),
        members: gauge('kafka_consumergroup_members', ['consumergroup']),
        offsets: new Map(),
      };
      for (const group of groups) {
        const partitions = new Map<string, PartitionKnobs>();
        for (const topic of group.topics) {
          for (const partition of PARTITIONS) partitions.set(`${topic}/${partition}`, { lag: 5, commitRate: 10, lagGrowth: 0 });
        }
        this.groups.set(group.group, { members: 2, partitions });
      }
    }
    this.update(0);
  }

  /** Serves every target on a loopback port; returns it. */
  async start(): Promise<number> {
    this.server = createServer((request, response) => {
      const job = /^\/([^/]+)\/metrics$/.exec(request.url ?? '')?.[1];
      const registry = job ? this.registries.get(job) : undefined;
      if (!job || !registry) return void response.writeHead(404).end();
      if (this.down.has(job)) return void response.writeHead(503).end('down\n');
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.last = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      this.update((now - this.last) / 1000);
      this.last = now;
    }, TICK_MS);
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  hasCounter(job: string, metric: string): boolean {
    return this.counters.has(`${job} ${metric}`);
  }

  /** Counts one event (a dead letter, a failed publish, an exhausted retry) at the next tick. */
  count(job: string, metric: string, labels: Record<string, string>, amount = 1): void {
    const counter = this.counters.get(`${job} ${metric}`);
    if (!counter) throw new Error(`the simulator has no ${metric} on ${job}`);
    this.pending.push({ counter, labels, amount });
  }

  private target(target: ScrapeTarget): Registry {
    const registry = new Registry();
    this.targets.push(target);
    this.registries.set(target.job, registry);
    return registry;
  }

  private counter(job: string, name: string, labelNames: string[]): Counter<string> {
    const key = `${job} ${name}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = new Counter({ name, help: name, labelNames, registers: [this.registries.get(job)!] });
      this.counters.set(key, counter);
    }
    return counter;
  }

  private addHttp(job: string, registry: Registry): void {
    const knobs: HttpKnobs = { rps: 10, errorRatio: 0 };
    const route = { route: `/api/v1/${job}`, method: 'GET' };
    const requests = new Counter({ name: 'http_requests_total', help: 'HTTP requests.', labelNames: ['route', 'method', 'code'], registers: [registry] });
    const duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency.',
      labelNames: ['route', 'method'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    requests.inc({ ...route, code: '200' }, 0);
    requests.inc({ ...route, code: '500' }, 0);
    duration.zero(route);
    this.http.set(job, knobs);
    this.httpServices.set(job, { knobs, requests, duration, route, carry: 0, errorCarry: 0, served: 0 });
  }

  /** Advances the world by `seconds` of real time. */
  private update(seconds: number): void {
    for (const service of this.httpServices.values()) {
      service.carry += service.knobs.rps * seconds;
      for (; service.carry >= 1; service.carry--) {
        service.errorCarry += service.knobs.errorRatio;
        const failed = service.errorCarry >= 1;
        if (failed) service.errorCarry--;
        service.requests.inc({ ...service.route, code: failed ? '500' : '200' });
        service.duration.observe(service.route, LATENCY_CYCLE[service.served++ % LATENCY_CYCLE.length]!);
      }
    }
    for (const { counter, labels, amount } of this.pending.splice(0)) counter.inc(labels, amount);
    if (!this.kafka) return;
    for (const [group, knobs] of this.groups) {
      this.kafka.members.set({ consumergroup: group }, knobs.members);
      const sums = new Map<string, number>();
      for (const [key, partition] of knobs.partitions) {
        const [topic, index] = key.split('/') as [string, string];
        partition.lag = Math.max(0, partition.lag + partition.lagGrowth * seconds);
        const offsetKey = `${group} ${key}`;
        const offset = (this.kafka.offsets.get(offsetKey) ?? 100) + partition.commitRate * seconds;
        this.kafka.offsets.set(offsetKey, offset);
        const labels = { consumergroup: group, topic, partition: index };
        this.kafka.lag.set(labels, Math.round(partition.lag));
        this.kafka.offset.set(labels, Math.floor(offset));
        sums.set(topic, (sums.get(topic) ?? 0) + Math.round(partition.lag));
      }
      for (const [topic, sum] of sums) this.kafka.lagSum.set({ consumergroup: group, topic }, sum);
    }
  }
}
