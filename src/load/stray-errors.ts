/**
 * Runs `body` while catching what definition modules throw outside their own evaluation (a
 * promise rejected with no handler, a timer that throws), which would otherwise end the process
 * with a stack trace. It waits one turn of the event loop after `body`, so that a timer a module
 * set to fire at once fires inside.
 */
export async function catchingStrayErrors<T>(body: () => Promise<T>): Promise<{ result: T; strays: unknown[] }> {
  const strays: unknown[] = [];
  const onStray = (error: unknown) => void strays.push(error);
  process.on('unhandledRejection', onStray);
  process.on('uncaughtException', onStray);
  try {
    const result = await body();
    await new Promise((resolve) => setTimeout(resolve, 0));
    return { result, strays };
  } finally {
    process.off('unhandledRejection', onStray);
    process.off('uncaughtException', onStray);
  }
}
