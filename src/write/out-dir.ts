import { readFileSync, readdirSync } from 'node:fs';
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

/**
 * How a file on disk compares with the text vigil would write there. Compares bytes (no
 * decoding), the cheap way to find that nothing changed across thousands of files.
 */
export function compareWithDisk(file: string, text: string): 'missing' | 'same' | 'different' {
  let onDisk: Buffer;
  try {
    onDisk = readFileSync(file);
  } catch {
    return 'missing';
  }
  return onDisk.length === Buffer.byteLength(text) && onDisk.equals(Buffer.from(text)) ? 'same' : 'different';
}

/** Files vigil generated in `outDir` before: those its manifest lists, and any carrying its header. */
export function previouslyGenerated(outDir: string): Set<string> {
  const generated = new Set(parseManifest(readIfExists(join(outDir, paths.manifest)) ?? ''));
  for (const path of listFiles(outDir)) {
    if (generated.has(path)) continue;
    const text = readIfExists(join(outDir, path));
    if (text !== undefined && hasGeneratedHeader(text)) generated.add(path);
  }
  return generated;
}

/** Every file under `dir`, as `/`-separated paths relative to it (none when it does not exist). */
export function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && !e.name.includes(TEMP_MARKER))
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1).split('\\').join('/'));
}
