export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export const processOutput: Output = {
  out: (text) => write(process.stdout, text),
  err: (text) => write(process.stderr, text),
};

const watched = new WeakSet<NodeJS.WriteStream>();

function write(stream: NodeJS.WriteStream, text: string): void {
  if (!watched.has(stream)) {
    // A reader that stops early (`vigil routes | head`) closes the pipe: the rest of the output
    // has nowhere to go, which is no reason to crash (the stream would throw its EPIPE unhandled).
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
    watched.add(stream);
  }
  stream.write(`${text}\n`);
}

export const ExitCode = {
  ok: 0,
  /** Errors in the definitions, a stale bundle, a failed check. */
  failed: 1,
  /** A command line vigil does not understand. */
  usage: 2,
  /** A bug in vigil. */
  internal: 3,
} as const;
