import { errorAt, type Diagnostic, type SourceLocation } from '../../diagnostics/diagnostic.ts';
import type { ReceiverIR } from '../../ir.ts';
import { GROUP_BY_ALL } from '../../naming.ts';
import { isValidLabelName } from '../../promql/selector.ts';
import { receiverPath, secretFields } from '../../routing/receiver-secrets.ts';
import { routePath, walkRoutes } from '../../routing/walk-routes.ts';
import { MAX_DURATION_MS, parseDuration } from '../../util/duration.ts';
import { dataKeyProblem, dns1123SubdomainProblem } from '../../util/kubernetes-names.ts';
import type { ValidationRule } from '../rule.ts';

export const invalidRoute: ValidationRule = {
  id: 'invalid-route',
  description:
    'Routes have valid timings and grouping; receivers have a name, their required fields and valid Secret references; URLs are http(s).',
  check(ir) {
    const { routing } = ir;
    if (!routing) return [];
    const diagnostics: Diagnostic[] = [];
    const report = (location: SourceLocation, message: string, path: string, hint?: string) =>
      diagnostics.push(errorAt(this.id, location, message, hint === undefined ? { path } : { path, hint }));

    for (const route of walkRoutes(routing.route)) {
      const at = routePath(route);
      const timings = [
        ['groupWait', route.groupWait, true],
        ['groupInterval', route.groupInterval, false],
        ['repeatInterval', route.repeatInterval, false],
      ] as const;
      for (const [field, value, zeroAllowed] of timings) {
        if (value === undefined) continue;
        const ms = parseDuration(value);
        if (ms === undefined) report(routing.location, `\`${value}\` is not a duration`, `${at} > ${field}`, 'write it like `30s`, `5m` or `4h`');
        else if (ms === 0 && !zeroAllowed) report(routing.location, `\`${field}\` must be longer than zero`, `${at} > ${field}`);
        else if (ms > MAX_DURATION_MS) report(routing.location, `\`${value}\` is longer than Alertmanager can hold (about 292 years)`, `${at} > ${field}`);
      }
      const groupBy = route.groupBy ?? [];
      if (groupBy.includes(GROUP_BY_ALL) && groupBy.length > 1) {
        report(routing.location, "`'all'` groups by every label and cannot be combined with others", `${at} > groupBy`);
      }
      for (const label of groupBy) {
        if (label !== GROUP_BY_ALL && !isValidLabelName(label)) report(routing.location, `\`${label}\` is not a valid label name`, `${at} > groupBy`);
      }
    }
    for (const receiver of routing.receivers) checkReceiver(receiver, report);
    return diagnostics;
  },
};

type Report = (location: SourceLocation, message: string, path: string, hint?: string) => void;

function checkReceiver(receiver: ReceiverIR, report: Report): void {
  const at = receiverPath(receiver);
  if (typeof receiver.name !== 'string' || receiver.name.trim() === '') {
    report(receiver.location, 'a receiver needs a name', at);
    return;
  }
  for (const { field, secret } of secretFields(receiver)) {
    if (secret.kind === 'missing') report(receiver.location, `receiver \`${receiver.name}\` has no \`${field}\``, `${at} > ${field}`);
    if (secret.kind !== 'secret') continue;
    const nameProblem = dns1123SubdomainProblem(secret.secret);
    if (nameProblem) report(receiver.location, `Secret name \`${secret.secret}\` ${nameProblem}`, `${at} > ${field}`);
    const keyProblem = dataKeyProblem(secret.key);
    if (keyProblem) report(receiver.location, `Secret key \`${secret.key}\` ${keyProblem}`, `${at} > ${field}`);
    if (secret.file.trim() === '') report(receiver.location, 'the secret file path is empty', `${at} > ${field}`);
  }
  const required: Record<string, unknown> =
    receiver.type === 'slack'
      ? { channel: receiver.channel }
      : receiver.type === 'email'
        ? { to: receiver.to, from: receiver.from, smarthost: receiver.smarthost }
        : {};
  for (const [field, value] of Object.entries(required)) {
    if (typeof value !== 'string' || value.trim() === '') report(receiver.location, `receiver \`${receiver.name}\` has no \`${field}\``, `${at} > ${field}`);
  }
  const urls: Record<string, string | undefined> =
    receiver.type === 'webhook' && receiver.url.kind === 'public'
      ? { publicUrl: receiver.url.url }
      : receiver.type === 'opsgenie'
        ? { apiUrl: receiver.apiUrl }
        : {};
  for (const [field, value] of Object.entries(urls)) {
    if (value !== undefined && !/^https?:\/\/[^\s/]+/.test(value)) {
      report(receiver.location, `\`${value}\` is not an http or https URL`, `${at} > ${field}`);
    }
  }
  if (receiver.type === 'webhook' && receiver.maxAlerts !== undefined && !(Number.isInteger(receiver.maxAlerts) && receiver.maxAlerts >= 0)) {
    report(receiver.location, '`maxAlerts` must be a whole number, 0 or more', `${at} > maxAlerts`);
  }
}
