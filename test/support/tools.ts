import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe } from 'vitest';
import { findOnPath, runTool, type ToolRun } from '../../src/promtool/tools.ts';
import { renderYaml } from '../../src/render/render.ts';
import type { PromtoolTestFile } from '../../src/promtool/test-file.ts';

const inCi = process.env.CI === 'true';

/**
 * `describe` for tests that need a real tool (promtool, amtool). Without the tool they are
 * skipped with a loud warning; under CI=true they run and fail, because CI must have it.
 */
export function describeWithTool(tool: string, name: string, body: () => void): void {
  const found = findOnPath(tool) !== undefined;
  if (!found && !inCi) {
    process.stderr.write(
      `\n!!! ${tool} is not on PATH: skipping "${name}". Install the Debian package (${debianPackage(tool)}) to run it.\n\n`,
    );
  }
  describe.skipIf(!found && !inCi)(name, body);
}

function debianPackage(tool: string): string {
  return tool === 'amtool' || tool === 'prometheus-alertmanager' ? 'prometheus-alertmanager' : 'prometheus';
}

export function tool(name: string): string {
  const path = findOnPath(name);
  if (!path) throw new Error(`${name} is not on PATH (install the Debian package ${debianPackage(name)})`);
  return path;
}

export function promtool(args: readonly string[], cwd?: string): ToolRun {
  return runTool(tool('promtool'), args, cwd ? { cwd } : {});
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir(prefix = 'vigil-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes the test file next to copies of nothing: rule_files must be absolute or relative to `dir`. */
export function runPromtoolTest(test: PromtoolTestFile): ToolRun {
  const { dir, cleanup } = tempDir('vigil-promtool-');
  try {
    const file = join(dir, 'test.yaml');
    writeFileSync(file, renderYaml(test));
    return promtool(['test', 'rules', file], dir);
  } finally {
    cleanup();
  }
}
