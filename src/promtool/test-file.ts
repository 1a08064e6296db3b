/** The `promtool test rules` file format (https://prometheus.io/docs/prometheus/latest/configuration/unit_testing_rules/). */

export interface InputSeries {
  /** `metric{label="value"}` */
  readonly series: string;
  /** Expanding notation, e.g. `0+60x30` or `1 1 _ stale`. */
  readonly values: string;
}

export interface ExpectedSample {
  readonly labels: string;
  readonly value: number | string;
}

export interface PromqlExprTest {
  readonly expr: string;
  readonly eval_time: string;
  readonly exp_samples: readonly ExpectedSample[];
}

export interface AlertRuleTest {
  readonly eval_time: string;
  readonly alertname: string;
  readonly exp_alerts: readonly {
    readonly exp_labels?: Readonly<Record<string, string>>;
    readonly exp_annotations?: Readonly<Record<string, string>>;
  }[];
}

export interface PromtoolTestCase {
  readonly name?: string;
  readonly interval: string;
  readonly input_series: readonly InputSeries[];
  readonly alert_rule_test?: readonly AlertRuleTest[];
  readonly promql_expr_test?: readonly PromqlExprTest[];
}

export interface PromtoolTestFile {
  readonly rule_files: readonly string[];
  readonly evaluation_interval: string;
  readonly tests: readonly PromtoolTestCase[];
}
