/**
 * A module being loaded waits on something nothing will ever do: the event loop ran out of work
 * while its import was pending.
 */
export class NeverSettledError extends Error {
  constructor() {
    super('the module never finished loading');
    this.name = 'NeverSettledError';
  }
}

/**
 * `loading`, or a NeverSettledError once the event loop has nothing left to do while it is
 * pending. A module that awaits a promise nothing settles would otherwise end the process with
 * Node's exit code 13 and no report at all.
 */
export function settledOrStuck<T>(loading: Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    // Rejected from a callback the loop runs, not from the event: a rejection alone runs as
    // microtasks and leaves the loop with nothing to do, so the next module awaited (which may be
    // stuck too) gets no second 'beforeExit' and the process ends with no report (seen on Node 22
    // and later, whose loader then has nothing in flight).
    const stuck = () => setImmediate(() => reject(new NeverSettledError()));
    process.once('beforeExit', stuck);
    loading.then(
      (value) => {
        process.off('beforeExit', stuck);
        resolve(value);
      },
      (error: unknown) => {
        process.off('beforeExit', stuck);
        reject(error);
      },
    );
  });
}
