import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RenderedBundle } from '../bundle.ts';
import { errorAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { paths } from '../naming.ts';
import { findOnPath, goToolEnvironment, runToolInBackground } from '../promtool/tools.ts';
import { mapInParallel } from '../util/in-parallel.ts';

export interface ToolChecks {
  readonly diagnostics: Diagnostic[];
  /** What ran, e.g. `promtool check rules (6 files)`. */
  readonly ran: string[];
  /** Tools not on PATH. */
  readonly missing: string[];
}

/**
 * Files per run of a tool: a run stays far inside the tool timeout however large the bundle
 * (promtool checks a service's rule file in a few tens of milliseconds), and the runs share the
 * cores.
 */
const FILES_PER_RUN = 250;

/**
 * Runs the real tools on the would-be bundle, written to a temporary directory:
 * `promtool check rules` on the plain rule files, `amtool check-config` on alertmanager.yml.
 * The first runs' files are written and those runs started before this returns its promise.
 */
export async function runToolChecks(rendered: RenderedBundle, outDir: string): Promise<ToolChecks> {
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
    const runs: { plan: (typeof plans)[number]; executable: string; files: string[] }[] = [];
    for (const plan of plans) {
      const executable = findOnPath(plan.tool);
      if (!executable) {
        result.missing.push(plan.tool);
        continue;
      }
      result.ran.push(`${plan.tool} ${plan.args([]).join(' ')} (${plan.files.length} ${plan.files.length === 1 ? 'file' : 'files'})`);
      for (let first = 0; first < plan.files.length; first += FILES_PER_RUN) runs.push({ plan, executable, files: plan.files.slice(first, first + FILES_PER_RUN) });
    }
    // Side by side, each run gets its share of the cores.
    const cores = availableParallelism();
    const sideBySide = Math.max(1, Math.min(cores, runs.length));
    const env = goToolEnvironment(Math.max(1, Math.floor(cores / sideBySide)));
    // Each run's files are written as it starts: the first runs start before the rest are rendered.
    const outcomes = await mapInParallel(runs, sideBySide, ({ plan, executable, files }) => {
      for (const file of files) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), rendered.get(file)!);
      }
      return runToolInBackground(executable, plan.args(files), { cwd: dir, env });
    });
    runs.forEach(({ plan, files }, i) => {
      const run = outcomes[i]!;
      if ('stopped' in run) {
        const said = `${run.stdout}\n${run.stderr}`.trim();
        for (const file of files) {
          result.diagnostics.push(errorAt(plan.code, { file: `${outDir}/${file}` }, `${plan.tool} ${run.stopped}, so it did not check the file${said ? `:\n${indent(said)}` : ''}`));
        }
        return;
      }
      if (run.status === 0) return;
      const output = `${run.stdout}\n${run.stderr}`.trim();
      // promtool names every file it checks ("Checking <file>") and starts each error line with the file.
      const lines = output.split('\n');
      const errorsOf = (file: string) => lines.filter((line) => line.startsWith(`${file}: `));
      const failing = files.filter((file) => errorsOf(file).length > 0);
      for (const file of failing.length > 0 ? failing : files) {
        const shown = failing.length > 0 ? errorsOf(file).join('\n') : output;
        result.diagnostics.push(errorAt(plan.code, { file: `${outDir}/${file}` }, `${plan.tool} rejects the generated file:\n${indent(shown)}`));
      }
    });
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
