import { errorAt, type Diagnostic, type SourceLocation } from '../../diagnostics/diagnostic.ts';
import type { AlertRuleIR, Labels, ProjectIR } from '../../ir.ts';
import { isValidLabelName } from '../../promql/selector.ts';
import { labelKeyProblem, labelValueProblem } from '../../util/kubernetes-names.ts';
import { allRules, rulePath, servicePath, type ValidationRule } from '../rule.ts';

const severities: readonly string[] = ['critical', 'warning', 'info'];

export const invalidLabel: ValidationRule = {
  id: 'invalid-label',
  description:
    'Alert and recording-rule labels are Prometheus label names; Kubernetes selector and metadata labels are valid Kubernetes labels.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    /** Checks the labels, but those `inherited` already holds with the same value (checked where they were set). */
    const prometheusLabels = (labels: Labels, location: SourceLocation, path: () => string, inherited?: Labels) => {
      for (const key in labels) {
        const value = labels[key]!;
        if (inherited?.[key] === value) continue;
        if (!isValidLabelName(key) || key.startsWith('__')) {
          diagnostics.push(
            errorAt(this.id, location, `\`${key}\` is not a valid Prometheus label name`, {
              path: path(),
              hint: 'label names are letters, digits and `_`, not starting with a digit or `__`',
            }),
          );
        }
        if (value === '') {
          diagnostics.push(errorAt(this.id, location, `label \`${key}\` has an empty value, which Prometheus drops`, { path: path() }));
        }
      }
    };
    const kubernetesLabels = (labels: Labels, location: SourceLocation, path: string) => {
      for (const [key, value] of Object.entries(labels)) {
        const keyProblem = labelKeyProblem(key);
        if (keyProblem) diagnostics.push(errorAt(this.id, location, `label key \`${key}\` ${keyProblem}`, { path }));
        const valueProblem = labelValueProblem(value);
        if (valueProblem) diagnostics.push(errorAt(this.id, location, `value \`${value}\` of label \`${key}\` ${valueProblem}`, { path }));
      }
    };

    for (const service of ir.services) {
      kubernetesLabels(service.selector, service.location, `${servicePath(service)} > selector`);
      prometheusLabels(service.labels, service.location, () => `${servicePath(service)} > labels`);
    }
    kubernetesLabels(ir.config.prometheusRule.labels, ir.config.location, 'config > prometheusRule > labels');
    kubernetesLabels(ir.config.serviceMonitor.labels, ir.config.location, 'config > serviceMonitor > labels');
    const serviceLabels = new Map(ir.services.map((s) => [s.id, s.labels]));
    for (const rule of allRules(ir)) {
      prometheusLabels(rule.labels, rule.location, () => `${rulePath(rule)} > labels`, serviceLabels.get(rule.serviceId));
      if (rule.type === 'alert' && !severities.includes(rule.severity) && !isHeartbeat(rule, ir)) {
        diagnostics.push(
          errorAt(this.id, rule.location, `severity \`${rule.severity}\` is not one routing knows`, {
            path: `${rulePath(rule)} > severity`,
            hint: `use ${severities.join(', ')}`,
          }),
        );
      }
    }
    return diagnostics;
  },
};

/** The heartbeat vigil adds, whose severity `none` no route for people's alerts matches. */
function isHeartbeat(rule: AlertRuleIR, ir: ProjectIR): boolean {
  const heartbeat = ir.routing?.heartbeat;
  return rule.severity === 'none' && heartbeat !== undefined && rule.name === heartbeat.alertName && rule.serviceId === heartbeat.serviceId;
}
