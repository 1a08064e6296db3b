import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { loadRunbooks } from '../../src/load/load-runbooks.ts';
import { tempDir } from '../support/tools.ts';

it('reports a runbook it cannot read at that page, and reads the others', () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, 'runbooks'));
    writeFileSync(join(dir, 'runbooks', 'A.md'), '# A\n');
    symlinkSync(join(dir, 'nowhere.md'), join(dir, 'runbooks', 'B.md'));
    const { runbooks, diagnostics } = loadRunbooks(dir, 'runbooks');
    expect(runbooks.map((r) => r.file)).toEqual(['runbooks/A.md']);
    expect(diagnostics.map((d) => [d.code, d.location.file])).toEqual([['runbook-unreadable', 'runbooks/B.md']]);
  } finally {
    cleanup();
  }
});
