import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (where the example system's vigil.config.ts lives). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
