export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

export const ExitCode = {
  ok: 0,
  /** Errors in the definitions, a stale bundle, a failed check. */
  failed: 1,
  /** A command line vigil does not understand. */
  usage: 2,
  /** A bug in vigil. */
  internal: 3,
} as const;
