import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { WriteError } from '../write/write-bundle.ts';
import type { CommandRegistration } from './command.ts';
import { registerBuild } from './commands/build.ts';
import { registerCheck } from './commands/check.ts';
import { registerDrill } from './commands/drill.ts';
import { registerRoutes } from './commands/routes.ts';
import { registerExplain } from './commands/explain.ts';
import { registerTest } from './commands/test.ts';
import { ExitCode, processOutput, type Output } from './io.ts';

const commands: readonly CommandRegistration[] = [registerBuild, registerCheck, registerTest, registerExplain, registerRoutes, registerDrill];

function vigilVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  return (manifest as { version: string }).version;
}

/** Runs the vigil CLI and returns its exit code. The only place that maps failures to exit codes. */
export async function main(argv: readonly string[], output: Output = processOutput, cwd = process.cwd()): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode: number = ExitCode.ok;
  const program = new Command('vigil')
    .description('Compile typed observability definitions into a Prometheus, Grafana and Alertmanager bundle.')
    .version(vigilVersion(), '-V, --version', "print vigil's version")
    .option('--debug', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) });
  for (const register of commands) {
    register(program, { cwd, output, setExitCode: (code) => (exitCode = code) });
  }

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof WriteError) {
      const state =
        error.action === 'write'
          ? 'the previous output is unchanged'
          : 'the new files are in place, but this one, which the definitions no longer produce, and any left to delete after it are still there: make it deletable and build again';
      output.err(`error write-failed: ${error.message}; ${state}`);
      return ExitCode.failed;
    }
    output.err(`vigil: internal error: ${error instanceof Error ? error.message : String(error)}`);
    output.err(debug && error instanceof Error ? (error.stack ?? '') : 'this is a bug in vigil; run again with --debug to see the stack trace');
    return ExitCode.internal;
  }
}
