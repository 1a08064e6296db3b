import { Command, CommanderError, Option } from 'commander';
import { WriteError } from '../write/write-bundle.ts';
import { buildCommand } from './commands/build.ts';
import { ExitCode, processOutput, type Output } from './io.ts';

/** Runs the vigil CLI and returns its exit code. The only place that maps failures to exit codes. */
export async function main(argv: readonly string[], output: Output = processOutput, cwd = process.cwd()): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode: number = ExitCode.ok;
  const program = new Command('vigil')
    .description('Compile typed observability definitions into a Prometheus, Grafana and Alertmanager bundle.')
    .option('--debug', 'show stack traces of internal errors')
    .exitOverride()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.err(s.trimEnd()) });

  const configOption = () => new Option('-c, --config <file>', 'config file (default: vigil.config.ts in the working directory)');

  program
    .command('build')
    .description('compile the definitions into out/ (atomically; only vigil-generated files are replaced)')
    .addOption(configOption())
    .option('-o, --out <dir>', 'output directory (default: the config\'s `out`, else out/)')
    .option('--check', 'write nothing; fail when out/ differs from what the definitions compile to')
    .action(async (options) => {
      exitCode = await buildCommand(options, cwd, output);
    });

  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    if (error instanceof WriteError) {
      output.err(`error write-failed: ${error.message}; the previous output is unchanged`);
      return ExitCode.failed;
    }
    output.err(`vigil: internal error: ${error instanceof Error ? error.message : String(error)}`);
    output.err(debug && error instanceof Error ? (error.stack ?? '') : 'this is a bug in vigil; run again with --debug to see the stack trace');
    return ExitCode.internal;
  }
}
