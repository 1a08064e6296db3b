import { relative } from 'node:path';
import { crlfHint, diffBundle, isUpToDate } from '../../write/check-bundle.ts';
import { writeBundle } from '../../write/write-bundle.ts';
import { plural } from '../../diagnostics/format-human.ts';
import { configOption, type CommandRegistration } from '../command.ts';
import { holdingSignals } from '../held-signals.ts';
import { ExitCode, type Output } from '../io.ts';
import { renderProject, type ProjectOptions } from '../pipeline.ts';

export const registerBuild: CommandRegistration = (program, { cwd, output, setExitCode }) => {
  program
    .command('build')
    .description('compile the definitions into out/ (atomically; only vigil-generated files are replaced)')
    .addOption(configOption())
    .option('-o, --out <dir>', "output directory (default: the config's `out`, else out/)")
    .option('--check', 'write nothing; fail when out/ differs from what the definitions compile to')
    .action(async (options: BuildOptions) => setExitCode(await buildCommand(options, cwd, output)));
};

export interface BuildOptions extends ProjectOptions {
  readonly check?: boolean;
}

export async function buildCommand(options: BuildOptions, cwd: string, output: Output): Promise<number> {
  const compiled = await renderProject(options, cwd, output);
  if (!compiled) {
    output.err('nothing was written');
    return ExitCode.failed;
  }
  const shownOut = relative(cwd, compiled.outDir) || '.';
  if (options.check) {
    const difference = await diffBundle(compiled.outDir, compiled.rendered);
    if (isUpToDate(difference)) {
      output.out(`${shownOut}/ is up to date (${plural(compiled.rendered.size, 'file')})`);
      return ExitCode.ok;
    }
    for (const path of difference.missing) output.err(`missing: ${shownOut}/${path}`);
    const crlf = new Set(difference.crlf);
    for (const path of difference.stale) output.err(`stale:   ${shownOut}/${path}${crlf.has(path) ? ' (CRLF line endings)' : ''}`);
    for (const path of difference.extra) output.err(`extra:   ${shownOut}/${path}`);
    output.err(`${shownOut}/ is not what the definitions compile to: run \`vigil build\` and commit the result`);
    if (crlf.size > 0) output.err(crlfHint(shownOut));
    return ExitCode.failed;
  }
  const result = await holdingSignals((stop) => writeBundle(compiled.outDir, compiled.rendered, { stop }));
  output.out(
    `${shownOut}/: ${plural(result.written.length, 'file')} written, ${result.deleted.length} deleted, ${result.unchanged} unchanged`,
  );
  return ExitCode.ok;
}
