import { spawn } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vigil, writeProject } from '../support/cli.ts';
import { baseConfig, baseShop, hostileCases, type HostileCase } from '../support/hostile-cases.ts';
import { repoRoot } from '../support/project.ts';
import { tempDir } from '../support/tools.ts';

interface Run {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the real CLI without blocking, so cases run side by side. */
function vigilAsync(args: readonly string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin', 'vigil.js'), ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

/** Every file under `dir` (out/) with its bytes. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const path = join(prefix, name);
    if (statSync(join(dir, path)).isDirectory()) Object.assign(files, snapshot(dir, path));
    else files[path] = readFileSync(join(dir, path), 'base64');
  }
  return files;
}

interface Outcome {
  readonly build: Run;
  readonly check: Run;
  readonly outBefore: Record<string, string>;
  readonly outAfter: Record<string, string>;
}

const outcomes = new Map<string, Outcome>();
let workspace: { dir: string; cleanup: () => void };

/** A crash shows as a stack frame (`at f (file:1:2)`) or vigil's internal-error line. */
const crashed = (text: string) => /internal error|^\s+at .*:\d+:\d+\)?$/m.test(text);

beforeAll(async () => {
  workspace = tempDir('vigil-hostile-');
  const template = join(workspace.dir, 'template');
  writeProject(template, { 'vigil.config.ts': baseConfig, 'alerts/shop.ts': baseShop });
  expect(vigil(['build'], template).status).toBe(0);
  writeFileSync(join(template, 'out', 'OWNERS'), 'payments\n');

  const queue = [...hostileCases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) outcomes.set(c.name, await runCase(template, c));
  };
  await Promise.all([worker(), worker()]);
}, 600_000);

afterAll(() => workspace?.cleanup());

async function runCase(template: string, c: HostileCase): Promise<Outcome> {
  const dir = join(workspace.dir, `case-${hostileCases.indexOf(c)}`);
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  for (const [path, text] of Object.entries(c.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const outBefore = snapshot(join(dir, 'out'));
  const build = await vigilAsync(['build', ...(c.args ?? [])], dir);
  const check = await vigilAsync(['check', '--format', 'json', ...(c.args ?? [])], dir);
  return { build, check, outBefore, outAfter: snapshot(join(dir, 'out')) };
}

describe('hostile definitions', () => {
  it('has at least 30 cases', () => expect(hostileCases.length).toBeGreaterThanOrEqual(30));

  it.each(hostileCases.map((c) => [c.name, c] as const))('%s: a diagnostic with its code and location, exit 1, out/ untouched', (_, c) => {
    const { build, check, outBefore, outAfter } = outcomes.get(c.name)!;
    expect(crashed(build.stderr + build.stdout), build.stderr).toBe(false);
    expect(build.status, build.stderr).toBe(1);
    expect(build.stderr).toMatch(new RegExp(`^${escape(c.at)}\\S*: error ${c.code}:|^${escape(c.at)}\\S*: \\w+ ${c.code}:`, 'm'));
    expect(outAfter).toEqual(outBefore);

    expect(crashed(check.stderr), check.stderr).toBe(false);
    expect(check.status, check.stderr).toBe(1);
    const report = JSON.parse(check.stdout) as { ok: boolean; diagnostics: { code: string; severity: string; location: { file: string; line?: number } }[] };
    expect(report.ok).toBe(false);
    const found = report.diagnostics.find((d) => d.code === c.code && `${d.location.file}${d.location.line ? `:${d.location.line}` : ''}`.startsWith(c.at));
    expect(found, JSON.stringify(report.diagnostics.map((d) => [d.code, d.location]))).toBeDefined();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
