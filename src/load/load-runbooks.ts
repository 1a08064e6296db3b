import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { RunbookSource } from '../normalize/runbooks.ts';
import { compareStrings } from '../util/compare.ts';

/**
 * Reads the runbooks people wrote: every `*.md` directly in the runbooks folder (`runbooks/`
 * by default), in name order. A missing folder means none.
 */
export function loadRunbooks(root: string, dir: string): RunbookSource[] {
  const folder = join(root, dir);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.md') && statSync(join(folder, name)).isFile())
    .sort(compareStrings)
    .map((name) => ({
      file: relative(root, join(folder, name)).split('\\').join('/'),
      text: readFileSync(join(folder, name), 'utf8'),
    }));
}
