import type { BundleFile } from '../bundle.ts';
import { compareStrings } from '../util/compare.ts';

/** The list of files vigil generated: `vigil build` deletes only these when they are no longer produced. */
export function emitManifest(paths: Iterable<string>): BundleFile {
  const sorted = [...paths].sort(compareStrings);
  return { format: 'text', value: sorted.join('\n') };
}

/** Paths listed in a manifest file's text (comment lines skipped). */
export function parseManifest(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
