import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { glob } from 'tinyglobby';
import type { Definition } from '../authoring/index.ts';
import type { ConfigDefinition } from '../authoring/config.ts';
import { collectDefinitions, isDefinition } from '../authoring/definition.ts';
import { withLocationFiles } from '../authoring/location.ts';
import { errorAt, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.ts';
import { defaultInclude } from '../normalize/config.ts';
import type { RunbookSource } from '../normalize/runbooks.ts';
import { compareStrings } from '../util/compare.ts';
import { memoize } from '../util/memo.ts';
import { checkConfigShape } from './config-shape.ts';
import { loadRunbooks } from './load-runbooks.ts';
import { moduleErrorDiagnostic, strayErrorDiagnostic } from './module-error.ts';
import { catchingStrayErrors } from './stray-errors.ts';
import { moduleImporter } from './module-importer.ts';
import { withoutProcessExit } from './process-exit-guard.ts';

export const DEFAULT_CONFIG_FILES = ['vigil.config.ts', 'vigil.config.mts', 'vigil.config.js', 'vigil.config.mjs'];

export interface LoadedProject {
  /** Directory of the config file: every relative path (include, out, runbooks, locations) is from here. */
  readonly root: string;
  readonly configFile: string;
  readonly config?: ConfigDefinition | undefined;
  /** In load order: modules sorted by path, definitions in the order they were made. */
  readonly definitions: readonly Definition[];
  /** The runbooks people wrote, from the config's runbooks folder. */
  readonly runbooks: readonly RunbookSource[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The only reader of definitions: imports the config and every included module (TypeScript
 * through tsx), and collects the definitions they make. Every failure becomes a diagnostic.
 */
export async function loadProject(options: { cwd: string; config?: string }): Promise<LoadedProject> {
  const { result: project, strays } = await withoutProcessExit(() => catchingStrayErrors(() => loadModules(options)));
  if (strays.length === 0) return project;
  const located = strays.map((error) => strayErrorDiagnostic(error, project.root, project.configFile));
  return { ...project, diagnostics: [...project.diagnostics, ...located] };
}

async function loadModules(options: { cwd: string; config?: string }): Promise<LoadedProject> {
  const configFile = findConfig(options.cwd, options.config);
  const root = dirname(configFile);
  const diagnostics: Diagnostic[] = [];
  const relativeFile = memoize((file: string) => relative(root, file).split('\\').join('/'), (file) => file);

  if (!existsSync(configFile) || !statSync(configFile).isFile()) {
    return {
      root,
      configFile,
      definitions: [],
      runbooks: [],
      diagnostics: [
        errorAt('config-not-found', { file: relativeFile(configFile) }, 'no vigil config file found', {
          hint: options.config
            ? 'check the --config path'
            : `create \`vigil.config.ts\` (export default defineConfig({...})) or pass --config`,
        }),
      ],
    };
  }

  const importer = moduleImporter();
  const sourceText = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  try {
    // Definitions record where they were made relative to the root, as every diagnostic shows it.
    const collect = <T>(body: () => Promise<T>) => withLocationFiles(relativeFile, () => collectDefinitions(body));
    const { result: config, definitions: madeByConfig } = await collect(async () => {
      try {
        return defaultExport(await importer.import(configFile)) as ConfigDefinition | undefined;
      } catch (error) {
        diagnostics.push(moduleErrorDiagnostic(error, configFile, root, sourceText));
        return undefined;
      }
    });
    if (diagnostics.length > 0) return { root, configFile, definitions: [], runbooks: [], diagnostics };

    const line = config?.location?.line;
    const configAt: SourceLocation = line === undefined ? { file: relativeFile(configFile) } : { file: relativeFile(configFile), line };
    const shapeProblems = checkConfigShape(config, configAt);
    diagnostics.push(...shapeProblems);
    if (shapeProblems.some((d) => d.severity === 'error')) return { root, configFile, definitions: [], runbooks: [], diagnostics };
    const overlap = runbooksInsideOutput(root, config, configAt);
    if (overlap) return { root, configFile, definitions: [], runbooks: [], diagnostics: [...diagnostics, overlap] };

    const files = await includedFiles(root, config?.include ?? defaultInclude, configFile);
    if (files.length === 0) {
      // An error, not a warning: built, the empty project would delete the whole bundle, and a
      // GitOps tool that prunes would then remove every rule and ServiceMonitor from the cluster.
      const patterns = (config?.include ?? defaultInclude).map((p) => `\`${p}\``).join(', ');
      diagnostics.push(errorAt('include-matches-nothing', { file: relativeFile(configFile) }, `no definition module matches ${patterns}`, { hint: 'check `include` in the config: its patterns are relative to the project root' }));
      return { root, configFile, definitions: [], runbooks: [], diagnostics };
    }
    const { definitions: made } = await collect(async () => {
      if (await importer.importInOrder(files)) return;
      // Each on its own, to tell which failed and how (those already evaluated are not evaluated again).
      for (const file of files) {
        try {
          await importer.import(file);
        } catch (error) {
          diagnostics.push(moduleErrorDiagnostic(error, file, root, sourceText));
        }
      }
    });
    const definitions = [...madeByConfig, ...made].filter(isDefinition) as Definition[];
    const located = config && { ...config, location: config.location ?? { file: relativeFile(configFile) } };
    const { runbooks, diagnostics: unreadable } = loadRunbooks(root, config?.runbooks?.dir ?? 'runbooks');
    diagnostics.push(...unreadable);
    return { root, configFile, config: located, definitions, runbooks, diagnostics };
  } finally {
    await importer.close();
  }
}

/**
 * The runbooks people write must not sit inside the output directory: the build would read its
 * own generated pages back as written ones, and grow them on every build.
 */
function runbooksInsideOutput(root: string, config: ConfigDefinition | undefined, location: SourceLocation): Diagnostic | undefined {
  const out = config?.out ?? 'out';
  const dir = config?.runbooks?.dir ?? 'runbooks';
  const inside = relative(resolve(root, out), resolve(root, dir));
  if (inside.split(sep)[0] === '..' || isAbsolute(inside)) return undefined;
  return errorAt('config-invalid', location, `the runbooks folder \`${dir}\` is inside the output directory \`${out}\``, {
    path: 'config > runbooks > dir',
    hint: 'keep the runbooks people write outside the output: vigil generates a page for every alert there',
  });
}

/** The default export, also when the module was compiled to CommonJS (a package without "type": "module"). */
function defaultExport(module: unknown): unknown {
  const value = (module as { default?: unknown } | undefined)?.default;
  const compiledEsm = typeof value === 'object' && value !== null && (value as { __esModule?: unknown }).__esModule === true;
  return compiledEsm ? (value as { default?: unknown }).default : value;
}

function findConfig(cwd: string, explicit: string | undefined): string {
  if (explicit) return resolve(cwd, explicit);
  for (const name of DEFAULT_CONFIG_FILES) {
    const candidate = resolve(cwd, name);
    if (existsSync(candidate)) return candidate;
  }
  return resolve(cwd, DEFAULT_CONFIG_FILES[0]!);
}

async function includedFiles(root: string, patterns: readonly string[], configFile: string): Promise<string[]> {
  const files = await glob([...patterns], {
    cwd: root,
    absolute: true,
    onlyFiles: true,
    ignore: ['**/node_modules/**', '**/*.d.ts', '**/*.test.ts'],
  });
  return files.filter((f) => f !== configFile).sort(compareStrings);
}
