/**
 * `npm run bench`: builds a synthetic organisation of N services (three SLOs each) in-process
 * stage by stage and through the CLI, at several sizes, and prints the figures.
 *
 *   npm run bench                      # N = 100, 334, 1000, 3334 (about 300 to 10,000 SLOs)
 *   npm run bench -- --sizes 100,1000
 *   npm run bench -- --runs 3          # each CLI figure the median of three runs
 *   npm run bench -- --services-per-module 1   # one definition module per service (default 50)
 *   npx -p node@26 -c 'npm run bench'          # under another Node.js than the one on PATH
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { option, printTable, wholeNumber } from './command-line.ts';
import { writeSyntheticOrg } from './synthetic-org.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sizes = option('--sizes')?.split(',').map(Number) ?? [100, 334, 1000, 3334];
const runs = wholeNumber('--runs', 1);
const perModule = wholeNumber('--services-per-module', 50);

interface StageFigures {
  stages: Record<string, number>;
  peakMiB: number;
  floorMs: number;
  slos: number;
  rules: number;
  files: number;
  bytes: number;
  errors: number;
}

interface CliFigures {
  wallMs: number;
  /** User and system time of all the process's threads: steadier than wall time on a shared machine. */
  cpuMs: number;
  peakMiB: number;
  output: string;
}

function node(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

function tsx(): string {
  return pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'esm', 'index.mjs')).href;
}

function cli(project: string, args: readonly string[]): CliFigures {
  const usage = join(project, '.usage');
  const started = performance.now();
  const output = node(['--import', pathToFileURL(join(root, 'bench', 'usage-reporter.mjs')).href, join(root, 'bin', 'vigil.js'), ...args], project, {
    VIGIL_BENCH_USAGE: usage,
  });
  const wallMs = performance.now() - started;
  const { peakMiB, cpuMs } = JSON.parse(readFileSync(usage, 'utf8')) as { peakMiB: number; cpuMs: number };
  return { wallMs, cpuMs, peakMiB, output: output.trim() };
}

/** Each figure the median over the runs (the lower of the two middle ones for an even count; the output of the last run). */
function median(runs: readonly CliFigures[]): CliFigures {
  const middle = (values: number[]) => values.sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)]!;
  return {
    wallMs: middle(runs.map((r) => r.wallMs)),
    cpuMs: middle(runs.map((r) => r.cpuMs)),
    peakMiB: middle(runs.map((r) => r.peakMiB)),
    output: runs.at(-1)!.output,
  };
}

/**
 * A first build into a directory that never held files (as from a fresh checkout), a rebuild
 * with nothing changed and `build --check`, `runs` times, each run with a directory of its own.
 */
function cliRuns(project: string): { builds: CliFigures[]; rebuilds: CliFigures[]; checks: CliFigures[]; rewritten: number } {
  const builds: CliFigures[] = [];
  const rebuilds: CliFigures[] = [];
  const checks: CliFigures[] = [];
  for (let run = 0; run < runs; run++) {
    const out = ['--out', `out-${run}`];
    builds.push(cli(project, ['build', ...out]));
    rebuilds.push(cli(project, ['build', ...out]));
    checks.push(cli(project, ['build', '--check', ...out]));
  }
  // Any run that rewrote a file counts: the target is none in every run.
  const rewritten = Math.max(...rebuilds.map((r) => Number(/(\d+) files? written/.exec(r.output)?.[1] ?? NaN)));
  return { builds, rebuilds, checks, rewritten };
}

const seconds = (ms: number) => (ms / 1000).toFixed(2);
const rows: string[][] = [];
const figures: { services: number; stage: StageFigures; build: CliFigures; rebuild: CliFigures; check: CliFigures }[] = [];
/** Each run's wall times, when there are several: the spread the medians hide. */
const runRows: string[][] = [];
const projectOf = (services: number) => join(tmpdir(), `vigil-bench-${services}`);

try {
  for (const services of sizes) {
    const project = projectOf(services);
    writeSyntheticOrg(project, services, root, perModule);
    const stage = JSON.parse(node(['--import', tsx(), join(root, 'bench', 'stages.ts'), project, join(project, 'stage-out')], project)) as StageFigures;
    if (stage.errors > 0) throw new Error(`the synthetic organisation of ${services} services has errors`);
    const { builds, rebuilds, checks, rewritten } = cliRuns(project);
    const [build, rebuild, check] = [median(builds), median(rebuilds), median(checks)];
    runRows.push([String(services), ...[builds, rebuilds, checks].map((each) => each.map((r) => seconds(r.wallMs)).join(' '))]);
    figures.push({ services, stage, build, rebuild, check });
    const total = Object.entries(stage.stages).reduce((sum, [name, ms]) => (name === 'render' ? sum : sum + ms), 0);
    rows.push([
      String(services),
      String(stage.slos),
      String(stage.rules),
      String(stage.files),
      `${(stage.bytes / 2 ** 20).toFixed(1)}`,
      ...['load', 'normalize', 'validate', 'emit', 'render', 'write'].map((s) => seconds(stage.stages[s] ?? 0)),
      seconds(total),
      seconds(stage.floorMs),
      (total / stage.floorMs).toFixed(2),
      stage.peakMiB.toFixed(0),
      seconds(build.wallMs),
      seconds(build.cpuMs),
      build.peakMiB.toFixed(0),
      `${seconds(rebuild.wallMs)} (${Number.isNaN(rewritten) ? '?' : rewritten} rewritten)`,
      seconds(check.wallMs),
    ]);
  }
} finally {
  // Only once everything is timed: on some file systems (this machine's ext4) creating files in
  // the minutes after deleting many costs seconds of the kernel's time, which the next first
  // build would be charged.
  for (const services of sizes) rmSync(projectOf(services), { recursive: true, force: true });
}

const header = [
  'services', 'SLOs', 'rules', 'files', 'MiB', 'load', 'normalize', 'validate', 'emit', 'render', 'render+write',
  'in-process', 'yaml floor', '÷ floor', 'peak MiB', 'CLI build', 'CLI cpu', 'CLI MiB', 'CLI rebuild', 'CLI --check',
];
console.log(`Node ${process.version} (V8 ${process.versions.v8}) on ${availableParallelism()} cores; every stage and command ran under it.`);
console.log('times in seconds (wall; "CLI cpu" is the first build\'s user and system time); sizes in MiB.');
console.log('The build renders each file as it writes it (render+write);');
console.log('render alone is a separate pass, shown for the profile and left out of in-process.');
console.log('CLI build writes into a directory that never held files; CLI rebuild and --check then run on it.');
console.log(`Each definition module defines ${perModule === 1 ? 'one service' : `${perModule} services`}.`);
if (runs > 1) console.log(`CLI figures: medians of ${runs} runs.`);
printTable(header, rows);
if (runs > 1) {
  console.log('\nCLI wall time of each run, in the order run:');
  printTable(['services', 'CLI build', 'CLI rebuild', 'CLI --check'], runRows);
}

const first = figures.find((f) => f.stage.slos >= 1000 && f.stage.slos < 2000);
const largest = figures.at(-1);
if (first && largest && largest !== first) {
  const growth = largest.build.wallMs / first.build.wallMs;
  console.log(`\nCLI build from ${first.stage.slos} to ${largest.stage.slos} SLOs: ${growth.toFixed(1)}× the time for ${(largest.stage.slos / first.stage.slos).toFixed(1)}× the SLOs`);
}
