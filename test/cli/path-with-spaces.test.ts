import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vigil, writeProject } from '../support/cli.ts';
import { tempDir } from '../support/tools.ts';

const { dir: parent, cleanup } = tempDir('vigil-spaces-');
afterAll(cleanup);

const checkout = `import { service } from 'vigil';
export const checkout = service({ name: 'checkout', namespace: 'shop', team: 'payments' });
`;

/** Builds a project in a folder whose path has spaces, `broken` ending its `alerts/checkout.ts`: the places and codes of its errors. */
function buildWith(name: string, broken: string): string[] {
  const dir = join(parent, `team repo ${name}`, 'observability config');
  mkdirSync(dir, { recursive: true });
  writeProject(dir, {
    'package.json': '{ "type": "module" }\n',
    'vigil.config.ts': `import { defineConfig } from 'vigil';\nexport default defineConfig({});\n`,
    'alerts/checkout.ts': checkout + broken,
    'alerts/availability.ts': `import { checkout } from './checkout.ts';\nexport const owner = checkout.team;\n`,
  });
  const { stderr } = vigil(['build'], dir);
  return [...new Set(stderr.split('\n').filter((line) => / error /.test(line)).map((line) => line.replace(/: error ([a-z-]+):.*/, ' $1')))];
}

const mistakes: [string, string, string][] = [
  ['an import of a file that does not exist', `import './missing.ts';\n`, 'module-not-found'],
  ['a syntax error', `const x = (;\n`, 'module-syntax'],
  ['a throw while loading', `throw new Error('boom');\n`, 'module-threw'],
  ['a throw after loading', `setTimeout(() => { throw new Error('late'); }, 0);\n`, 'module-threw'],
  ['an import of a name vigil does not export', `import { nothing } from 'vigil';\nexport const x = nothing;\n`, 'missing-export'],
];

describe('a project whose path has spaces', () => {
  it.each(mistakes)('reports %s at the file and line of the mistake', (name, broken, code) => {
    // `alerts/availability.ts`, loaded first, imports the broken module and fails with it.
    expect(buildWith(name, broken)[0]).toBe(`alerts/checkout.ts:3 ${code}`);
  });
});
