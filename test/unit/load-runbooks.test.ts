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

it('warns at a page it does not read: another spelling of .md, or a subfolder of pages', () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, 'runbooks', 'payments'), { recursive: true });
    writeFileSync(join(dir, 'runbooks', 'A.md'), '# A\n');
    writeFileSync(join(dir, 'runbooks', 'B.MD'), '# B\n');
    writeFileSync(join(dir, 'runbooks', 'C.markdown'), '# C\n');
    writeFileSync(join(dir, 'runbooks', '.gitkeep'), '');
    writeFileSync(join(dir, 'runbooks', 'payments', 'D.md'), '# D\n');
    mkdirSync(join(dir, 'runbooks', 'images'));
    writeFileSync(join(dir, 'runbooks', 'images', 'graph.png'), '');
    const { runbooks, diagnostics } = loadRunbooks(dir, 'runbooks');
    expect(runbooks.map((r) => r.file)).toEqual(['runbooks/A.md']);
    expect(diagnostics.map((d) => [d.code, d.severity, d.location.file, d.hint])).toEqual([
      ['runbook-not-read', 'warning', 'runbooks/B.MD', 'rename it to `B.md`'],
      ['runbook-not-read', 'warning', 'runbooks/C.markdown', 'rename it to `C.md`'],
      ['runbook-not-read', 'warning', 'runbooks/payments', 'move them up into the runbooks folder, named `<alert>.md`'],
    ]);
  } finally {
    cleanup();
  }
});
