import type { SourceLocation } from '../diagnostics/diagnostic.ts';
import { captureLocation } from './location.ts';

export type LintSetting = 'off' | 'info' | 'warning' | 'error';

export interface VigilConfig {
  /** Definition modules, as globs relative to the config file. Default `alerts/**\/*.ts`, `dashboards/**\/*.ts`. */
  readonly include?: readonly string[];
  /** Output directory, relative to the config file. Default `out`. */
  readonly out?: string;
  readonly runbooks?: {
    /** Folder of human-written runbooks (`<AlertName>.md`), relative to the config file. Default `runbooks`. */
    readonly dir?: string;
    /** Where `out/runbooks` is browsable (e.g. the GitOps repository's web URL); every `runbook_url` starts with it. */
    readonly baseUrl?: string;
  };
  readonly grafana?: {
    /** Grafana's address (e.g. `https://grafana.example.com`): alerts link to dashboard panels under it. */
    readonly baseUrl?: string;
    /** Namespace of the dashboard ConfigMaps (or GrafanaDashboards). Default `monitoring`. */
    readonly namespace?: string;
    /** Grafana folder the dashboards go in. Default `vigil`. */
    readonly folder?: string;
    /**
     * How dashboards reach Grafana besides their JSON: `configmap` (default) for the Grafana
     * sidecar of kube-prometheus-stack, or `grafana-operator` for GrafanaDashboard objects.
     */
    readonly delivery?: 'configmap' | 'grafana-operator';
    /** With `grafana-operator`: labels of the Grafana instances that load the dashboards. */
    readonly instanceSelector?: Readonly<Record<string, string>>;
  };
  readonly lint?: {
    /** Severity per lint rule id (`vigil check` lists them; docs/rules/<id>.md explains each), or `off`. */
    readonly rules?: Readonly<Record<string, LintSetting>>;
  };
  readonly alertmanager?: {
    /**
     * The oldest Alertmanager that must load the generated alertmanager.yml, `0.<minor>`.
     * Default `0.25` (Debian bookworm). Receivers that need a newer one are reported.
     */
    readonly version?: `0.${number}`;
    /** Metadata labels of the AlertmanagerConfig objects, so the Alertmanager's `alertmanagerConfigSelector` picks them up. */
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly prometheusRule?: {
    /** Metadata labels, so the Prometheus `ruleSelector` picks the rules up (e.g. `release: kube-prometheus-stack`). */
    readonly labels?: Readonly<Record<string, string>>;
  };
  readonly serviceMonitor?: {
    /** Metadata labels, so the Prometheus `serviceMonitorSelector` picks the monitors up. */
    readonly labels?: Readonly<Record<string, string>>;
  };
}

export interface ConfigDefinition extends VigilConfig {
  readonly location: SourceLocation;
}

/** The root `vigil.config.ts` exports this as default. */
export function defineConfig(config: VigilConfig): ConfigDefinition {
  return Object.freeze({ ...config, location: captureLocation() });
}
