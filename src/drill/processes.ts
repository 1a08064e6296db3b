import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DrillError } from './drill-error.ts';

/**
 * The processes the drill starts, stopped on every exit path: `stopAll()` in the drill's
 * `finally`, and a last SIGKILL when the Node process itself exits (Ctrl-C, a failed test).
 */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of live) child.kill('SIGKILL');
  });
}

export interface ManagedProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** The last lines it wrote, for a diagnostic when it dies. */
  output(): string;
  exited(): boolean;
}

export function startProcess(name: string, executable: string, args: readonly string[], cwd: string): ManagedProcess {
  installExitHook();
  const child = spawn(executable, [...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  let tail = '';
  const keep = (chunk: Buffer) => (tail = (tail + chunk.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let done = false;
  child.on('exit', () => {
    done = true;
    live.delete(child);
  });
  child.on('error', (error) => {
    done = true;
    tail += `\n${error.message}`;
    live.delete(child);
  });
  return { name, child, output: () => tail, exited: () => done };
}

/** SIGTERM, then SIGKILL after `graceMs`. */
export async function stopProcess(process: ManagedProcess, graceMs = 5000): Promise<void> {
  if (process.exited()) return;
  const exited = new Promise<void>((resolve) => process.child.once('exit', () => resolve()));
  process.child.kill('SIGTERM');
  const timer = setTimeout(() => process.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A TCP port free on loopback right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers 200, the process dies, or `timeoutMs` passes. */
export async function waitReady(url: string, process: ManagedProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.exited()) throw new DrillError(`${process.name} exited while starting:\n${process.output().trim()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new DrillError(`${process.name} was not ready within ${timeoutMs / 1000}s:\n${process.output().trim()}`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
