import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { durationMs } from '../../src/util/duration.ts';

/** What Prometheus's rules API says of a group after an evaluation. */
interface GroupState {
  readonly name: string;
  /** Seconds. */
  readonly interval: number;
  readonly lastEvaluation: string;
  /** Seconds. */
  readonly evaluationTime: number;
  readonly rules: readonly { readonly name: string; readonly health: string; readonly lastError?: string; readonly evaluationTime: number }[];
}

/** Every evaluation seen of every group, by group and by the evaluation's time. */
export type Evaluations = Map<string, Map<string, GroupState>>;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { data: T }).data;
}

/**
 * Reads the rules API every `everyMs` until `until` (epoch ms), keeping evaluations after
 * `after`; and the rules not healthy at the last reading.
 */
export async function watchEvaluations(base: string, after: number, until: number, everyMs = 30_000): Promise<{ evaluations: Evaluations; loaded: number; unhealthy: string[] }> {
  const evaluations: Evaluations = new Map();
  for (;;) {
    const { groups } = await getJson<{ groups: GroupState[] }>(`${base}/api/v1/rules`);
    for (const group of groups) {
      if (Date.parse(group.lastEvaluation) <= after) continue;
      const seen = evaluations.get(group.name) ?? new Map<string, GroupState>();
      evaluations.set(group.name, seen);
      seen.set(group.lastEvaluation, group);
    }
    if (Date.now() + everyMs > until) {
      const unhealthy = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok' || r.lastError).map((r) => `${g.name} ${r.name}: ${r.health} ${r.lastError ?? ''}`));
      return { evaluations, loaded: groups.length, unhealthy };
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** The kind of a generated group: its name without `<namespace>.<service>.`. */
const groupKind = (group: string) => group.split('.').slice(2).join('.');

/** A rule's name with the kind of its group, the SLOs' groups taken together: `slo slo:sli_error:ratio_rate3d`. */
function ruleKey(group: string, rule: string): string {
  const kind = groupKind(group);
  return `${kind.endsWith('.budget') ? 'budget' : kind.replace(/^slo-.*/, 'slo')} ${rule}`;
}

export interface KindCost {
  readonly kind: string;
  readonly groups: number;
  readonly intervalSeconds: number;
  /** Mean evaluation time of the kind's groups, summed, per 30 s of wall clock. */
  readonly msPer30s: number;
}

/** Each group's mean evaluation time, per 30 s of wall clock (a group evaluated every 2m30s counts a fifth), by kind. */
export function costByKind(evaluations: Evaluations): KindCost[] {
  const kinds = new Map<string, { groups: number; intervalSeconds: number; msPer30s: number }>();
  for (const [name, seen] of evaluations) {
    const states = [...seen.values()];
    const mean = states.reduce((sum, s) => sum + s.evaluationTime, 0) / states.length;
    const intervalSeconds = states[0]!.interval;
    const kind = kinds.get(groupKind(name)) ?? { groups: 0, intervalSeconds, msPer30s: 0 };
    kind.groups++;
    kind.msPer30s += (mean * 1000 * 30) / intervalSeconds;
    kinds.set(groupKind(name), kind);
  }
  return [...kinds].map(([kind, cost]) => ({ kind, ...cost })).sort((a, b) => b.msPer30s - a.msPer30s);
}

/** Each rule's mean evaluation time per 30 s of wall clock, summed by `ruleKey`. */
export function costByRule(evaluations: Evaluations): Map<string, number> {
  const byRule = new Map<string, number>();
  for (const [name, seen] of evaluations) {
    const states = [...seen.values()];
    const weight = (1000 * 30) / states[0]!.interval / states.length;
    states[0]!.rules.forEach((rule, i) => {
      const key = ruleKey(name, rule.name);
      byRule.set(key, (byRule.get(key) ?? 0) + weight * states.reduce((sum, s) => sum + s.rules[i]!.evaluationTime, 0));
    });
  }
  return byRule;
}

export interface RuleReads {
  readonly rule: string;
  readonly count: number;
  /** Samples read per evaluation, per 30 s of wall clock (a budget group's at a fifth). */
  readonly samplesPer30s: number;
  /** Recording rules of this name that returned nothing, by group. */
  readonly empty: readonly string[];
}

interface RuleFile {
  groups: { name: string; interval?: string; rules: { record?: string; alert?: string; expr: string }[] }[];
}


/**
 * Runs every rule of the files as an instant query at `time` with the query statistics: the
 * samples each reads, and which recording rules return nothing. By `ruleKey`.
 */
export async function readsByRule(base: string, files: readonly string[], time: number): Promise<RuleReads[]> {
  const byRule = new Map<string, { count: number; samplesPer30s: number; empty: string[] }>();
  for (const file of files) {
    for (const group of (parse(readFileSync(file, 'utf8')) as RuleFile).groups) {
      const weight = group.interval ? 30_000 / durationMs(group.interval) : 1;
      for (const rule of group.rules) {
        const query = new URLSearchParams({ query: rule.expr, time: String(time), stats: 'all' });
        const data = await getJson<{ result: unknown[]; stats: { samples: { totalQueryableSamples: number } } }>(
          `${base}/api/v1/query?${query}`,
        );
        const key = ruleKey(group.name, rule.record ?? rule.alert ?? '');
        const reads = byRule.get(key) ?? { count: 0, samplesPer30s: 0, empty: [] };
        reads.count++;
        reads.samplesPer30s += data.stats.samples.totalQueryableSamples * weight;
        if (rule.record && data.result.length === 0) reads.empty.push(`${group.name} ${rule.record}`);
        byRule.set(key, reads);
      }
    }
  }
  return [...byRule].map(([rule, reads]) => ({ rule, ...reads })).sort((a, b) => b.samplesPer30s - a.samplesPer30s);
}

/** A counter or gauge of Prometheus's own /metrics, summed over its series. */
export async function ownMetric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

/** The process's user and system time so far, in seconds (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks of 1/100 s.
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
