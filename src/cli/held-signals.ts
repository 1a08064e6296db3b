const heldSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `body` with SIGINT, SIGTERM and SIGHUP held back: the first one aborts `stop`, and once
 * `body` has ended it is raised again, so the process still ends as the signal asks. Killed at
 * once, a build could stop between two renames and leave out/ part old bundle, part new.
 */
export async function holdingSignals<T>(body: (stop: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const hold = (signal: NodeJS.Signals) => {
    received ??= signal;
    controller.abort(new Error(`stopped by ${signal}`));
  };
  for (const signal of heldSignals) process.on(signal, hold);
  try {
    return await body(controller.signal);
  } finally {
    // A signal that came during the body's synchronous work (the renames) reaches its listener
    // only when the event loop next polls, which the second of two turns follows: without them,
    // it would be dropped with the listener and the build would end as if never stopped.
    for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
    for (const signal of heldSignals) process.off(signal, hold);
    if (received) process.kill(process.pid, received);
  }
}
