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

it('refuses a runbook that is not UTF-8 text (saved as UTF-16, Latin-1 or binary) rather than copying garbage into its page', () => {
  const { dir, cleanup } = tempDir();
  try {
    mkdirSync(join(dir, 'runbooks'));
    writeFileSync(join(dir, 'runbooks', 'A.md'), Buffer.from('\ufeff# A\n\n## Meaning\n\ncafé\n', 'utf16le'));
    writeFileSync(join(dir, 'runbooks', 'B.md'), Buffer.from('# B\n\ncaf\xe9\n', 'latin1'));
    writeFileSync(join(dir, 'runbooks', 'C.md'), Buffer.from([0x23, 0x20, 0x43, 0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'runbooks', 'D.md'), '\ufeff# D\n\ncafé\n');
    const { runbooks, diagnostics } = loadRunbooks(dir, 'runbooks');
    expect(runbooks).toEqual([{ file: 'runbooks/D.md', text: '# D\n\ncafé\n' }]);
    expect(diagnostics.map((d) => [d.code, d.location.file, d.message])).toEqual([
      ['runbook-unreadable', 'runbooks/A.md', 'the runbook is not UTF-8 text but UTF-16'],
      ['runbook-unreadable', 'runbooks/B.md', 'the runbook is not UTF-8 text'],
      ['runbook-unreadable', 'runbooks/C.md', 'the runbook is not UTF-8 text'],
    ]);
  } finally {
    cleanup();
  }
});
