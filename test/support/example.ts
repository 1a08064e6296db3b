import { compile, type CompileResult } from '../../src/compile.ts';
import { loadProject, type LoadedProject } from '../../src/load/load-project.ts';
import { renderBundle } from '../../src/render/render.ts';
import type { RenderedBundle } from '../../src/bundle.ts';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.ts';
import { repoRoot } from './project.ts';

export interface CompiledExample {
  readonly project: LoadedProject;
  readonly result: CompileResult;
  readonly rendered: RenderedBundle;
}

let cached: Promise<CompiledExample> | undefined;

/** The example system (DSRS) loaded through the real loader and compiled; shared by a test file's cases. */
export function compiledExample(): Promise<CompiledExample> {
  cached ??= (async () => {
    const project = await loadProject({ cwd: repoRoot });
    const result = compile({
      definitions: project.definitions,
      runbooks: project.runbooks,
      ...(project.config ? { config: project.config } : {}),
    });
    return { project, result, rendered: renderBundle(result.bundle) };
  })();
  return cached;
}

/**
 * runbooks/ErrorBudgetBurn.md is written for the SLO burn-rate alerts. While the example
 * defines no SLO, it is reported as a runbook without an alert: the one diagnostic the example
 * may have.
 */
export function isSloRunbookWithoutSlo(diagnostic: Diagnostic): boolean {
  return diagnostic.code === 'runbook-unknown-alert' && diagnostic.location.file === 'runbooks/ErrorBudgetBurn.md';
}
