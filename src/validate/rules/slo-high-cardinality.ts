import { lintAt, type LintRule } from '../rule.ts';

/** Labels whose values come and go with instances or requests: an SLI kept per them has no stable budget. */
export const highCardinalityLabels: ReadonlySet<string> = new Set([
  'pod',
  'pod_name',
  'instance',
  'container',
  'container_id',
  'ip',
  'pod_ip',
  'uid',
  'user',
  'user_id',
  'session_id',
  'request_id',
  'trace_id',
  'span_id',
  'path',
  'url',
  'uri',
]);

export const sloHighCardinality: LintRule = {
  id: 'slo-high-cardinality',
  description: 'An SLO kept per label (`by`) uses labels with a bounded, stable set of values, never pod, instance or request ids.',
  severity: 'warning',
  why: 'Every value of a `by` label is its own error budget and its own set of recording series over 30 days. Pods and instances come and go: each restart starts a new budget and leaves the old series behind, and the SLO answers nothing.',
  valid: [{ expr: 'http_requests_total{code=~"5.."}', sloBy: ['route'] }],
  invalid: [{ expr: 'http_requests_total{code=~"5.."}', sloBy: ['pod'] }],
  check(ir) {
    return ir.slos.flatMap((slo) =>
      slo.by
        .filter((label) => highCardinalityLabels.has(label))
        .map((label) =>
          lintAt(this, slo.location, `SLO \`${slo.name}\` is kept per \`${label}\`, a label whose values come and go`, {
            path: `slo "${slo.name}" > by`,
            hint: 'every new value starts a new budget and new series, and an old one disappears with its history; keep the SLI per a stable label such as `route` or `topic`',
          }),
        ),
    );
  },
};
