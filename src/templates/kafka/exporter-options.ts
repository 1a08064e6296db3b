import { OptionsError } from '../../authoring/options-error.ts';
import type { Matchers } from '../../promql/selector.ts';
import { formatDuration, parseDuration } from '../../util/duration.ts';
import { requireExporter } from '../shared.ts';
import type { ExporterProfile, KafkaExporter } from './exporters.ts';

export interface KafkaExporterOptions {
  readonly profile: KafkaExporter;
  /** The exporter's scrape job. Default: the profile's usual one (`kafka-exporter` for kafka_exporter). */
  readonly job?: string;
  /** The namespace its series carry (e.g. `kafka` for Strimzi's exporter). */
  readonly namespace?: string;
  /** More matchers on the exporter's series (e.g. `{ cluster_name: 'main' }`), not on its scrape target's `up`. */
  readonly matchers?: Matchers;
  /** How often Prometheus scrapes the exporter. Default `1m`. */
  readonly interval?: string;
}

/** Where a template finds one exporter's series, resolved from its options. */
export interface ExporterScope {
  readonly profile: ExporterProfile;
  /** Selects the exporter's scrape target (job, namespace): its `up` and its own gauges. */
  readonly target: { readonly job: string; readonly namespace?: string };
  /** Selects the exporter's series: the target's and the options' matchers. */
  readonly matchers: Matchers;
  /**
   * How far back a value read at an instant may come from: two scrape intervals. One failed
   * scrape marks every series of the exporter stale; read plainly, they would all vanish for an
   * evaluation and restart every alert's `for`.
   */
  readonly bridge: string;
}

/** The exporter's scope, or an OptionsError naming `field` (`exporter`, `reprocessor.exporter`). */
export function exporterScope(call: string, field: string, option: KafkaExporter | KafkaExporterOptions | undefined): ExporterScope {
  const options = typeof option === 'object' ? option : { profile: option ?? 'kafka_exporter' };
  const profile = requireExporter(call, typeof option === 'object' ? `${field}.profile` : field, options.profile);
  const interval = options.interval ?? '1m';
  const ms = typeof interval === 'string' ? parseDuration(interval) : undefined;
  if (!ms) throw new OptionsError(`${call}: \`${field}.interval\` must be a scrape interval such as 30s, not ${JSON.stringify(interval) ?? String(interval)}`);
  const target = { job: options.job ?? profile.job, ...(options.namespace ? { namespace: options.namespace } : {}) };
  return { profile, target, matchers: { ...options.matchers, ...target }, bridge: formatDuration(2 * ms) };
}
