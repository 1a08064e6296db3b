import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register, type NamespacedUnregister } from 'tsx/esm/api';

/**
 * Where the vigil executable leaves a plain `import()` made under its own TypeScript loader
 * (see bin/vigil.js). Absent when vigil runs as a library or under a test runner.
 */
const CLI_IMPORT = Symbol.for('vigil.cli-import');

export interface ModuleImporter {
  import(file: string): Promise<unknown>;
  close(): Promise<void>;
}

let importers = 0;

/**
 * Imports definition modules (TypeScript through tsx), each load evaluating them anew. The
 * vigil executable loads once: its ES modules go through its own loader, so their
 * `import ... from 'vigil'` reuses the modules already running instead of a second copy of vigil
 * (a third of a second at every start). Any other load gets a fresh tsx namespace, never
 * served from an earlier one.
 */
export function moduleImporter(): ModuleImporter {
  const namespace = `vigil-load-${process.pid}-${++importers}`;
  const cliImport = takeCliImport();
  let esm: NamespacedUnregister | undefined;
  const commonJs = registerCommonJs({ namespace });
  process.setSourceMapsEnabled(true);
  return {
    import(file) {
      if (!isEsModule(file)) return Promise.resolve(commonJs.require(file, import.meta.url));
      const url = pathToFileURL(file).href;
      if (cliImport) return cliImport(url);
      esm ??= register({ namespace });
      return esm.import(url, import.meta.url);
    },
    async close() {
      commonJs.unregister();
      await esm?.unregister();
    },
  };
}

/** The executable's import, for the one load it serves: a later load must not be served from it. */
function takeCliImport(): ((url: string) => Promise<unknown>) | undefined {
  const global = globalThis as Record<symbol, unknown>;
  const cliImport = global[CLI_IMPORT] as ((url: string) => Promise<unknown>) | undefined;
  delete global[CLI_IMPORT];
  return cliImport;
}

/** Whether Node treats the file as an ES module: `.mts`/`.mjs`, or the nearest package.json says `"type": "module"`. */
function isEsModule(file: string): boolean {
  if (/\.m[jt]s$/.test(file)) return true;
  if (/\.c[jt]s$/.test(file)) return false;
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
      } catch {
        return false;
      }
    }
    if (dirname(dir) === dir) return false;
  }
}
