import { describe, expect, it } from 'vitest';
import type { Definition } from '../../src/authoring/index.ts';
import { service } from '../../src/authoring/service.ts';
import type { ProjectIR } from '../../src/ir.ts';
import { kafkaRecordings } from '../../src/naming.ts';
import { PromqlAst } from '../../src/promql/ast.ts';
import { parseSelector } from '../../src/promql/parse-selector.ts';
import { renderBundle } from '../../src/render/render.ts';
import type { KafkaExporterOptions } from '../../src/templates/kafka/exporter-options.ts';
import { exporterProfiles, type KafkaExporter } from '../../src/templates/kafka/exporters.ts';
import { kafkaConsumerLag } from '../../src/templates/kafka-consumer-lag.ts';
import { labelMatchers } from '../../src/promql/selector.ts';
import type { InputSeries } from '../../src/promtool/test-file.ts';
import { compileDefinitions } from '../support/definitions.ts';
import { fires, runScenarios, runScenariosOnBundle, silent, type Scenario } from '../support/template-scenarios.ts';
import { describeWithTool } from '../support/tools.ts';

const GROUP = 'orders';
const TOPIC = 'orders.created';
const MINUTES = 90;

/** One partition over time (one sample a minute): its lag and committed offset; its series run from `start` to `end`. */
interface Partition {
  lag: (t: number) => number;
  offset: (t: number) => number;
  /** Its newest offset, where the exporter reports one per partition; default its share of the world's `produced`. */
  logEnd?: (t: number) => number;
  start?: number;
  end?: number;
}

interface World {
  partitions: Partition[];
  members?: (t: number) => number;
  /** Newest offset summed over the topic's partitions. */
  produced?: (t: number) => number;
  /** Measured time lag, seconds, per partition (kafka-lag-exporter). */
  timeLag?: (t: number) => number;
  /** Exporter scrape health; undefined: no `up` series at all. */
  up?: ((t: number) => number) | undefined;
  /** Minutes whose scrape of the exporter fails: `up` is 0 and every exporter series is stale. */
  failedScrape?: (t: number) => boolean;
  /** The exporter also reports another, healthy group until this minute (default: throughout). */
  otherGroupEnd?: number;
  /** The exporter's own gauge of its collection from Kafka (kminion), 1 unless given. */
  health?: (t: number) => number;
}

const values = (f: (t: number) => number, end = MINUTES, failed: (t: number) => boolean = () => false, start = 0) =>
  Array.from({ length: end }, (_, t) => (t < start ? '_' : failed(t) ? 'stale' : String(f(t)))).join(' ');

/** One failed scrape every 4 minutes, as a kafka_exporter timing out under cluster load. */
const flapping = (t: number) => t % 4 === 3;

/** The world as the profile's exporter would expose it; `instance`: as one of several replicas of it reports it. */
function exposition(exporter: KafkaExporter, world: World, instance?: string): InputSeries[] {
  const profile = exporterProfiles[exporter];
  const { group: g, topic: tp, partition: p } = profile.labels;
  const job = { job: profile.job, ...(instance ? { instance } : {}) };
  const s = (metric: string, labels: Record<string, string>, f: (t: number) => number, end?: number, start?: number) => ({
    series: `${metric}${labelMatchers({ ...job, ...labels })}`,
    values: values(f, end, world.failedScrape, start),
  });
  const out: InputSeries[] = [];
  const end = Math.min(...world.partitions.map((x) => x.end ?? MINUTES));
  if (profile.lag.per === 'partition') {
    world.partitions.forEach((part, i) => {
      const labels = { [g]: GROUP, [tp]: TOPIC, [p]: String(i) };
      out.push(s(profile.lag.per === 'partition' ? profile.lag.metric : '', labels, part.lag, part.end, part.start));
      if (profile.committedOffset?.per === 'partition') out.push(s(profile.committedOffset.metric, labels, part.offset, part.end, part.start));
      if (profile.timeLagSeconds && world.timeLag) out.push(s(profile.timeLagSeconds, labels, world.timeLag, part.end, part.start));
    });
  } else {
    out.push(s(profile.lag.max, { [g]: GROUP }, (t) => Math.max(...world.partitions.map((x) => x.lag(t))), end));
    out.push(s(profile.lag.sum, { [g]: GROUP }, (t) => world.partitions.reduce((a, x) => a + x.lag(t), 0), end));
    world.partitions.forEach((part, i) => {
      if (profile.committedOffset) out.push(s(profile.committedOffset.metric, { [g]: GROUP, [tp]: TOPIC, [p]: String(i) }, part.offset, part.end));
    });
  }
  if (profile.committedOffset?.per === 'topic') {
    out.push(s(profile.committedOffset.metric, { [g]: GROUP, [tp]: TOPIC }, (t) => world.partitions.reduce((a, x) => a + x.offset(t), 0), end));
  }
  if (profile.members && world.members) out.push(s(profile.members, { [g]: GROUP }, world.members, end));
  const other = profile.lag.per === 'partition' ? s(profile.lag.metric, { [g]: 'billing', [tp]: 'billing.created', [p]: '0' }, () => 0, world.otherGroupEnd) : s(profile.lag.sum, { [g]: 'billing' }, () => 0, world.otherGroupEnd);
  out.push(other);
  if (profile.members) out.push(s(profile.members, { [g]: 'billing' }, () => 2, world.otherGroupEnd));
  if (profile.health) out.push(s(profile.health, { version: 'v2.2.3' }, world.health ?? (() => 1)));
  const { latestOffset } = profile;
  const produced = world.produced;
  if (latestOffset?.per === 'partition' && produced) {
    world.partitions.forEach((part, i) => {
      const logEnd = part.logEnd ?? ((t: number) => produced(t) / world.partitions.length);
      out.push(s(latestOffset.metric, { [latestOffset.topicLabel]: TOPIC, [p]: String(i) }, logEnd, undefined, part.start));
    });
  } else if (latestOffset && produced) out.push(s(latestOffset.metric, { [latestOffset.topicLabel]: TOPIC }, produced));
  const up = world.up;
  if (up) out.push({ series: `up${labelMatchers(job)}`, values: values((t) => (world.failedScrape?.(t) ? 0 : up(t))) });
  return out;
}

const healthyPartition: Partition = { lag: (t) => (t % 2 ? 10 : 30), offset: (t) => 1000 + 60 * t };
const healthy: World = { partitions: [healthyPartition, healthyPartition, healthyPartition], members: () => 3, up: () => 1, produced: (t) => 3000 + 180 * t };
const growingLag: World = { ...healthy, partitions: [0, 1, 2].map(() => ({ lag: (t: number) => 100 + 50 * t, offset: (t: number) => 1000 + 10 * t })) };
const stalledGroup: World = { ...healthy, partitions: [0, 1, 2].map(() => ({ lag: (t: number) => 50 + 2 * t, offset: () => 700 })) };
/** A replay puts 50,000 messages at once on the topic at minute 20; the group drains 3000 a minute. */
const drainingBurst: World = {
  ...healthy,
  partitions: [0, 1, 2].map(() => ({ lag: (t: number) => (t < 20 ? 20 : Math.max(20, 16_667 - 1000 * (t - 20))), offset: (t: number) => 1000 + 1000 * t })),
};
const membersLeave: World = { ...healthy, members: (t) => (t < 20 ? 3 : 0) };

function scenarios(exporter: KafkaExporter): Scenario[] {
  const profile = exporterProfiles[exporter];
  const labels: Record<string, string> = profile.lag.per === 'partition' ? { consumergroup: GROUP, topic: TOPIC } : { consumergroup: GROUP };
  const all = ['KafkaConsumerLagHigh', 'KafkaConsumerLagGrowing', 'KafkaConsumerGroupStalled', 'KafkaConsumerGroupNoMembers', 'KafkaConsumerGroupMissing', 'KafkaLagExporterDown', 'KafkaConsumerTimeLagHigh'];
  const quiet = (at: string, except: readonly string[] = []) => all.filter((a) => !except.includes(a)).map((a) => silent(a, at));
  const growingChecks = [silent('KafkaConsumerLagGrowing', '10m'), fires('KafkaConsumerLagHigh', '30m', labels), fires('KafkaConsumerLagGrowing', '40m', labels), silent('KafkaConsumerGroupStalled', '60m')];
  const noMembersChecks = profile.members
    ? [silent('KafkaConsumerGroupNoMembers', '23m'), fires('KafkaConsumerGroupNoMembers', '27m', { consumergroup: GROUP })]
    : [silent('KafkaConsumerGroupNoMembers', '30m')];
  const list: Scenario[] = [
    { name: 'steady small lag stays quiet', input: exposition(exporter, healthy), checks: quiet('80m') },
    {
      name: 'an idle topic (no lag, no commits) stays quiet',
      input: exposition(exporter, { ...healthy, partitions: [0, 1, 2].map(() => ({ lag: () => 0, offset: () => 500 })), produced: () => 1500 }),
      checks: quiet('80m'),
    },
    { name: 'a growing lag warns, then pages', input: exposition(exporter, growingLag), checks: growingChecks },
    {
      name: 'a growing lag warns, then pages, though one scrape in four fails',
      input: exposition(exporter, { ...growingLag, failedScrape: flapping }),
      checks: [...growingChecks, silent('KafkaLagExporterDown', '60m')],
    },
    {
      name: 'a burst that the group drains does not page',
      input: exposition(exporter, drainingBurst),
      checks: ['22m', '26m', '30m', '34m', '38m', '45m'].map((at) => silent('KafkaConsumerLagGrowing', at)),
    },
    {
      name: 'a lag that is high but shrinking does not page',
      input: exposition(exporter, { ...healthy, partitions: [0, 1, 2].map(() => ({ lag: (t: number) => 5000 - 20 * t, offset: (t: number) => 1000 + 80 * t })) }),
      checks: [fires('KafkaConsumerLagHigh', '30m', labels), silent('KafkaConsumerLagGrowing', '60m')],
    },
    { name: 'no members pages after 5 minutes', input: exposition(exporter, membersLeave), checks: noMembersChecks },
    {
      name: 'no members pages after 5 minutes, though one scrape in four fails',
      input: exposition(exporter, { ...membersLeave, failedScrape: flapping }),
      checks: [...noMembersChecks, silent('KafkaLagExporterDown', '60m')],
    },
    {
      name: 'a vanished group pages while the exporter is up',
      input: exposition(exporter, { ...healthy, partitions: healthy.partitions.map((x) => ({ ...x, end: 20 })) }),
      checks: [silent('KafkaConsumerGroupMissing', '25m'), fires('KafkaConsumerGroupMissing', '40m', labels), silent('KafkaLagExporterDown', '40m')],
    },
    {
      name: 'an exporter that answers but reports no group (it cannot reach Kafka) pages once, and the vanished-group alert stays quiet',
      input: exposition(exporter, { ...healthy, partitions: healthy.partitions.map((x) => ({ ...x, end: 20 })), otherGroupEnd: 20 }),
      checks: [silent('KafkaLagExporterDown', '22m'), fires('KafkaLagExporterDown', '30m'), silent('KafkaConsumerGroupMissing', '30m'), silent('KafkaConsumerGroupMissing', '45m')],
    },
    {
      name: 'a down exporter pages, and the vanished-group alert stays quiet',
      input: exposition(exporter, { ...healthy, failedScrape: (t) => t >= 20 }),
      checks: [silent('KafkaLagExporterDown', '22m'), fires('KafkaLagExporterDown', '30m'), silent('KafkaConsumerGroupMissing', '30m'), silent('KafkaConsumerGroupMissing', '45m')],
    },
    { name: 'an absent exporter pages', input: exposition(exporter, { ...healthy, up: undefined }), checks: [fires('KafkaLagExporterDown', '10m')] },
  ];
  // A group that never committed on the topic: kafka_exporter leaves the topic out for it, kminion and Redpanda report nothing.
  const neverCommitted = (world: World) => {
    const own = new RegExp(`${profile.labels.group}="${GROUP}"`);
    return exposition(exporter, world).filter((x) => !own.test(x.series) || (profile.members !== undefined && x.series.startsWith(`${profile.members}{`)));
  };
  list.push(
    { name: 'a group that never committed on a topic nothing was ever written to stays quiet', input: neverCommitted({ ...healthy, produced: () => 0 }), checks: quiet('40m') },
    {
      name: 'a group that never committed on a topic holding messages pages as missing',
      input: neverCommitted({ ...healthy, produced: () => 3000 }),
      checks: [fires('KafkaConsumerGroupMissing', '15m', labels), silent('KafkaLagExporterDown', '15m')],
    },
  );
  const twoReplicas = (world: World) => [...exposition(exporter, world, '10.0.0.1:9308'), ...exposition(exporter, world, '10.0.0.2:9308')];
  const belowThreshold: World = { ...healthy, partitions: [0, 1, 2].map(() => ({ lag: () => 250, offset: (t: number) => 1000 + 60 * t })) };
  list.push(
    { name: 'a lag below the threshold stays quiet when two exporter replicas report it', input: twoReplicas(belowThreshold), checks: quiet('30m') },
    { name: 'a lag above the threshold warns when two exporter replicas report it', input: twoReplicas(growingLag), checks: growingChecks },
  );
  if (profile.health) {
    list.push({
      name: 'an exporter that reports a failed collection pages, and a group it lost is not called vanished',
      input: exposition(exporter, { ...healthy, partitions: healthy.partitions.map((x) => ({ ...x, end: 20 })), health: (t) => (t < 20 ? 1 : 0) }),
      checks: [silent('KafkaLagExporterDown', '22m'), fires('KafkaLagExporterDown', '30m'), silent('KafkaConsumerGroupMissing', '45m')],
    });
  }
  if (profile.committedOffset?.per === 'partition' && profile.lag.per === 'partition') {
    list.push({
      name: 'one stuck partition among healthy ones pages',
      input: exposition(exporter, { ...healthy, partitions: [{ lag: (t) => 10 + 5 * t, offset: () => 700 }, healthyPartition, healthyPartition] }),
      checks: [silent('KafkaConsumerGroupStalled', '3m'), fires('KafkaConsumerGroupStalled', '25m', labels), silent('KafkaConsumerLagHigh', '60m'), silent('KafkaConsumerLagGrowing', '60m')],
    });
  }
  if (profile.committedOffset) {
    // At 25m each of the three partitions holds 100 messages.
    const stalledAlert = {
      eval_time: '25m',
      alertname: 'KafkaConsumerGroupStalled',
      exp_alerts: [
        {
          exp_labels: { ...labels, namespace: 'shop', service: 'orders', severity: 'critical', team: 'commerce' },
          exp_annotations: {
            summary: `Consumer group ${GROUP} has stopped committing on ${TOPIC} with 300 messages waiting`,
            description: `Consumer group ${GROUP} has messages waiting on ${TOPIC} but its committed offset has not moved for 15m. A consumer is stuck (a poison message, a deadlock, a blocked downstream) while the partition waits.`,
            runbook_url: 'runbooks/KafkaConsumerGroupStalled.md',
          },
        },
      ],
    };
    list.push(
      { name: 'a stalled group pages with the messages waiting on all its partitions', input: exposition(exporter, stalledGroup), checks: [], alerts: [stalledAlert] },
      { name: 'a stalled group reported by two exporter replicas counts each message once', input: twoReplicas(stalledGroup), checks: [], alerts: [stalledAlert] },
      {
        name: 'a stalled group pages, though one scrape in four fails',
        input: exposition(exporter, { ...stalledGroup, failedScrape: flapping }),
        checks: [fires('KafkaConsumerGroupStalled', '25m', labels), silent('KafkaLagExporterDown', '60m')],
      },
    );
  }
  if (profile.lag.per === 'partition' && profile.lag.noCommitSentinel) {
    // What the exporter reports for a partition the group never committed on: -1, or NaN (kafka-lag-exporter).
    const never = exporter === 'kafka-lag-exporter' ? NaN : -1;
    const uncommitted: Partition = { lag: () => never, offset: () => never };
    list.push({
      name: 'a group that never committed on an idle topic stays quiet',
      input: exposition(exporter, { ...healthy, partitions: [uncommitted, uncommitted, uncommitted], produced: () => 3000 }),
      checks: quiet('80m'),
    });
    list.push({
      name: 'partitions never committed on do not hide the lag of the others',
      input: exposition(exporter, { ...healthy, partitions: [{ lag: () => 1001, offset: (t) => 1000 + 60 * t }, uncommitted, uncommitted] }),
      checks: [fires('KafkaConsumerLagHigh', '30m', labels)],
    });
    list.push({
      name: 'a new partition the group never commits on while messages arrive pages as stalled, after the window it has to be picked up',
      input: exposition(exporter, { ...healthy, partitions: [healthyPartition, healthyPartition, { ...uncommitted, start: 10, logEnd: (t) => 120 * (t - 10) }] }),
      checks: [silent('KafkaConsumerGroupStalled', '28m'), fires('KafkaConsumerGroupStalled', '32m', labels), silent('KafkaConsumerLagHigh', '60m')],
    });
  }
  if (profile.timeLagSeconds) {
    list.push({
      name: 'a measured time lag above the bound warns',
      input: exposition(exporter, { ...healthy, timeLag: (t) => (t < 20 ? 5 : 600) }),
      checks: [silent('KafkaConsumerTimeLagHigh', '25m'), fires('KafkaConsumerTimeLagHigh', '35m', labels)],
    });
  } else if (profile.latestOffset) {
    list.push(
      {
        name: 'an estimated time lag above the bound warns',
        input: exposition(exporter, { ...healthy, partitions: [0, 1, 2].map(() => ({ lag: () => 1000, offset: (t: number) => 1000 + 300 * t })), produced: (t) => 3000 + 300 * t }),
        checks: [fires('KafkaConsumerTimeLagHigh', '30m', labels)],
      },
      {
        name: 'an estimated time lag is the same when two exporter replicas report it',
        input: twoReplicas({ ...healthy, partitions: [0, 1, 2].map(() => ({ lag: () => 1000, offset: (t: number) => 1000 + 300 * t })), produced: (t) => 3000 + 300 * t }),
        checks: [fires('KafkaConsumerTimeLagHigh', '30m', labels)],
      },
      {
        name: 'no estimate while nothing is produced',
        input: exposition(exporter, { ...healthy, partitions: [0, 1, 2].map(() => ({ lag: () => 1000, offset: () => 1000 })), produced: () => 3000 }),
        checks: [silent('KafkaConsumerTimeLagHigh', '60m')],
      },
    );
  }
  return list;
}

describeWithTool('promtool', 'kafkaConsumerLag alerts under promtool', () => {
  for (const exporter of Object.keys(exporterProfiles) as KafkaExporter[]) {
    it(`fire when they should and stay quiet otherwise: ${exporter}`, () => {
      const svc = service({ name: 'orders', namespace: 'shop', team: 'commerce' });
      const lag = kafkaConsumerLag({ service: svc, group: GROUP, topics: [TOPIC], exporter, timeLag: { maxSeconds: 300 } });
      runScenarios([svc, ...lag.alerts, ...lag.records, lag.watch], scenarios(exporter));
    });
  }
});

/** kafka-lag-exporter watching two Kafka clusters, `main` and `dr`, where group `orders` exists in both. */
describeWithTool('promtool', 'kafkaConsumerLag on a kafka-lag-exporter that watches several clusters', () => {
  const kle = (metric: string, labels: Record<string, string>, values: string): InputSeries => ({
    series: `${metric}${labelMatchers({ job: 'kafka-lag-exporter', ...labels })}`,
    values,
  });
  const partition = (cluster: string, group = GROUP) => ({ cluster_name: cluster, group, topic: TOPIC, partition: '0', member_host: '/10.0.0.1', consumer_id: 'c-1', client_id: 'c' });
  const committing = (cluster: string, lag: string, group = GROUP) => [
    kle('kafka_consumergroup_group_lag', partition(cluster, group), lag),
    kle('kafka_consumergroup_group_offset', partition(cluster, group), '1000+60x90'),
  ];
  const up = kle('up', {}, '1x90');
  const svc = service({ name: 'orders', namespace: 'shop', team: 'commerce' });

  it('keeps each cluster to itself', () => {
    const lag = kafkaConsumerLag({ service: svc, group: GROUP, topics: [TOPIC], exporter: 'kafka-lag-exporter' });
    runScenarios(
      [svc, ...lag.alerts, ...lag.records, lag.watch],
      [
        {
          name: 'a group healthy in one cluster and caught up and idle in the other stays quiet',
          input: [...committing('main', '20x90'), kle('kafka_consumergroup_group_lag', partition('dr'), '0x90'), kle('kafka_consumergroup_group_offset', partition('dr'), '555x90'), up],
          checks: [silent('KafkaConsumerGroupStalled', '30m'), silent('KafkaConsumerGroupStalled', '60m')],
        },
        {
          name: 'a group stalled in one cluster pages for that cluster alone',
          input: [...committing('main', '20x90'), kle('kafka_consumergroup_group_lag', partition('dr'), '50+2x90'), kle('kafka_consumergroup_group_offset', partition('dr'), '555x90'), up],
          checks: [fires('KafkaConsumerGroupStalled', '25m', { consumergroup: GROUP, topic: TOPIC, cluster_name: 'dr' })],
        },
        {
          name: 'lag in two clusters is not added up',
          input: [...committing('main', '600x90'), ...committing('dr', '600x90'), up],
          checks: [silent('KafkaConsumerLagHigh', '30m')],
        },
      ],
    );
  });

  it('takes one cluster by matchers, while the exporter is up by its job', () => {
    const lag = kafkaConsumerLag({ service: svc, group: GROUP, topics: [TOPIC], exporter: { profile: 'kafka-lag-exporter', matchers: { cluster_name: 'main' } } });
    const other = committing('main', '5x90', 'billing');
    runScenarios(
      [svc, ...lag.alerts, ...lag.records, lag.watch],
      [
        { name: 'a healthy exporter does not page', input: [...committing('main', '20x90'), ...other, up], checks: [silent('KafkaLagExporterDown', '30m')] },
        {
          name: 'the group vanishing from that cluster pages as missing',
          input: [
            kle('kafka_consumergroup_group_lag', partition('main'), '20x19 stale'),
            kle('kafka_consumergroup_group_offset', partition('main'), '1000+60x19 stale'),
            ...committing('dr', '20x90'),
            ...other,
            up,
          ],
          checks: [fires('KafkaConsumerGroupMissing', '40m', { consumergroup: GROUP, topic: TOPIC, cluster_name: 'main' }), silent('KafkaLagExporterDown', '40m')],
        },
      ],
    );
  });
});

/** Services `shop/<name>` with two groups each, all watched through one exporter (KafkaLagExporterDown from the first group of the first service alone). */
function sharedExporterProject(names: readonly string[], exporter: (name: string) => KafkaExporter | KafkaExporterOptions): Definition[] {
  const definitions: Definition[] = [];
  for (const name of names) {
    const svc = service({ name, namespace: 'shop', team: 'commerce' });
    definitions.push(svc);
    for (const group of [name, `${name}-replay`]) {
      const lag = kafkaConsumerLag({ service: svc, group, topics: [`${name}.events`], exporter: exporter(name), ...(name === names[0] && group === name ? {} : { exporterDown: false }) });
      definitions.push(...lag.alerts, ...lag.records, lag.watch);
    }
  }
  return definitions;
}

/** Each rule that selects every group the exporter reports (a metric labelled by group, with no matcher on the group), as `type name in group`. */
function everyGroupReaders(ir: ProjectIR, exporter: KafkaExporter): string[] {
  const profile = exporterProfiles[exporter];
  const { lag } = profile;
  const groupMetrics = new Set([...(lag.per === 'partition' ? [lag.metric] : [lag.max, lag.sum]), profile.committedOffset?.metric, profile.timeLagSeconds, profile.members]);
  return ir.ruleGroups.flatMap((group) =>
    group.rules.flatMap((rule) => {
      const ast = new PromqlAst(rule.expr);
      const everyGroup = ast.nodes('VectorSelector').some((node) => {
        const selected = parseSelector(ast.text(node));
        return groupMetrics.has(selected?.metric) && !selected?.matchers.some((m) => m.name === profile.labels.group);
      });
      return everyGroup ? [`${rule.type} ${rule.name} in ${group.name}`] : [];
    }),
  );
}

describe('kafkaConsumerLag over an exporter several services share', () => {
  for (const exporter of Object.keys(exporterProfiles) as KafkaExporter[]) {
    it(`reads every group the exporter reports in one recording, not in each group's alerts: ${exporter}`, () => {
      const { ir, diagnostics } = compileDefinitions(sharedExporterProject(['orders', 'billing', 'audit'], () => exporter));
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(everyGroupReaders(ir, exporter)).toEqual([`record ${kafkaRecordings.consumerGroups} in shop.audit.lag-exporter.${exporterProfiles[exporter].job}`]);
    });
  }

  it('records each cluster of a kafka-lag-exporter apart, and refuses two readings of one exporter that would record the same series', () => {
    const cluster = { orders: 'main', billing: 'dr' } as Record<string, string>;
    const byCluster = compileDefinitions(sharedExporterProject(['orders', 'billing'], (name) => ({ profile: 'kafka-lag-exporter', matchers: { cluster_name: cluster[name]! } })));
    expect(byCluster.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const recordings = byCluster.ir.ruleGroups.flatMap((g) => g.rules.filter((r) => r.type === 'record').map((r) => [g.name, r.labels]));
    expect(recordings).toEqual([
      ['shop.billing.lag-exporter.kafka-lag-exporter', { cluster_name: 'dr', job: 'kafka-lag-exporter' }],
      ['shop.orders.lag-exporter.kafka-lag-exporter', { cluster_name: 'main', job: 'kafka-lag-exporter' }],
    ]);
    const interval = { orders: '30s', billing: '1m' } as Record<string, string>;
    const twoIntervals = compileDefinitions(sharedExporterProject(['orders', 'billing'], (name) => ({ profile: 'kafka_exporter', interval: interval[name]! })));
    expect(twoIntervals.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.message])).toEqual([
      ['duplicate-rule', `shared recording \`${kafkaRecordings.consumerGroups}{job="kafka-exporter"}\` is defined with two different expressions`],
    ]);
  });
});

/** billing's rule file holds the exporter's group count (billing comes first by id); orders' alerts read it from there. */
describeWithTool('promtool', 'kafkaConsumerLag alerts reading the group count another service records', () => {
  const exporter = { profile: 'kafka_exporter', job: 'kafka-exporter', namespace: 'kafka' } as const;
  const kafka = (metric: string, labels: Record<string, string>, values: string): InputSeries => ({
    series: `${metric}${labelMatchers({ job: 'kafka-exporter', namespace: 'kafka', ...labels })}`,
    values,
  });
  /** A group's series, reported until `end` (minutes). */
  const group = (name: string, end = 90) => {
    const reported = (value: string) => (end >= 90 ? `${value}x90` : `${value}x${end - 1} stale`);
    const partition = { consumergroup: name, topic: `${name.replace(/-replay$/, '')}.events`, partition: '0' };
    return [
      kafka('kafka_consumergroup_lag', partition, reported('5')),
      kafka('kafka_consumergroup_current_offset', partition, end >= 90 ? '100+60x90' : `100+60x${end - 1} stale`),
      kafka('kafka_consumergroup_members', { consumergroup: name }, reported('2')),
    ];
  };
  const logEnd = (topic: string) => kafka('kafka_topic_partition_current_offset', { topic, partition: '0' }, '105+60x90');
  const world = (ends: Record<string, number> = {}) => [
    ...['billing', 'billing-replay', 'orders', 'orders-replay'].flatMap((name) => group(name, ends[name])),
    logEnd('billing.events'),
    logEnd('orders.events'),
    kafka('up', {}, '1x90'),
  ];

  it('pages once for a blind exporter, and for a vanished group', () => {
    const result = compileDefinitions(sharedExporterProject(['orders', 'billing'], () => exporter));
    expect(result.diagnostics.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    const rendered = renderBundle(result.bundle);
    const ruleFile = (name: string) => rendered.get(`prometheus/rules/shop/${name}.yaml`)!;
    expect(ruleFile('billing')).toContain(`record: ${kafkaRecordings.consumerGroups}`);
    expect(ruleFile('orders')).not.toContain('record:');
    const everyGroupGone = { billing: 20, 'billing-replay': 20, orders: 20, 'orders-replay': 20 };
    const orders = { consumergroup: 'orders', topic: 'orders.events', service: 'orders' };
    runScenariosOnBundle(result.ir.services, rendered, [
      { name: 'a healthy exporter raises nothing', input: world(), checks: [silent('KafkaLagExporterDown', '60m'), silent('KafkaConsumerGroupMissing', '60m')] },
      {
        name: 'an exporter that answers but reports no group pages once, as down, and no group as missing',
        input: world(everyGroupGone),
        checks: [silent('KafkaLagExporterDown', '22m'), fires('KafkaLagExporterDown', '30m', { service: 'orders' }), silent('KafkaConsumerGroupMissing', '45m')],
      },
      {
        name: 'a group that vanishes while the exporter reports others pages as missing',
        input: world({ orders: 20 }),
        checks: [silent('KafkaConsumerGroupMissing', '25m'), fires('KafkaConsumerGroupMissing', '40m', orders), silent('KafkaLagExporterDown', '40m')],
      },
    ]);
  });
});
