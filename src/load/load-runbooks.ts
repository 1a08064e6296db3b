import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { errorAt, warningAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { RunbookSource } from '../normalize/runbooks.ts';
import { compareStrings } from '../util/compare.ts';

/**
 * Reads the runbooks people wrote: every `*.md` directly in the runbooks folder (`runbooks/`
 * by default), in name order. A missing folder means none; a page that cannot be read (a
 * dangling link, no permission) or is not UTF-8 text is an error at that page; a page written
 * where or as vigil does not look (`X.MD`, `X.markdown`, a subfolder) is a warning, since its
 * alert would otherwise get vigil's default page in silence.
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
    let bytes: Buffer;
    try {
      if (!statSync(join(folder, name)).isFile()) continue;
      bytes = readFileSync(join(folder, name));
    } catch (error) {
      diagnostics.push(errorAt('runbook-unreadable', { file }, `cannot read the runbook: ${(error as Error).message}`));
      continue;
    }
    const text = utf8Text(bytes);
    if (text === undefined) {
      diagnostics.push(errorAt('runbook-unreadable', { file }, `the runbook is not UTF-8 text${isUtf16(bytes) ? ' but UTF-16' : ''}`, { hint: 'save it as UTF-8' }));
    } else {
      runbooks.push({ file, text });
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

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text, or undefined when the bytes are not UTF-8 text. Read leniently, a page saved as
 * UTF-16 or a binary file would be copied into the generated page as NULs and U+FFFD, and the
 * Meaning and Mitigation written in it would be lost without a word.
 */
function utf8Text(bytes: Buffer): string | undefined {
  try {
    const text = utf8.decode(bytes);
    return text.includes('\u0000') ? undefined : text;
  } catch {
    return undefined;
  }
}

function isUtf16(bytes: Buffer): boolean {
  return bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
}
