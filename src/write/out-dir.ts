import { closeSync, openSync, readFileSync, readdirSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifest } from '../emit/manifest.ts';
import { paths } from '../naming.ts';
import { hasGeneratedHeader } from '../render/render.ts';

export const TEMP_MARKER = '.vigil-tmp-';

/** The file's text, or undefined when it does not exist (or is not a readable file). */
export function readIfExists(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Reused across files: comparing thousands of files allocates no buffer per file. */
let onDiskBuffer = Buffer.allocUnsafeSlow(1 << 20);
let textBuffer = Buffer.allocUnsafeSlow(1 << 20);

/**
 * How a file on disk compares with the text vigil would write there. Compares bytes (no
 * decoding), the cheap way to find that nothing changed across thousands of files.
 */
export function compareWithDisk(file: string, text: string): 'missing' | 'same' | 'different' {
  const onDisk = readReused(file);
  if (onDisk === undefined) return 'missing';
  // UTF-8 takes one to three bytes per UTF-16 code unit.
  if (onDisk.length < text.length || onDisk.length > 3 * text.length) return 'different';
  if (textBuffer.length < 3 * text.length) textBuffer = Buffer.allocUnsafeSlow(3 * text.length);
  const length = textBuffer.write(text);
  return length === onDisk.length && textBuffer.subarray(0, length).equals(onDisk) ? 'same' : 'different';
}

/**
 * How the file vigil would write at `path` compares with what the listing of `outDir` found
 * there. Only a regular file reached through real directories can be the same: a symbolic link
 * is committed as a link (one leading out of the directory is refused by kustomize), and the
 * build refuses to write through a link to a directory. Neither is opened: a named pipe would
 * block the read for ever.
 */
export function compareListed(outDir: string, path: string, text: string, entries: ReadonlyMap<string, EntryKind>): 'missing' | 'same' | 'different' {
  const kind = entries.get(path);
  if (kind === 'file') return compareWithDisk(join(outDir, path), text);
  return kind === undefined && notADirectoryOnTheWay(path, entries) === undefined ? 'missing' : 'different';
}

/** The file's bytes in a buffer the next call reuses, or undefined when it cannot be read. */
function readReused(file: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return undefined;
  }
  try {
    let length = 0;
    for (;;) {
      if (length === onDiskBuffer.length) onDiskBuffer = Buffer.concat([onDiskBuffer, Buffer.allocUnsafeSlow(onDiskBuffer.length)]);
      const read = readSync(fd, onDiskBuffer, length, onDiskBuffer.length - length, null);
      if (read === 0) return onDiskBuffer.subarray(0, length);
      length += read;
    }
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Whether a bundle path names a file inside the output directory: relative, `/`-separated, no
 * empty, `.` or `..` segment. A manifest is text anyone can edit; a line such as
 * `../../tsconfig.json` must never make a build delete a file outside `out/`.
 */
export function isInsideOutDir(path: string): boolean {
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** Files vigil generated in `outDir` before: those its manifest lists (inside it), and any carrying its header. */
export function previouslyGenerated(outDir: string, entries = listEntries(outDir)): Set<string> {
  const generated = new Set(parseManifest(readIfExists(join(outDir, paths.manifest)) ?? '').filter(isInsideOutDir));
  for (const [path, kind] of entries) {
    if (kind !== 'file' || generated.has(path)) continue;
    const text = readIfExists(join(outDir, path));
    if (text !== undefined && hasGeneratedHeader(text)) generated.add(path);
  }
  return generated;
}

/** A regular file, a directory, a file vigil staged, or anything else (a symbolic link, a socket). */
export type EntryKind = 'file' | 'directory' | 'staged' | 'other';

/**
 * Everything under `dir`, by `/`-separated path relative to it (nothing when it cannot be listed),
 * without following symbolic links. One listing tells which files are there, where asking file by
 * file would cost a failed open for each file of a first build. Not `readdirSync`'s `recursive`:
 * since Node 22 it descends into linked directories, whose files would then look like the
 * output's own, to be compared, overwritten or deleted.
 */
export function listEntries(dir: string): Map<string, EntryKind> {
  const listing = new Map<string, EntryKind>();
  const list = (directory: string, prefix: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = prefix + entry.name;
      const kind = entry.name.includes(TEMP_MARKER) ? 'staged' : entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
      listing.set(path, kind);
      if (kind === 'directory') list(join(directory, entry.name), `${path}/`);
    }
  };
  try {
    list(dir, '');
  } catch {
    return new Map();
  }
  return listing;
}

/**
 * Files staged by a build, running or not. None is output: committed, a file staged on one machine
 * names a process of that machine, which on another may well be running (pid 1 always is).
 */
export function stagedFiles(entries: ReadonlyMap<string, EntryKind>): string[] {
  return [...entries].flatMap(([path, kind]) => (kind === 'staged' ? [path] : []));
}

/** Files staged by a build that is not running beside this one (killed while it wrote): the next build removes them. */
export function abandonedStaging(entries: ReadonlyMap<string, EntryKind>): string[] {
  return stagedFiles(entries).filter((path) => !isAnotherBuild(Number(path.slice(path.lastIndexOf(TEMP_MARKER) + TEMP_MARKER.length))));
}

/**
 * Whether the process is running and is not this one: this build has staged nothing yet, and a
 * build killed in a container had the pid a build there gets again (1, or another small one).
 */
function isAnotherBuild(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The first directory on the way to `path` that is not a real directory in the listing (a
 * symbolic link, most likely), or undefined. Writing or deleting through a link to a directory
 * would change files outside the output directory.
 */
export function notADirectoryOnTheWay(path: string, entries: ReadonlyMap<string, EntryKind>): string | undefined {
  for (let end = path.indexOf('/'); end !== -1; end = path.indexOf('/', end + 1)) {
    const kind = entries.get(path.slice(0, end));
    if (kind !== undefined && kind !== 'directory') return path.slice(0, end);
  }
  return undefined;
}

/** Every file under `dir`, as `/`-separated paths relative to it (none when it does not exist). */
export function listFiles(dir: string): string[] {
  return [...listEntries(dir)].flatMap(([path, kind]) => (kind === 'file' ? [path] : []));
}
