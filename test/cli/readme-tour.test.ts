import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vigil, writeProject } from '../support/cli.ts';
import { repoRoot } from '../support/project.ts';
import { tempDir } from '../support/tools.ts';

const workspaces: (() => void)[] = [];
afterAll(() => workspaces.forEach((cleanup) => cleanup()));

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

/** The README's fenced block of `language` whose text starts with `start`. */
function readmeBlock(language: string, start: string): string {
  const block = [...readme.matchAll(new RegExp('```' + language + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!).find((text) => text.startsWith(start));
  if (block === undefined) throw new Error(`the README has no ${language} block starting with ${start}`);
  return block;
}

/** `tsconfig.json` as `tsc --init` writes it, with the three options the README asks it to have. */
const tscInit = {
  compilerOptions: {
    module: 'nodenext',
    target: 'esnext',
    types: ['node'],
    sourceMap: true,
    declaration: true,
    declarationMap: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    strict: true,
    jsx: 'react-jsx',
    verbatimModuleSyntax: true,
    isolatedModules: true,
    noUncheckedSideEffectImports: true,
    moduleDetection: 'force',
    skipLibCheck: true,
    noEmit: true,
    allowImportingTsExtensions: true,
  },
};

/**
 * The errors of `tsc` over the README tour's project, vigil installed: vigil is TypeScript, so
 * the project's compiler checks vigil's sources under the project's options (skipLibCheck spares
 * `.d.ts` files only).
 */
function typeCheck(tsconfig: string): string {
  const dir = tourProject(tsconfig);
  mkdirSync(join(dir, 'node_modules', '@types'));
  symlinkSync(join(repoRoot, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
  const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8', timeout: 120_000 });
  return tsc.stdout + tsc.stderr + (tsc.status === 0 ? '' : `exit ${tsc.status}`);
}

/** A project of the README tour's modules, vigil installed. */
function tourProject(tsconfig: string): string {
  const { dir, cleanup } = tempDir('vigil-tour-');
  workspaces.push(cleanup);
  writeProject(dir, {
    'package.json': '{ "type": "module" }\n',
    'tsconfig.json': tsconfig,
    'vigil.config.ts': readmeBlock('ts', '// vigil.config.ts'),
    'alerts/checkout.ts': readmeBlock('ts', '// alerts/checkout.ts'),
    'report.ts': readmeBlock('ts', "import { compile, renderBundle, service } from 'vigil';"),
  });
  return dir;
}

describe("the README's tour in a project of its own", () => {
  it('builds what the README says', () => {
    const build = vigil(['build'], tourProject('{}'));
    expect(build.status).toBe(0);
    expect(readmeBlock('console', '$ npx vigil build\n')).toContain(`$ npx vigil build\n${build.stdout}`);
  });

  it("type-checks with the README's tsconfig.json", () => {
    expect(typeCheck(readmeBlock('json', '{\n  "compilerOptions"'))).toBe('');
  });

  it('type-checks with the one tsc --init writes, given what the README asks of it', () => {
    expect(typeCheck(JSON.stringify(tscInit, null, 2))).toBe('');
  });
});

describe("the README's CI gate for a project in a folder", () => {
  it('runs from the repository root, vigil installed in the folder, and names files from the root', () => {
    const command = /for a project in a folder[\s\S]*?`(npx [^`]+)`\s+from the root/.exec(readme)?.[1];
    expect(command).toBeDefined();
    const { dir: root, cleanup } = tempDir('vigil-ci-');
    workspaces.push(cleanup);
    const folder = join(root, 'observability');
    writeProject(folder, {
      'package.json': '{ "type": "module", "devDependencies": { "vigil": "*" } }\n',
      'vigil.config.ts': readmeBlock('ts', '// vigil.config.ts'),
      'alerts/checkout.ts': readmeBlock('ts', '// alerts/checkout.ts').replace("summary: 'checkout: {{ $value | humanizePercentage }} of requests fail',", "summary: '',"),
    });
    mkdirSync(join(folder, 'node_modules', '.bin'));
    symlinkSync(join('..', 'vigil', 'bin', 'vigil.js'), join(folder, 'node_modules', '.bin', 'vigil'));
    writeFileSync(join(root, 'package.json'), '{}\n');
    // --no: npm must not fetch a package of that name from the registry, another project's.
    const [npx, ...args] = command!.split(' ');
    const run = spawnSync(npx!, ['--no', ...args, '--format', 'github'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(run.stdout).toContain('::error file=observability/alerts/checkout.ts,line=14,');
  });
});
