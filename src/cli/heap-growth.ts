import { setFlagsFromString } from 'node:v8';

/**
 * Caps how far the heap may grow between full garbage collections, for the vigil process (the
 * executable, and the benchmark that measures it); a library leaves such process-wide settings
 * to its host.
 *
 * V8 lets the heap grow to as much as four times what survived the last full collection before
 * collecting again. For a large organisation that slack, not live data, makes the peak: at
 * 10,000 SLOs about 600 MiB survive validation, and the peak ranged from 1.24 to 1.51 GiB from
 * run to run. Growing at most twofold holds it near 1.2 GiB in every run, for a little more
 * marking, most of it on a helper thread. V8 reads the flag at every collection, so setting it
 * once running takes effect.
 */
export function capHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=100');
}
