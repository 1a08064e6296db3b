import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plural } from '../../diagnostics/format-human.ts';
import { runPromtoolTests } from '../../promtool/run-tests.ts';
import { findOnPath } from '../../promtool/tools.ts';
import { writeBundle } from '../../write/write-bundle.ts';
import { configOption, type CommandRegistration } from '../command.ts';
import { ExitCode, type Output } from '../io.ts';
import { compileProject, type ProjectOptions } from '../pipeline.ts';

export const registerTest: CommandRegistration = (program, { cwd, output, setExitCode }) => {
  program
    .command('test')
    .description('run the generated promtool tests (SLO burn-rate scenarios) against what the definitions compile to')
    .addOption(configOption())
    .action(async (options: ProjectOptions) => setExitCode(await testCommand(options, cwd, output)));
};

export async function testCommand(options: ProjectOptions, cwd: string, output: Output): Promise<number> {
  const promtool = findOnPath('promtool');
  if (!promtool) {
    output.err('error tool-missing: promtool is not on PATH; install the Debian package `prometheus` (or Prometheus from prometheus.io)');
    return ExitCode.failed;
  }
  const compiled = await compileProject(options, cwd, output);
  if (!compiled) return ExitCode.failed;
  const files = [...compiled.rendered.keys()].filter((path) => path.startsWith('prometheus/tests/'));
  if (files.length === 0) {
    output.out('no generated tests: define an SLO to get some');
    return ExitCode.ok;
  }
  // The tests run against the bundle as compiled now, whatever out/ holds.
  const dir = mkdtempSync(join(tmpdir(), 'vigil-test-'));
  try {
    writeBundle(dir, compiled.rendered);
    const results = await runPromtoolTests(promtool, files, dir, (result) => {
      output.out(`${result.passed ? 'ok  ' : 'FAIL'} ${result.file} (${result.seconds.toFixed(1)}s)`);
      if (!result.passed) output.err(result.output.trimEnd());
    });
    const failed = results.filter((r) => !r.passed).length;
    output.out(failed === 0 ? `${plural(results.length, 'test file')} passed` : `${failed} of ${plural(results.length, 'test file')} failed`);
    return failed === 0 ? ExitCode.ok : ExitCode.failed;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
