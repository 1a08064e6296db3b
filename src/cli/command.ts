import { Option, type Command } from 'commander';
import type { Output } from './io.ts';

/** What every command gets: where it runs, where it prints, and how it reports its exit code. */
export interface CommandContext {
  readonly cwd: string;
  readonly output: Output;
  setExitCode(code: number): void;
}

/** Each command file exports one of these; main.ts lists them. */
export type CommandRegistration = (program: Command, context: CommandContext) => void;

export const configOption = () =>
  new Option('-c, --config <file>', 'config file (default: vigil.config.ts in the working directory)');
