import { mkdirSync, readdirSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { RenderedBundle } from '../bundle.ts';
import { paths } from '../naming.ts';
import { compareStrings } from '../util/compare.ts';
import { compareWithDisk, previouslyGenerated, TEMP_MARKER } from './out-dir.ts';

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
export function writeBundle(outDir: string, rendered: RenderedBundle): WriteResult {
  const before = previouslyGenerated(outDir);
  const changed = [...rendered.keys()].filter((path) => compareWithDisk(join(outDir, path), rendered.get(path)!) !== 'same');
  // The manifest goes last: until it lands, the previous one still describes what is on disk.
  changed.sort((a, b) => Number(a === paths.manifest) - Number(b === paths.manifest) || compareStrings(a, b));

  const staged = stage(outDir, changed, rendered);
  for (const { temp, target } of staged) renameSync(temp, target);

  const deleted = [...before].filter((path) => !rendered.has(path)).sort(compareStrings);
  for (const path of deleted) removeFileAndEmptyParents(outDir, path);
  return { written: changed, deleted, unchanged: rendered.size - changed.length };
}

function stage(outDir: string, changed: readonly string[], rendered: RenderedBundle) {
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const path of changed) {
      const target = join(outDir, path);
      if (isDirectory(target)) throw new WriteError(path, new Error('a directory is in the way'));
      const temp = `${target}${TEMP_MARKER}${process.pid}`;
      try {
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(temp, rendered.get(path)!);
      } catch (error) {
        throw new WriteError(path, error);
      }
      staged.push({ temp, target });
    }
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
