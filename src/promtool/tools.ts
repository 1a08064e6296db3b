import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * Absolute path of an executable on PATH, or undefined. As a shell does, a directory of that
 * name (searchable, so "executable") is passed over for the next entry.
 */
export function findOnPath(name: string, path = process.env.PATH ?? ''): string | undefined {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

export interface ToolRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of a run of a Go tool (promtool, amtool) that lives for seconds: its garbage
 * collector runs a quarter as often (`GOGC=400`, a few tens of MiB more), and when `cores` is
 * given it schedules on that many (`GOMAXPROCS`) instead of sizing itself, and its collector, to
 * the whole machine when runs share it side by side. What the user set wins.
 */
export function goToolEnvironment(cores?: number): NodeJS.ProcessEnv {
  return { GOGC: '400', ...(cores === undefined ? {} : { GOMAXPROCS: String(cores) }), ...process.env };
}

export interface ToolOptions {
  readonly cwd?: string;
  readonly timeoutMs?: number;
  /** Default: `goToolEnvironment()`. */
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a tool to completion (bounded by a timeout) and returns what it printed. */
export function runTool(executable: string, args: readonly string[], options: ToolOptions = {}): ToolRun {
  const result = spawnSync(executable, [...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 64 * 1024 * 1024,
    env: options.env ?? goToolEnvironment(),
  });
  if (result.error) throw result.error;
  return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr };
}

/** A run of a tool that did not end on its own: it could not start, was killed, or ran out of time. */
export interface StoppedToolRun extends ToolRun {
  /** Why, e.g. `was stopped by SIGSEGV`. */
  readonly stopped: string;
}

/**
 * `runTool` without blocking: several runs share the cores while the caller goes on. A tool that
 * cannot start, is killed or runs out of time is a run like any other, `stopped` saying why: the
 * tool failed, not the caller.
 */
export function runToolInBackground(executable: string, args: readonly string[], options: ToolOptions = {}): Promise<ToolRun | StoppedToolRun> {
  return new Promise((resolve) => {
    const timeoutMs = options.timeoutMs ?? 120_000;
    const child = spawn(executable, [...args], {
      cwd: options.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: options.env ?? goToolEnvironment(),
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const settle = (run: ToolRun | StoppedToolRun) => {
      clearTimeout(timer);
      resolve(run);
    };
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => settle({ status: 1, stdout, stderr, stopped: `could not be started: ${error.message}` }));
    child.on('exit', () => {
      if (!timedOut) return;
      // A child the tool started may still hold its output open: do not wait for it.
      child.stdout.destroy();
      child.stderr.destroy();
      settle({ status: 1, stdout, stderr, stopped: `did not finish within ${timeoutMs / 1000} s and was killed` });
    });
    child.on('close', (code, signal) => {
      if (timedOut) return;
      if (code === null) settle({ status: 1, stdout, stderr, stopped: `was stopped by ${signal ?? 'a signal'}` });
      else settle({ status: code, stdout, stderr });
    });
  });
}
