import { errorAt, type Diagnostic, type SourceLocation } from '../../diagnostics/diagnostic.ts';
import { isValidMetricName } from '../../promql/selector.ts';
import { dns1123LabelProblem, portNameProblem } from '../../util/kubernetes-names.ts';
import { allRules, rulePath, servicePath, type ValidationRule } from '../rule.ts';

const alertNamePattern = /^[A-Za-z][A-Za-z0-9_]*$/;
/** An alert's name is the file name of its runbook page, which the file system limits to 255 bytes with the staging suffix. */
const alertNameMaxLength = 200;

export const invalidName: ValidationRule = {
  id: 'invalid-name',
  description:
    'Service names and namespaces are Kubernetes names, alert names are identifiers, recording rules are metric names, and the team, port and path are usable.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    const report = (location: SourceLocation, path: string, message: string, hint?: string) =>
      diagnostics.push(errorAt(this.id, location, message, hint === undefined ? { path } : { path, hint }));

    for (const service of ir.services) {
      const at = servicePath(service);
      const nameProblem = dns1123LabelProblem(service.name);
      if (nameProblem) report(service.location, `${at} > name`, `service name \`${service.name}\` ${nameProblem}`);
      const namespaceProblem = dns1123LabelProblem(service.namespace);
      if (namespaceProblem) report(service.location, `${at} > namespace`, `namespace \`${service.namespace}\` ${namespaceProblem}`);
      if (service.team.trim() === '' || /[\p{Cc}]/u.test(service.team)) {
        report(service.location, `${at} > team`, `team \`${service.team}\` must be a non-empty single line`);
      }
      const portProblem = portNameProblem(service.port);
      if (portProblem) {
        report(service.location, `${at} > port`, `port name \`${service.port}\` ${portProblem}`, 'name the Service port that serves metrics, e.g. `http-metrics`');
      }
      if (!service.path.startsWith('/') || /\s/.test(service.path)) {
        report(service.location, `${at} > path`, `metrics path \`${service.path}\` must start with \`/\` and contain no spaces`);
      }
    }
    for (const rule of allRules(ir)) {
      if (rule.type === 'alert' && !alertNamePattern.test(rule.name)) {
        report(rule.location, `${rulePath(rule)} > name`, `alert name \`${rule.name}\` must be letters, digits and \`_\`, starting with a letter`, 'alert names are CamelCase, e.g. `HTTPErrorRateHigh`');
      } else if (rule.type === 'alert' && rule.name.length > alertNameMaxLength) {
        report(rule.location, `${rulePath(rule)} > name`, `alert name \`${rule.name.slice(0, 40)}…\` is ${rule.name.length} characters long, more than ${alertNameMaxLength}`, 'the name is the file name of its runbook page: shorten it');
      }
      if (rule.type === 'record' && !isValidMetricName(rule.name)) {
        report(rule.location, `${rulePath(rule)} > name`, `recording rule name \`${rule.name}\` is not a valid metric name`, 'use the `level:metric:operations` form, e.g. `job:http_requests:rate5m`');
      }
    }
    return diagnostics;
  },
};
