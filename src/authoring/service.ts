import { define, type DefinitionBase } from './definition.ts';

export interface ServiceOptions {
  /** The `job` label of its series: its ServiceMonitor sets it, whatever the Kubernetes Service it selects is called. */
  readonly name: string;
  readonly namespace: string;
  /** Owning team: every alert of the service carries it and routing uses it. */
  readonly team: string;
  /**
   * Labels of the Kubernetes Service the ServiceMonitor selects. Default `app.kubernetes.io/name: <name>`.
   * Not empty, and not another service's of the namespace (`service-selector`).
   */
  readonly selector?: Readonly<Record<string, string>>;
  /** Name of the Service port that serves metrics. Default `http-metrics`. */
  readonly port?: string;
  /** Metrics path. Default `/metrics`. */
  readonly path?: string;
  /** Scrape interval. Default `30s`. */
  readonly interval?: string;
  /** Generate a ServiceMonitor for it. Default true; false for targets scraped by other means. */
  readonly scrape?: boolean;
  /** Extra labels added to every alert of the service. */
  readonly labels?: Readonly<Record<string, string>>;
  /**
   * The metrics it exposes (a histogram or summary by its base name). Once any service declares
   * its metrics, a rule reading a metric that no service, exporter or recording rule produces is
   * reported (lint rule `unknown-metric`).
   */
  readonly metrics?: readonly string[];
}

export interface ServiceDefinition extends DefinitionBase<'service'>, ServiceOptions {
  /** Matchers that select this service's own series: `{ namespace, job }`. */
  readonly scrapeLabels: Readonly<{ namespace: string; job: string }>;
}

/** A scraped workload that owns alerts, SLOs and dashboards. */
export function service(options: ServiceOptions): ServiceDefinition {
  return define('service', {
    ...options,
    // Options built from data may be missing altogether: normalization reports each missing field.
    scrapeLabels: Object.freeze({ namespace: options?.namespace, job: options?.name }),
  });
}
