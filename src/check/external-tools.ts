import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RenderedBundle } from '../bundle.ts';
import { errorAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { paths } from '../naming.ts';
import { findOnPath, runTool } from '../promtool/tools.ts';

export interface ToolChecks {
  readonly diagnostics: Diagnostic[];
  /** What ran, e.g. `promtool check rules (6 files)`. */
  readonly ran: string[];
  /** Tools not on PATH. */
  readonly missing: string[];
}

/**
 * Runs the real tools on the would-be bundle, written to a temporary directory:
 * `promtool check rules` on the plain rule files, `amtool check-config` on alertmanager.yml.
 */
export function runToolChecks(rendered: RenderedBundle, outDir: string): ToolChecks {
  const result: ToolChecks = { diagnostics: [], ran: [], missing: [] };
  const ruleFiles = [...rendered.keys()].filter((p) => p.startsWith('prometheus/rules/'));
  const alertmanager = rendered.has(paths.alertmanagerConfig) ? [paths.alertmanagerConfig] : [];
  const plans = [
    { tool: 'promtool', files: ruleFiles, args: (files: string[]) => ['check', 'rules', ...files], code: 'promtool-check-rules' },
    { tool: 'amtool', files: alertmanager, args: (files: string[]) => ['check-config', ...files], code: 'amtool-check-config' },
  ].filter((plan) => plan.files.length > 0);
  if (plans.length === 0) return result;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-check-'));
  try {
    for (const plan of plans) {
      const executable = findOnPath(plan.tool);
      if (!executable) {
        result.missing.push(plan.tool);
        continue;
      }
      for (const file of plan.files) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), rendered.get(file)!);
      }
      const run = runTool(executable, plan.args(plan.files), { cwd: dir });
      result.ran.push(`${plan.tool} ${plan.args([]).join(' ')} (${plan.files.length} ${plan.files.length === 1 ? 'file' : 'files'})`);
      if (run.status === 0) continue;
      const output = `${run.stdout}\n${run.stderr}`.trim();
      const failing = plan.files.filter((f) => output.includes(f));
      for (const file of failing.length > 0 ? failing : plan.files) {
        result.diagnostics.push(errorAt(plan.code, { file: `${outDir}/${file}` }, `${plan.tool} rejects the generated file:\n${indent(output)}`));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
}
