import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/project.ts';

/** The files `npm pack` puts in the package, as a project installing vigil gets them. */
function packedFiles(): string[] {
  const npm = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 });
  expect(npm.status, npm.stderr).toBe(0);
  return (JSON.parse(npm.stdout) as [{ files: { path: string }[] }])[0].files.map((f) => f.path);
}

describe('the npm package', () => {
  it('holds the executable, the sources it runs and the rule docs, and none of the example, its bundle, tests or benchmarks', () => {
    const files = packedFiles();
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/vigil.js', 'src/index.ts', 'src/cli/main.ts', 'docs/rules/promql-syntax.md']));
    const topLevel = [...new Set(files.map((f) => f.split('/')[0]))].sort();
    expect(topLevel).toEqual(['README.md', 'bin', 'docs', 'package.json', 'src']);
  });
});
