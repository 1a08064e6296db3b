import { relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

/**
 * The diagnostics with their files named from the working directory rather than the project
 * root, as the command line names out/: a report of `vigil check -c obs/vigil.config.ts` then
 * points at `obs/alerts/x.ts`, the file a reader (or a GitHub annotation) can open from there.
 */
export function fromWorkingDirectory(diagnostics: readonly Diagnostic[], root: string, cwd: string): Diagnostic[] {
  if (resolve(root) === resolve(cwd)) return [...diagnostics];
  return diagnostics.map((diagnostic) => {
    const { file } = diagnostic.location;
    // `<unknown>`: a definition whose file could not be told.
    if (file.startsWith('<')) return diagnostic;
    const shown = relative(cwd, resolve(root, file)).split(sep).join('/');
    return { ...diagnostic, location: { ...diagnostic.location, file: shown } };
  });
}
