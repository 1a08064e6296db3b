import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { errorAt, warningAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RunbookSource } from '../normalize/runbooks.ts';
import { compareStrings } from '../util/compare.ts';

/**
 * Reads the runbooks people wrote: every `*.md` directly in the runbooks folder (`runbooks/`
 * by default), in name order. A missing folder means none; a page that cannot be read (a
 * dangling link, no permission) is an error at that page; a page written where or as vigil does
 * not look (`X.MD`, `X.markdown`, a subfolder) is a warning, since its alert would otherwise get
 * vigil's default page in silence.
 */
export function loadRunbooks(root: string, dir: string): { runbooks: RunbookSource[]; diagnostics: Diagnostic[] } {
  const folder = join(root, dir);
  const runbooks: RunbookSource[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return { runbooks, diagnostics };
  for (const name of readdirSync(folder).sort(compareStrings)) {
    const file = relative(root, join(folder, name)).split('\\').join('/');
    if (!name.endsWith('.md')) {
      const missed = missedRunbook(folder, name);
      if (missed) diagnostics.push(warningAt('runbook-not-read', { file }, missed.message, { hint: missed.hint }));
      continue;
    }
    try {
      if (!statSync(join(folder, name)).isFile()) continue;
      runbooks.push({ file, text: readFileSync(join(folder, name), 'utf8') });
    } catch (error) {
      diagnostics.push(errorAt('runbook-unreadable', { file }, `cannot read the runbook: ${(error as Error).message}`));
    }
  }
  return { runbooks, diagnostics };
}

const markdownName = /^(.+)\.(md|markdown|mdown|mkd)$/i;

/** Why a folder entry that is not a `*.md` page looks like a runbook vigil will not read, if it does. */
function missedRunbook(folder: string, name: string): { message: string; hint: string } | undefined {
  const markdown = markdownName.exec(name);
  if (markdown) {
    return { message: 'vigil reads only runbooks named `<alert>.md`: this page is not read', hint: `rename it to \`${markdown[1]}.md\`` };
  }
  try {
    const path = join(folder, name);
    if (statSync(path).isDirectory() && readdirSync(path).some((entry) => markdownName.test(entry))) {
      return { message: 'vigil reads runbooks only directly in the runbooks folder: the pages in this folder are not read', hint: 'move them up into the runbooks folder, named `<alert>.md`' };
    }
  } catch {
    // An entry that cannot be listed holds nothing vigil could read either.
  }
  return undefined;
}
