/**
 * Runs `body` with everything written to stdout (a module's `console.log` too) sent to stderr:
 * definition modules may log while they load, and stdout belongs to the report, which
 * `--format json` makes one JSON document.
 */
export async function withStdoutOnStderr<T>(body: () => Promise<T>): Promise<T> {
  const { write } = process.stdout;
  process.stdout.write = process.stderr.write.bind(process.stderr) as typeof process.stdout.write;
  try {
    return await body();
  } finally {
    process.stdout.write = write;
  }
}
