import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { emitRuleTests } from '../../emit/rule-tests.ts';
import { renderBundle } from '../../render/render.ts';
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
    .option('-k, --keep <dir>', 'write the tests and the rule files they load to this directory and keep them')
    .action(async (options: TestOptions) => setExitCode(await testCommand(options, cwd, output)));
};

interface TestOptions extends ProjectOptions {
  readonly keep?: string;
}

export async function testCommand(options: TestOptions, cwd: string, output: Output): Promise<number> {
  const promtool = findOnPath('promtool');
  if (!promtool) {
    output.err('error tool-missing: promtool is not on PATH; install the Debian package `prometheus` (or Prometheus from prometheus.io)');
    return ExitCode.failed;
  }
  const compiled = await compileProject(options, cwd, output);
  if (!compiled) return ExitCode.failed;
  const generated = emitRuleTests(compiled.result.ir);
  for (const { slo, problem } of generated.untestable) output.err(`warning: no tests for SLO ${slo.id}: ${problem}`);
  const tests = renderBundle(generated.files);
  if (tests.size === 0) {
    output.out('no generated tests: define an SLO to get some');
    return ExitCode.ok;
  }
  const files = [...tests.keys()];
  // The tests run against the bundle as compiled now, whatever out/ holds.
  const dir = options.keep ? resolve(cwd, options.keep) : mkdtempSync(join(tmpdir(), 'vigil-test-'));
  try {
    await writeBundle(dir, new Map([...compiled.rendered, ...tests]));
    if (options.keep) output.out(`tests written to ${relative(cwd, dir) || '.'}/`);
    const results = await runPromtoolTests(promtool, files, dir, (result) => {
      output.out(`${result.passed ? 'ok  ' : 'FAIL'} ${result.file} (${result.seconds.toFixed(1)}s)`);
      if (!result.passed) output.err(result.output.trimEnd());
    });
    const failed = results.filter((r) => !r.passed).length;
    output.out(failed === 0 ? `${plural(results.length, 'test file')} passed` : `${failed} of ${plural(results.length, 'test file')} failed`);
    return failed === 0 ? ExitCode.ok : ExitCode.failed;
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}
