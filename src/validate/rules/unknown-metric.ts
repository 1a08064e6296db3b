import { declaredMetrics, recordedMetrics, watchedMetrics } from '../known-metrics.ts';
import { lintAt, parsedRules, type LintRule, rulePath } from '../rule.ts';

export const unknownMetric: LintRule = {
  id: 'unknown-metric',
  description: 'Once services declare the metrics they expose, every metric a rule reads is declared, watched by a template, or recorded by the bundle.',
  severity: 'warning',
  why: 'A rule on a metric nobody exposes (a typo, a renamed metric, an exporter that was never deployed) returns nothing, so the alert can never fire and nobody notices. Declaring each service\'s metrics (`service({ metrics: [...] })`) lets vigil catch it before production does.',
  valid: [{ expr: 'rate(http_requests_total[5m]) > 1', declaredMetrics: ['http_requests_total'] }, { expr: 'rate(http_requests_totl[5m]) > 1' }],
  invalid: [{ expr: 'rate(http_requests_totl[5m]) > 1', declaredMetrics: ['http_requests_total'] }],
  check(ir) {
    const declared = declaredMetrics(ir);
    if (declared.size === 0) return [];
    const known = new Set([...declared, ...recordedMetrics(ir), ...watchedMetrics(ir)]);
    return parsedRules(ir).flatMap(({ rule, ast }) => {
      const unknown = ast.metricNames().filter((m) => !known.has(m));
      return unknown.map((metric) =>
        lintAt(this, rule.location, `${rulePath(rule)} reads \`${metric}\`, which no service declares and no template or recording rule produces`, {
          path: `${rulePath(rule)} > expr`,
          // At the selector itself: the name may also be part of a longer name or of a label value before it.
          excerpt: { text: rule.expr, ...ast.span(ast.nodes('Identifier').find((node) => node.parent?.name === 'VectorSelector' && ast.text(node) === metric)!) },
          hint: 'check the name; if a service does expose it, add it to that service\'s `metrics`',
        }),
      );
    });
  },
};
