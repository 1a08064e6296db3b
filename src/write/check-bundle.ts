import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as turnOfTheEventLoop } from 'node:timers/promises';
import type { RenderedBundle } from '../bundle.ts';
import { compareStrings } from '../util/compare.ts';
import { compareListed, listEntries, previouslyGenerated, readIfExists, stagedFiles } from './out-dir.ts';

export interface BundleDifference {
  /** Generated now, absent from disk. */
  readonly missing: readonly string[];
  /** On disk with other content, or as something other than a regular file (a symbolic link, a directory). */
  readonly stale: readonly string[];
  /** Generated earlier by vigil, no longer produced, or staged by a build. */
  readonly extra: readonly string[];
  /** The stale files whose only difference is CRLF line endings, as a checkout with `core.autocrlf` leaves them. */
  readonly crlf: readonly string[];
}

export function isUpToDate(difference: BundleDifference): boolean {
  return difference.missing.length + difference.stale.length + difference.extra.length === 0;
}

/** Files compared between turns of the event loop. */
const FILES_PER_TURN = 100;

/**
 * Compares `outDir` with what the definitions compile to, writing nothing. Rendering and comparing
 * a large bundle takes seconds: it lets the event loop turn every hundred files, so that child
 * processes started meanwhile (`vigil check`'s promtool runs) are followed by the next as they end.
 */
export async function diffBundle(outDir: string, rendered: RenderedBundle): Promise<BundleDifference> {
  const missing: string[] = [];
  const stale: string[] = [];
  const entries = listEntries(outDir);
  let compared = 0;
  for (const [path, text] of rendered) {
    const comparison = compareListed(outDir, path, text, entries);
    if (comparison === 'missing') missing.push(path);
    else if (comparison === 'different') stale.push(path);
    if (++compared % FILES_PER_TURN === 0) await turnOfTheEventLoop();
  }
  const extra = [...previouslyGenerated(outDir, entries)].filter((p) => !rendered.has(p) && existsSync(join(outDir, p)));
  // Staged files would be committed with out/, though the build that staged them renames them or the next removes them.
  extra.push(...stagedFiles(entries));
  // Only regular files are read: a named pipe would block the read for ever.
  const crlf = stale.filter((path) => entries.get(path) === 'file' && readIfExists(join(outDir, path))?.replaceAll('\r\n', '\n') === rendered.get(path));
  return { missing: missing.sort(compareStrings), stale: stale.sort(compareStrings), extra: extra.sort(compareStrings), crlf: crlf.sort(compareStrings) };
}

/** What to do about files whose only difference is CRLF line endings: git converts them at checkout unless told the files are not text. */
export function crlfHint(shownOut: string): string {
  return `the files marked CRLF differ only in line endings, which a checkout converted (git's core.autocrlf): a file ${shownOut}/.gitattributes holding \`* -text\` makes git keep vigil's LF; then run \`vigil build\``;
}
