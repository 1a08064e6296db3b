import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/load/load-project.ts';
import { moduleImporter } from '../../src/load/module-importer.ts';
import { writeProject } from '../support/cli.ts';
import { tempDir } from '../support/tools.ts';

// More modules than one batch of those loaded together, so a batch boundary and the fallback
// to one import per module are crossed.
const MODULES = 230;

const config = `import { defineConfig } from 'vigil';
export default defineConfig({ runbooks: { baseUrl: 'https://git.example.com/runbooks' } });
`;

const name = (i: number) => `svc-${String(i).padStart(3, '0')}`;
const serviceModule = (i: number, after = '') =>
  `import { service } from 'vigil';\nservice({ name: '${name(i)}', namespace: 'shop', team: 'payments' });\n${after}`;

const workspaces: (() => void)[] = [];
afterAll(() => workspaces.forEach((cleanup) => cleanup()));

function writeModules(replaced: Record<number, string>, commonJs: boolean): string {
  const { dir, cleanup } = tempDir('vigil-load-');
  workspaces.push(cleanup);
  const files: Record<string, string> = { 'vigil.config.ts': config };
  if (!commonJs) files['package.json'] = '{ "type": "module" }\n';
  for (let i = 0; i < MODULES; i++) files[`alerts/${name(i)}.ts`] = replaced[i] ?? serviceModule(i);
  writeProject(dir, files);
  return dir;
}

/**
 * A project of MODULES modules each defining one service, with `replaced` modules written
 * otherwise; ES modules unless `commonJs` (no `"type": "module"`: tsx compiles them to CommonJS).
 */
async function load(replaced: Record<number, string> = {}, commonJs = false) {
  const dir = writeModules(replaced, commonJs);
  const project = await loadProject({ cwd: dir });
  return {
    services: project.definitions.filter((d) => d.kind === 'service').map((d) => (d as unknown as { name: string }).name),
    diagnostics: project.diagnostics.map((d) => `${d.code} ${d.location.file}`),
    lines: project.definitions.filter((d) => d.kind === 'service').map((d) => `${d.location.file}:${d.location.line}`),
  };
}

const all = (except: readonly number[] = []) => Array.from({ length: MODULES }, (_, i) => i).filter((i) => !except.includes(i)).map(name);

describe('loading many definition modules', () => {
  it('evaluates every module once, in path order, each definition placed at its own file and line', async () => {
    const { services, diagnostics, lines } = await load();
    expect(diagnostics).toEqual([]);
    expect(services).toEqual(all());
    expect(lines[0]).toBe('alerts/svc-000.ts:2');
    expect(lines.at(-1)).toBe(`alerts/${name(MODULES - 1)}.ts:2`);
  });

  it('reports a module that throws by its file and still evaluates every other module once, in order', async () => {
    // The module throws after its service: what it defined before stays, as with any module.
    const { services, diagnostics } = await load({ 150: serviceModule(150, `throw new Error('boom');\n`) });
    expect(diagnostics).toEqual([`module-threw alerts/${name(150)}.ts`]);
    expect(services).toEqual(all());
  });

  it('reports a module that does not compile and evaluates all the others once, in order', async () => {
    const { services, diagnostics } = await load({ 40: 'const = ;\n', 205: 'export const broken = ;\n' });
    expect(diagnostics).toEqual([`module-syntax alerts/${name(40)}.ts`, `module-syntax alerts/${name(205)}.ts`]);
    expect(services).toEqual(all([40, 205]));
  });

  it('reports an import of a name a module does not export at the line that imports it', async () => {
    const importsNothing = `import {\n  service,\n  nothing,\n} from 'vigil';\nservice({ name: '${name(60)}', namespace: 'shop', team: 'payments' });\nexport const used = nothing;\n`;
    const project = await loadProject({ cwd: writeModules({ 60: importsNothing }, false) });
    expect(project.diagnostics.map((d) => [d.code, `${d.location.file}:${d.location.line}`, d.message])).toEqual([
      ['missing-export', `alerts/${name(60)}.ts:3`, '`vigil` has no export named `nothing`'],
    ]);
  });

  it('loads CommonJS modules one by one, in order, and reports one that throws', async () => {
    const { services, diagnostics } = await load({ 150: serviceModule(150, `throw new Error('boom');\n`) }, true);
    expect(diagnostics).toEqual([`module-threw alerts/${name(150)}.ts`]);
    expect(services).toEqual(all());
  });

  it('loads ES modules together, and leaves CommonJS modules and a failing module to be imported one by one', async () => {
    const together = async (dir: string) => {
      const importer = moduleImporter();
      try {
        return await importer.importInOrder(all().map((n) => join(dir, 'alerts', `${n}.ts`)));
      } finally {
        await importer.close();
      }
    };
    expect(await together(writeModules({}, false))).toBe(true);
    expect(await together(writeModules({}, true))).toBe(false);
    expect(await together(writeModules({ 7: 'throw new Error("boom");\n' }, false))).toBe(false);
  });
});
