import { errorAt, warningAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { groupToObject, prometheusRuleObject } from '../../emit/prometheus-rules.ts';
import type { RuleGroupIR, RuleIR } from '../../ir.ts';
import { renderYaml } from '../../render/render.ts';
import { groupBy } from '../../util/records.ts';
import { servicePath, type ValidationRule } from '../rule.ts';

/** The Prometheus Operator (its admission webhook, and its rule selection) refuses a PrometheusRule whose spec, as YAML, exceeds this. */
const OPERATOR_MAX_SPEC_BYTES = 512 * 1024;
/** Client-side apply copies the object, as JSON, into an annotation; all of an object's annotations fit in 256 KiB. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;
/** What a rule's JSON adds to its strings at most: keys, quotes and separators of its fields. */
const RULE_OVERHEAD_BYTES = 96;
const FIELD_OVERHEAD_BYTES = 16;
/** The object around the groups: apiVersion, kind, metadata. */
const OBJECT_MARGIN_BYTES = 2 * 1024;

const kib = (bytes: number) => `${Math.ceil(bytes / 1024)} KiB`;

export const prometheusRuleSize: ValidationRule = {
  id: 'prometheus-rule-size',
  description:
    "A service's rules fit its PrometheusRule: the Prometheus Operator refuses one whose rules exceed 512 KiB, and client-side apply fails on an object over 256 KiB.",
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    const groupsByService = groupBy(ir.ruleGroups, (g) => g.serviceId);
    for (const service of ir.services) {
      const groups = groupsByService.get(service.id);
      if (!groups || jsonBytesAtMost(groups) <= ANNOTATIONS_MAX_BYTES) continue;
      const groupObjects = groups.map(groupToObject);
      const copied = Buffer.byteLength(JSON.stringify(prometheusRuleObject(service, groupObjects, ir)));
      if (copied <= ANNOTATIONS_MAX_BYTES) continue;
      const at = { path: servicePath(service) };
      const spec = Buffer.byteLength(renderYaml({ groups: groupObjects }));
      if (spec > OPERATOR_MAX_SPEC_BYTES) {
        diagnostics.push(
          errorAt(this.id, service.location, `the rules of service \`${service.id}\` make a PrometheusRule of about ${kib(spec)}: the Prometheus Operator refuses one over 512 KiB, so none of them would be evaluated`, {
            ...at,
            hint: 'keep one SLO per label (`by`) instead of one SLO per value, or move some of its rules to another service',
          }),
        );
        continue;
      }
      diagnostics.push(
        warningAt(
          this.id,
          service.location,
          `the rules of service \`${service.id}\` make a PrometheusRule of about ${kib(copied)}: client-side apply (\`kubectl apply\`, Argo CD's default) keeps a copy in an annotation of at most 256 KiB, and fails`,
          { ...at, hint: 'apply it server-side (`kubectl apply --server-side`, Argo CD `ServerSideApply=true`), or give the service fewer rules' },
        ),
      );
    }
    return diagnostics;
  },
};

/** An upper bound of the groups' size as JSON, from string lengths alone, so that most services are never serialized here. */
function jsonBytesAtMost(groups: readonly RuleGroupIR[]): number {
  let bytes = OBJECT_MARGIN_BYTES;
  for (const group of groups) {
    bytes += RULE_OVERHEAD_BYTES + stringBytesAtMost(group.name);
    for (const rule of group.rules) bytes += ruleBytesAtMost(rule);
  }
  return bytes;
}

function ruleBytesAtMost(rule: RuleIR): number {
  let bytes = RULE_OVERHEAD_BYTES + stringBytesAtMost(rule.name) + stringBytesAtMost(rule.expr);
  const records = rule.type === 'alert' ? [rule.labels, rule.annotations] : [rule.labels];
  for (const record of records) {
    for (const key in record) bytes += FIELD_OVERHEAD_BYTES + stringBytesAtMost(key) + stringBytesAtMost(record[key]!);
  }
  if (rule.type === 'alert') bytes += 2 * FIELD_OVERHEAD_BYTES + stringBytesAtMost(rule.for ?? '') + stringBytesAtMost(rule.keepFiringFor ?? '');
  return bytes;
}

/** Printable ASCII, newlines and tabs: JSON writes each in one byte, or two when escaped (`\"`, `\\`, `\n`). */
const escapedInTwoBytesAtMost = /^[\n\t\x20-\x7e]*$/;

/**
 * JSON escapes a control character or a lone surrogate in six bytes, more than any other UTF-16
 * unit takes; rule text is almost always printable ASCII, which takes two at most.
 */
function stringBytesAtMost(value: string): number {
  return (escapedInTwoBytesAtMost.test(value) ? 2 : 6) * value.length + 2;
}
