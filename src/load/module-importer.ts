import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { register as registerCommonJs } from 'tsx/cjs/api';
import { register, type NamespacedUnregister } from 'tsx/esm/api';
import { settledOrStuck } from './never-settled.ts';

/**
 * Where the vigil executable leaves a plain `import()` made under its own TypeScript loader
 * (see bin/vigil.js). Absent when vigil runs as a library or under a test runner.
 */
const CLI_IMPORT = Symbol.for('vigil.cli-import');

export interface ModuleImporter {
  import(file: string): Promise<unknown>;
  /**
   * Evaluates the modules in the order given, as `import` one after another would, but loads them
   * together: imported one by one, each waits for the loader (on its own thread) to resolve, read
   * and compile it before the next is asked for. False, having evaluated only some or none, when
   * one fails or a module is CommonJS: `import` each then, which skips those already evaluated.
   */
  importInOrder(files: readonly string[]): Promise<boolean>;
  close(): Promise<void>;
}

let importers = 0;

/** How many modules `importInOrder` loads at once. */
const IMPORT_BATCH = 100;

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
  const isEsModule = esModuleTest();
  const importEsm = (url: string) => {
    if (cliImport) return settledOrStuck(cliImport(url));
    esm ??= register({ namespace });
    return settledOrStuck(esm.import(url, import.meta.url));
  };
  return {
    import(file) {
      if (!isEsModule(file)) return Promise.resolve(commonJs.require(file, import.meta.url));
      return importEsm(pathToFileURL(file).href);
    },
    async importInOrder(files) {
      if (!files.every(isEsModule)) return false;
      // Modules importing them in order, a batch at a time: every module of a batch is loaded
      // at once, and the batch's memory is let go before the next. The comment keeps each
      // load's URLs its own.
      for (let first = 0; first < files.length; first += IMPORT_BATCH) {
        const imports = files.slice(first, first + IMPORT_BATCH).map((file) => `import ${JSON.stringify(pathToFileURL(file).href)};`);
        try {
          await importEsm(`data:text/javascript,${encodeURIComponent([`// ${namespace} ${first}`, ...imports].join('\n'))}`);
        } catch {
          return false;
        }
      }
      return true;
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

/**
 * Whether Node treats a file as an ES module: `.mts`/`.mjs`, or the nearest package.json says
 * `"type": "module"`. Each directory is looked up once.
 */
function esModuleTest(): (file: string) => boolean {
  const typeOfDirectory = new Map<string, boolean>();
  const isModuleDirectory = (dir: string): boolean => {
    let isModule = typeOfDirectory.get(dir);
    if (isModule === undefined) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) isModule = declaresModule(manifest);
      else isModule = dirname(dir) === dir ? false : isModuleDirectory(dirname(dir));
      typeOfDirectory.set(dir, isModule);
    }
    return isModule;
  };
  return (file) => {
    if (/\.m[jt]s$/.test(file)) return true;
    if (/\.c[jt]s$/.test(file)) return false;
    return isModuleDirectory(dirname(file));
  };
}

function declaresModule(manifest: string): boolean {
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: unknown }).type === 'module';
  } catch {
    return false;
  }
}
