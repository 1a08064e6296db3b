/** Raised in place of the process.exit() a definition module calls while it loads. */
export class ProcessExitError extends Error {
  constructor(code: unknown) {
    super(`it called process.exit(${code === undefined ? '' : String(code)})`);
    this.name = 'ProcessExitError';
  }
}

/**
 * Runs `body` with process.exit() throwing a ProcessExitError instead: a module that ended the
 * process while it loads would end vigil with the module's exit code, 0 included, and no report.
 */
export async function withoutProcessExit<T>(body: () => Promise<T>): Promise<T> {
  const { exit } = process;
  process.exit = ((code?: unknown) => {
    throw new ProcessExitError(code);
  }) as typeof process.exit;
  try {
    return await body();
  } finally {
    process.exit = exit;
  }
}
