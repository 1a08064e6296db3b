import { dirname, isAbsolute, relative } from 'node:path';
import { errorAt, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.ts';
import { toPath } from '../authoring/location.ts';
import { isOptionsError, optionsErrorCalledAt } from '../authoring/options-error.ts';
import { NeverSettledError } from './never-settled.ts';
import { ProcessExitError } from './process-exit-guard.ts';

/**
 * Turns an exception thrown while importing a definition module into a diagnostic that points
 * at the user's own code: a TypeScript syntax error, a missing import or export, or a throw at load time.
 */
export function moduleErrorDiagnostic(error: unknown, moduleFile: string, root: string, sourceText?: (file: string) => string | undefined): Diagnostic {
  const rel = (file: string) => fromRoot(root, file);
  const message = error instanceof Error ? error.message : String(error);

  // Paths are matched up to their known end, never to a space: a project's path may hold spaces.
  const transform = /^(\/.*\.[cm]?[jt]sx?):(\d+):(\d+): ERROR: (.+)/m.exec(message);
  if (transform) {
    return errorAt('module-syntax', { file: rel(transform[1]!), line: Number(transform[2]), column: Number(transform[3]) }, transform[4]!, {
      hint: 'fix the TypeScript syntax error',
    });
  }

  if (error instanceof NeverSettledError) {
    return errorAt('module-never-settled', { file: rel(moduleFile) }, `loading \`${rel(moduleFile)}\` never finished: it, or a module it imports, awaits a promise that nothing settles`, {
      hint: 'a definition module may await only what ends (a file read, a fetch with a timeout), never a promise left pending',
    });
  }

  if (error instanceof ProcessExitError) {
    const calledAt = firstUserFrame(error, root);
    return errorAt('module-exited', calledAt ? { ...calledAt, file: rel(calledAt.file) } : { file: rel(moduleFile) }, `loading \`${rel(moduleFile)}\` failed: ${error.message}`, {
      hint: 'a definition module must not end the process: throw an Error to report a problem',
    });
  }

  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ERR_MODULE_NOT_FOUND') {
    const missing = /Cannot find (?:module|package) '([^']+)'/.exec(message)?.[1];
    const importer = /imported from (.+)/.exec(message)?.[1];
    const importerFile = importer ? toPath(importer) : moduleFile;
    const asWritten = missing?.startsWith('/') ? relativeSpecifier(importerFile, missing) : missing;
    const specifierLine = asWritten ? findLine(sourceText?.(importerFile), asWritten) : undefined;
    return errorAt('module-not-found', locationIn(rel(importerFile), specifierLine), `cannot find \`${asWritten ?? 'a module'}\``, {
      hint: 'check the import path (relative imports need the file extension, e.g. `./shared.ts`)',
    });
  }

  const missingExport = /^The requested module '([^']+)' does not provide an export named '([^']+)'$/.exec(message);
  if (missingExport) {
    const [, specifier, name] = missingExport;
    const importer = importingLine(error);
    return errorAt('missing-export', importer ? { ...importer, file: rel(importer.file) } : { file: rel(moduleFile) }, `\`${specifier}\` has no export named \`${name}\``, {
      hint: specifier === 'vigil' ? "check the name against what `vigil` exports (its src/index.ts): a misspelling, or a name from another package" : `export \`${name}\` from \`${specifier}\`, or import a name it does export`,
    });
  }

  const thrownAt = firstUserFrame(error, root);
  const location = thrownAt ? { ...thrownAt, file: rel(thrownAt.file) } : { file: rel(moduleFile) };
  if (isOptionsError(error)) {
    // A template's callers share the line that throws: the call tells which of them was wrong.
    const calledAt = optionsErrorCalledAt(error);
    const at = calledAt ? { ...calledAt, file: isAbsolute(calledAt.file) ? rel(calledAt.file) : calledAt.file } : location;
    return errorAt('invalid-options', at, message, { hint: 'the type of what the call takes lists every field and value' });
  }
  const isTdz = error instanceof ReferenceError && /before initialization/.test(message);
  return errorAt('module-threw', location, `loading \`${rel(moduleFile)}\` failed: ${message}`, {
    hint: isTdz
      ? 'a value was used before its module finished loading, usually because of an import cycle: move the shared definition into a module both can import'
      : 'a definition module must not throw while it loads',
  });
}

/** An error a module raised outside its own evaluation (a rejected promise, a timer), at the line that raised it when the stack tells. */
export function strayErrorDiagnostic(error: unknown, root: string, configFile: string): Diagnostic {
  const thrownAt = firstUserFrame(error, root);
  return errorAt('module-threw', thrownAt ? { ...thrownAt, file: fromRoot(root, thrownAt.file) } : { file: fromRoot(root, configFile) }, `a definition module failed after it loaded: ${error instanceof Error ? error.message : String(error)}`, {
    hint: 'a promise a module starts must be awaited or caught, and a timer must not throw: vigil reads definitions as the modules load',
  });
}

/** A file as diagnostics show it: `/`-separated, relative to the project root. */
function fromRoot(root: string, file: string): string {
  return relative(root, file).split('\\').join('/');
}

/** `./shared/x.ts` as the importer most likely wrote it. */
function relativeSpecifier(importer: string, target: string): string {
  const path = relative(dirname(importer), target).split('\\').join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

function locationIn(file: string, line: number | undefined): SourceLocation {
  return line === undefined ? { file } : { file, line };
}

function findLine(text: string | undefined, needle: string): number | undefined {
  if (!text) return undefined;
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  return index >= 0 ? index + 1 : undefined;
}

/**
 * Where an import Node could not link was written: Node puts the importing module's file and
 * line (source-mapped) at the head of the error's stack, above the line itself.
 */
function importingLine(error: unknown): SourceLocation | undefined {
  const head = /^(.+):(\d+)\n/.exec(error instanceof Error ? (error.stack ?? '') : '');
  return head ? { file: toPath(head[1]!), line: Number(head[2]) } : undefined;
}

const vigilSourceDir = new URL('..', import.meta.url);

/** The first stack frame inside the project (not node_modules, not vigil itself). */
function firstUserFrame(error: unknown, root: string): SourceLocation | undefined {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const vigilDir = toPath(vigilSourceDir.href);
  for (const match of stack.matchAll(/[(\s]((?:file:\/\/)?\/[^():]+?(?:\?[^:)\s]*)?):(\d+):(\d+)\)?$/gm)) {
    const file = toPath(match[1]!);
    if (!file.startsWith(root) || file.includes('/node_modules/') || file.startsWith(vigilDir)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}
