import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Definition } from '../../src/authoring/index.ts';
import { alert } from '../../src/authoring/alert.ts';
import { defineConfig } from '../../src/authoring/config.ts';
import { record } from '../../src/authoring/record.ts';
import { service } from '../../src/authoring/service.ts';
import { errorRatio, slo } from '../../src/authoring/slo.ts';
import { compile } from '../../src/compile.ts';
import { validationRules } from '../../src/validate/index.ts';
import { ruleDocPage } from '../../src/validate/rule-docs.ts';
import { isLintRule, type LintCase } from '../../src/validate/rule.ts';
import { writtenRunbooksFor } from '../support/definitions.ts';
import { repoRoot } from '../support/project.ts';

const lintRules = validationRules.filter(isLintRule);

/** A case of a rule's table as definitions: service shop/checkout, scraped every 30s unless the case says otherwise. */
function definitionsOf(c: LintCase): Definition[] {
  const checkout = service({
    name: 'checkout',
    namespace: 'shop',
    team: 'payments',
    ...(c.declaredMetrics ? { metrics: c.declaredMetrics } : {}),
    ...(c.interval ? { interval: c.interval } : {}),
  });
  if (c.sloBy) return [checkout, slo({ service: checkout, name: 'availability', objective: 99.9, by: c.sloBy, sli: errorRatio({ errors: c.expr, total: 'http_requests_total' }) })];
  if (c.record) return [checkout, record({ name: c.record, service: checkout, expr: c.expr })];
  const problem = (severity: 'critical' | 'warning' | 'info', expr: string, forDuration?: string) =>
    alert({
      name: 'CheckoutProblem',
      service: checkout,
      severity,
      expr,
      ...(forDuration ? { for: forDuration } : {}),
      summary: 'checkout has a problem',
      description: c.noDescription ? '' : 'Something is wrong with checkout.',
    });
  const twin = c.twin ? [problem(c.twin.severity, c.twin.expr ?? c.expr, c.twin.for ?? c.for)] : [];
  return [checkout, problem('warning', c.expr, c.for), ...twin];
}

function codesFor(c: LintCase): string[] {
  const definitions = definitionsOf(c);
  return compile({ definitions, runbooks: writtenRunbooksFor(definitions) }).diagnostics.map((d) => d.code);
}

describe.each(lintRules.map((rule) => [rule.id, rule] as const))('lint rule %s', (id, rule) => {
  it.each(rule.invalid.map((c) => [c.expr, c] as const))('reports %s', (_, c) => {
    expect(codesFor(c)).toContain(id);
  });

  it.each(rule.valid.map((c) => [c.expr, c] as const))('accepts %s', (_, c) => {
    expect(codesFor(c)).not.toContain(id);
  });

  it('has a table of both kinds and an up-to-date documentation page', async () => {
    expect(rule.invalid.length).toBeGreaterThan(0);
    expect(rule.valid.length).toBeGreaterThan(0);
    await expect(ruleDocPage(rule)).toMatchFileSnapshot(join(repoRoot, 'docs', 'rules', `${id}.md`));
  });
});

describe('lint severities from the config', () => {
  const gauge: LintCase = { expr: 'rate(queue_depth[5m]) > 0' };
  const run = (rules: Record<string, string>) => {
    const definitions = definitionsOf(gauge);
    return compile({ definitions, runbooks: writtenRunbooksFor(definitions), config: defineConfig({ lint: { rules: rules as never } }) }).diagnostics;
  };

  it('turns a rule off, or raises it to an error that stops the build', () => {
    expect(run({ 'promql-rate-over-gauge': 'off' }).map((d) => d.code)).not.toContain('promql-rate-over-gauge');
    const raised = run({ 'promql-rate-over-gauge': 'error' }).find((d) => d.code === 'promql-rate-over-gauge');
    expect(raised?.severity).toBe('error');
  });

  it('refuses an unknown rule id or severity', () => {
    const config = run({ 'promql/rate': 'off', 'promql-regexp': 'loud' }).filter((d) => d.code === 'config-invalid');
    expect(config.map((d) => [d.code, d.location.path])).toEqual([
      ['config-invalid', 'lint.rules.promql-regexp'],
      ['config-invalid', 'lint.rules.promql/rate'],
    ]);
  });
});

describe('range rules read the scrape interval of the job a selector names', () => {
  const rangeCodes = (owner: { interval: string }, expr: string) => {
    const checkout = service({ name: 'checkout', namespace: 'shop', team: 'payments', interval: owner.interval });
    const batch = service({ name: 'batch', namespace: 'shop', team: 'payments', interval: '5m' });
    const batchElsewhere = service({ name: 'batch', namespace: 'lab', team: 'payments', interval: '30s' });
    const problem = alert({ name: 'CheckoutProblem', service: checkout, severity: 'warning', expr, summary: 's', description: 'd' });
    const definitions = [checkout, batch, batchElsewhere, problem];
    return compile({ definitions, runbooks: writtenRunbooksFor(definitions) })
      .diagnostics.map((d) => d.code)
      .filter((code) => code.startsWith('promql-range-'));
  };

  it("does not judge another job's selector by the interval of the service that owns the alert", () => {
    expect(rangeCodes({ interval: '5m' }, 'max_over_time(kafka_consumergroup_lag{job="kafka-exporter"}[10m]) > 100')).toEqual([]);
    expect(rangeCodes({ interval: '5m' }, 'rate(http_requests_total{job="batch",namespace="lab"}[2m]) > 1')).toEqual([]);
  });

  it('judges it by the interval of the job it names, the longest when namespaces share the job', () => {
    expect(rangeCodes({ interval: '30s' }, 'rate(http_requests_total{job="batch",namespace="shop"}[5m]) > 1')).toEqual(['promql-range-single-sample']);
    expect(rangeCodes({ interval: '30s' }, 'max_over_time(queue_depth{job="batch",namespace="shop"}[10m]) > 1')).toEqual(['promql-range-too-short']);
    expect(rangeCodes({ interval: '30s' }, 'rate(http_requests_total{job="batch"}[5m]) > 1')).toEqual(['promql-range-single-sample']);
  });
});

describe('unknown-metric', () => {
  it('points at the selector of the unknown metric, not at the first text that contains its name', () => {
    const expr = 'rate(http_requests_total{job="http_requests"}[5m]) / rate(http_requests[5m]) > 1';
    const definitions = definitionsOf({ expr, declaredMetrics: ['http_requests_total'] });
    const unknown = compile({ definitions, runbooks: writtenRunbooksFor(definitions) }).diagnostics.find((d) => d.code === 'unknown-metric');
    expect(unknown?.excerpt).toMatchObject({ from: expr.lastIndexOf('http_requests['), to: expr.lastIndexOf('http_requests[') + 'http_requests'.length });
  });
});
