import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { mapInParallel } from '../util/in-parallel.ts';
import { goToolEnvironment } from './tools.ts';

export interface TestFileResult {
  readonly file: string;
  readonly passed: boolean;
  readonly output: string;
  readonly seconds: number;
}

/**
 * Runs `promtool test rules` on each file (paths relative to `cwd`), a few at a time, and
 * reports each as it finishes.
 */
export async function runPromtoolTests(
  promtool: string,
  files: readonly string[],
  cwd: string,
  onResult: (result: TestFileResult) => void,
  concurrency = availableParallelism(),
): Promise<TestFileResult[]> {
  const results = await mapInParallel(files, concurrency, async (file) => {
    const result = await runOne(promtool, file, cwd);
    onResult(result);
    return result;
  });
  return results.sort((a, b) => (a.file < b.file ? -1 : 1));
}

function runOne(promtool: string, file: string, cwd: string): Promise<TestFileResult> {
  const started = performance.now();
  return new Promise((resolve) => {
    // Not limited to a share of the cores: the longest files finish alone, and their rule
    // evaluation uses every core it gets.
    const child = spawn(promtool, ['test', 'rules', file], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: goToolEnvironment() });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const finish = (passed: boolean, extra = '') =>
      resolve({ file, passed, output: output + extra, seconds: (performance.now() - started) / 1000 });
    child.on('error', (error) => finish(false, `\n${error.message}`));
    child.on('close', (code) => finish(code === 0));
  });
}
