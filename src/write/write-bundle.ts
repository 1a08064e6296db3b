import { mkdirSync, readdirSync, renameSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RenderedBundle } from '../bundle.ts';
import { paths } from '../naming.ts';
import { compareStrings } from '../util/compare.ts';
import { eachInFlight } from '../util/in-flight.ts';
import { compareWithDisk, type EntryKind, isInsideOutDir, listEntries, previouslyGenerated, TEMP_MARKER } from './out-dir.ts';

export interface WriteResult {
  readonly written: readonly string[];
  readonly deleted: readonly string[];
  readonly unchanged: number;
}

export class WriteError extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`cannot write ${path}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'WriteError';
  }
}

/**
 * Brings `outDir` to exactly the rendered bundle, all or nothing: every changed file is first
 * staged beside its target, and only when all are staged are they renamed into place.
 * Unchanged files are not touched. Files vigil generated before and no longer produces are
 * deleted; anything else a person put in `outDir` survives.
 */
export async function writeBundle(outDir: string, rendered: RenderedBundle): Promise<WriteResult> {
  const onDisk = listEntries(outDir);
  const before = previouslyGenerated(outDir, onDisk);
  const staged = await stageChanged(outDir, rendered, onDisk);
  // The manifest goes last: until it lands, the previous one still describes what is on disk.
  staged.sort((a, b) => Number(a.path === paths.manifest) - Number(b.path === paths.manifest) || compareStrings(a.path, b.path));
  for (const { temp, target } of staged) renameSync(temp, target);

  const deleted = [...before].filter((path) => !rendered.has(path)).sort(compareStrings);
  for (const path of deleted) removeFileAndEmptyParents(outDir, path);
  const written = staged.map((s) => s.path).sort(compareStrings);
  return { written, deleted, unchanged: rendered.size - written.length };
}

/** Files being written at once: enough to keep the disk busy while the next ones render. */
const writesInFlight = 32;

/**
 * Renders each file once, and stages it beside its target when it differs from what is there;
 * on any failure, removes what it staged. The writes run on libuv's threads while the next files
 * render. (Comparing stays synchronous: reading from the page cache is cheaper than a trip to a
 * thread.)
 */
async function stageChanged(outDir: string, rendered: RenderedBundle, onDisk: ReadonlyMap<string, EntryKind>) {
  const staged: { path: string; temp: string; target: string }[] = [];
  const madeDirectories = new Set<string>();
  try {
    await eachInFlight(rendered, writesInFlight, async ([path, text]) => {
      if (!isInsideOutDir(path)) throw new WriteError(path, new Error('the path leaves the output directory'));
      const target = join(outDir, path);
      const there = onDisk.get(path);
      if (there === 'directory' || (there === 'other' && isDirectory(target))) throw new WriteError(path, new Error('a directory is in the way'));
      if (there !== undefined && compareWithDisk(target, text) === 'same') return;
      const temp = `${target}${TEMP_MARKER}${process.pid}`;
      staged.push({ path, temp, target });
      try {
        const directory = dirname(target);
        if (!madeDirectories.has(directory)) {
          mkdirSync(directory, { recursive: true });
          madeDirectories.add(directory);
        }
        await writeFile(temp, text);
      } catch (error) {
        throw new WriteError(path, error);
      }
    });
    return staged;
  } catch (error) {
    for (const { temp } of staged) unlinkQuietly(temp);
    throw error;
  }
}

function removeFileAndEmptyParents(outDir: string, path: string): void {
  unlinkQuietly(join(outDir, path));
  let dir = dirname(join(outDir, path));
  while (dir.startsWith(outDir) && dir !== outDir) {
    try {
      if (readdirSync(dir).length > 0) return;
      rmdirSync(dir);
    } catch {
      return;
    }
    dir = dirname(dir);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}
