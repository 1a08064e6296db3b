import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { errorAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RunbookSource } from '../normalize/runbooks.ts';
import { compareStrings } from '../util/compare.ts';

/**
 * Reads the runbooks people wrote: every `*.md` directly in the runbooks folder (`runbooks/`
 * by default), in name order. A missing folder means none; a page that cannot be read (a
 * dangling link, no permission) is an error at that page.
 */
export function loadRunbooks(root: string, dir: string): { runbooks: RunbookSource[]; diagnostics: Diagnostic[] } {
  const folder = join(root, dir);
  const runbooks: RunbookSource[] = [];
  const diagnostics: Diagnostic[] = [];
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return { runbooks, diagnostics };
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.md')).sort(compareStrings)) {
    const file = relative(root, join(folder, name)).split('\\').join('/');
    try {
      if (!statSync(join(folder, name)).isFile()) continue;
      runbooks.push({ file, text: readFileSync(join(folder, name), 'utf8') });
    } catch (error) {
      diagnostics.push(errorAt('runbook-unreadable', { file }, `cannot read the runbook: ${(error as Error).message}`));
    }
  }
  return { runbooks, diagnostics };
}
