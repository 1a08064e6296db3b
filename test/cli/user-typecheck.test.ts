import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeProject } from '../support/cli.ts';
import { repoRoot } from '../support/project.ts';
import { tempDir } from '../support/tools.ts';

const { dir, cleanup } = tempDir('vigil-typecheck-');
afterAll(cleanup);

/**
 * A project's tsconfig.json as `tsc --init` writes it, with what the README asks of a project
 * importing vigil: vigil is TypeScript, so the project's compiler checks vigil's sources under
 * the project's options, and skipLibCheck (for `.d.ts` files only) spares none of them.
 */
const tsconfig = {
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

describe("a project's own type check", () => {
  it('passes over what the project imports from vigil', () => {
    writeProject(dir, {
      'package.json': '{ "type": "module" }\n',
      'tsconfig.json': JSON.stringify(tsconfig, null, 2),
      'vigil.config.ts': `import { defineConfig } from 'vigil';\nexport default defineConfig({});\n`,
      'alerts/checkout.ts': `import { compile, renderBundle, service } from 'vigil';\nexport const checkout = service({ name: 'checkout', namespace: 'shop', team: 'payments' });\nrenderBundle(compile({ definitions: [checkout] }).bundle);\n`,
    });
    mkdirSync(join(dir, 'node_modules', '@types'));
    symlinkSync(join(repoRoot, 'node_modules', '@types', 'node'), join(dir, 'node_modules', '@types', 'node'), 'dir');
    const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { encoding: 'utf8', timeout: 120_000 });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  });
});
