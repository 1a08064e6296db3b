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
    for (const signal of heldSignals) process.off(signal, hold);
    if (received) process.kill(process.pid, received);
  }
}
