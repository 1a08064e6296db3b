import { isAbsolute, resolve } from 'node:path';
import type { RenderedBundle } from '../bundle.ts';
import { compile, type CompileResult } from '../compile.ts';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { formatHuman, summarize } from '../diagnostics/format-human.ts';
import { loadProject, type LoadedProject } from '../load/load-project.ts';
import { renderBundle } from '../render/render.ts';
import type { Output } from './io.ts';
import { fromWorkingDirectory } from './shown-paths.ts';

export interface ProjectOptions {
  readonly config?: string;
  readonly out?: string;
}

export interface CompiledProject {
  readonly result: CompileResult;
  readonly rendered: RenderedBundle;
  /** Absolute output directory: --out from the working directory, else the config's `out` from the project root. */
  readonly outDir: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** load → compile → render, printing diagnostics. Undefined when there are errors. */
export async function compileProject(options: ProjectOptions, cwd: string, output: Output): Promise<CompiledProject | undefined> {
  const project = await loadProject({ cwd, ...(options.config ? { config: options.config } : {}) });
  if (hasErrors(project.diagnostics)) {
    report(sortDiagnostics(fromWorkingDirectory(project.diagnostics, project.root, cwd)), output);
    return undefined;
  }
  const result = compile({
    definitions: project.definitions,
    runbooks: project.runbooks,
    ...(project.config ? { config: project.config } : {}),
  });
  const diagnostics = sortDiagnostics(fromWorkingDirectory([...project.diagnostics, ...result.diagnostics], project.root, cwd));
  report(diagnostics, output);
  if (hasErrors(diagnostics)) return undefined;
  const outDir = outDirOf(options, cwd, project, result);
  return { result, rendered: renderBundle(result.bundle), outDir, diagnostics };
}

/**
 * load → compile → render for commands that only write or compare the bundle. Neither the
 * definitions nor the IR stay reachable while the files are rendered: at scale they are most of
 * the memory.
 */
export async function renderProject(options: ProjectOptions, cwd: string, output: Output): Promise<{ rendered: RenderedBundle; outDir: string } | undefined> {
  const compiled = await compileProject(options, cwd, output);
  return compiled && { rendered: compiled.rendered, outDir: compiled.outDir };
}

/** Absolute output directory: --out from the working directory, else the config's `out` from the project root. */
export function outDirOf(options: ProjectOptions, cwd: string, project: LoadedProject, result: CompileResult): string {
  if (options.out) return resolve(cwd, options.out);
  return isAbsolute(result.ir.config.out) ? result.ir.config.out : resolve(project.root, result.ir.config.out);
}

export function report(diagnostics: readonly Diagnostic[], output: Output): void {
  if (diagnostics.length === 0) return;
  for (const diagnostic of diagnostics) output.err(formatHuman(diagnostic));
  output.err(summarize(diagnostics));
}
