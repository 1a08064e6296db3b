import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawSeries, recordedSeries, type Series } from '../../bench/rule-cost/series.ts';
import { writeSyntheticOrg } from '../../bench/synthetic-org.ts';
import { compile } from '../../src/compile.ts';
import type { ProjectIR } from '../../src/ir.ts';
import { loadProject } from '../../src/load/load-project.ts';
import { PromqlAst } from '../../src/promql/ast.ts';
import { matchesValue } from '../../src/promql/label-matching.ts';
import { parseSelector, type ParsedSelector } from '../../src/promql/parse-selector.ts';
import { repoRoot } from '../support/project.ts';
import { tempDir } from '../support/tools.ts';

const services = 3;
const { dir, cleanup } = tempDir('vigil-rule-cost-');
afterAll(cleanup);

let ir: ProjectIR;
beforeAll(async () => {
  writeSyntheticOrg(dir, services, repoRoot);
  const project = await loadProject({ cwd: dir });
  const compiled = compile({ definitions: project.definitions, runbooks: project.runbooks, ...(project.config ? { config: project.config } : {}) });
  expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  ir = compiled.ir;
});

const selects = (selector: ParsedSelector, series: Series) =>
  series.name === selector.metric && selector.matchers.every((m) => matchesValue(m.op, m.value, series.labels[m.name] ?? ''));

describe("the Prometheus benchmark's series", () => {
  it('give every selector of the synthetic organisation a series to read, but for what the rules record live', () => {
    const backfilled = [...rawSeries(services, '127.0.0.1:9100'), ...recordedSeries(services, 0)];
    const backfilledNames = new Set(backfilled.map((s) => s.name));
    const recordedLive = new Set(ir.ruleGroups.flatMap((g) => g.rules.filter((r) => r.type === 'record').map((r) => r.name)));
    const unread: string[] = [];
    let checked = 0;
    for (const rule of ir.ruleGroups.flatMap((g) => g.rules)) {
      const ast = new PromqlAst(rule.expr);
      for (const node of ast.nodes('VectorSelector')) {
        const selector = parseSelector(ast.text(node))!;
        if (recordedLive.has(selector.metric!) && !backfilledNames.has(selector.metric!)) continue;
        checked++;
        if (!backfilled.some((series) => selects(selector, series))) unread.push(`${rule.name}: ${ast.text(node)}`);
      }
    }
    expect(unread).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('give each recorded series the labels its rule gives it, so the live recordings continue it', () => {
    const ruleLabels = new Set(
      ir.ruleGroups.flatMap((g) => g.rules.filter((r) => r.type === 'record').map((r) => `${r.name} ${JSON.stringify(Object.keys(r.labels).sort())}`)),
    );
    for (const series of recordedSeries(services, 0)) {
      const fixed = Object.keys(series.labels).filter((name) => name !== 'route').sort();
      expect(ruleLabels, series.name).toContain(`${series.name} ${JSON.stringify(fixed)}`);
    }
  });
});
