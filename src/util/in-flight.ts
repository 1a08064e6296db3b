/**
 * Runs `task` on each item as the iteration yields it, at most `limit` at once, giving the event
 * loop a turn between items: the file I/O of earlier tasks proceeds on libuv's threads while the
 * caller computes the next item (renders the next file). Every task has settled when this
 * returns or throws; the first failure, of a task or of the iteration, is thrown.
 */
export async function eachInFlight<T>(items: Iterable<T>, limit: number, task: (item: T) => Promise<void>): Promise<void> {
  const inFlight = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  try {
    for (const item of items) {
      if (failure) break;
      const run: Promise<void> = task(item)
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => inFlight.delete(run));
      inFlight.add(run);
      await (inFlight.size >= limit ? Promise.race(inFlight) : new Promise<void>((resolve) => setImmediate(resolve)));
    }
  } finally {
    await Promise.all(inFlight);
  }
  if (failure) throw failure.error;
}
