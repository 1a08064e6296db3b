import { chmodSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bundle } from '../../src/bundle.ts';
import { checkCrdSchemas } from '../../src/check/crd-schema.ts';
import { runToolChecks } from '../../src/check/external-tools.ts';
import { formatGithub } from '../../src/diagnostics/format-machine.ts';
import { findOnPath, goToolEnvironment, runToolInBackground } from '../../src/promtool/tools.ts';
import { compiledExample } from '../support/example.ts';
import { vigil, writeProject } from '../support/cli.ts';
import { repoRoot } from '../support/project.ts';
import { describeWithTool, tempDir } from '../support/tools.ts';

interface Report {
  readonly ok: boolean;
  readonly checked: string[];
  readonly diagnostics: { code: string; severity: string; location: { file: string; line?: number } }[];
}

const kinds = ['PrometheusRule', 'ServiceMonitor', 'AlertmanagerConfig'];

describe('CRD schema validation', () => {
  it('passes every PrometheusRule, ServiceMonitor and AlertmanagerConfig of the example bundle', async () => {
    const { result } = await compiledExample();
    const objects = [...result.bundle.values()].map((f) => f.value as { kind?: string }).filter((v) => kinds.includes(String(v?.kind)));
    for (const kind of kinds) expect(objects.some((o) => o.kind === kind), kind).toBe(true);
    expect(checkCrdSchemas(result.bundle, 'out')).toEqual([]);
  });

  it('names the file and the field of an object the CRD rejects', async () => {
    const { result } = await compiledExample();
    const [path, file] = [...result.bundle].find(([, f]) => (f.value as { kind?: string }).kind === 'ServiceMonitor')!;
    const monitor = structuredClone(file.value) as { spec: { endpoints: Record<string, unknown>[] } };
    monitor.spec.endpoints[0]!.interval = 'every minute';
    const broken: Bundle = new Map([[path, { format: 'yaml', value: monitor }]]);
    const [problem, ...rest] = checkCrdSchemas(broken, 'out');
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'crd-schema', severity: 'error', location: { file: `out/${path}` } });
    expect(problem!.message).toContain('/spec/endpoints/0/interval');
  });
});

describe('github annotations', () => {
  it('annotate the definition file and line, escaping what the workflow command syntax reserves', () => {
    const line = formatGithub({
      code: 'promql-syntax',
      severity: 'error',
      message: 'unexpected "}"\n50% done, a: b',
      location: { file: 'alerts/a,b.ts', line: 12, column: 7 },
      hint: 'fix it',
    });
    expect(line).toBe('::error file=alerts/a%2Cb.ts,line=12,col=7,title=promql-syntax::unexpected "}"%0A50%25 done, a: b%0Ahint: fix it');
  });
});

describe('the json report', () => {
  it('is the only thing on stdout, though a definition module logs while it loads', () => {
    const { dir, cleanup } = tempDir('vigil-check-logging-');
    try {
      writeProject(dir, {
        'package.json': '{ "type": "module" }\n',
        'vigil.config.ts': "import { defineConfig } from 'vigil';\nexport default defineConfig({});\n",
        'alerts/shop.ts': [
          "import { service } from 'vigil';",
          "console.log('loading the shop');",
          "process.stdout.write('still loading\\n');",
          "service({ name: 'shop', namespace: 'prod', team: 'web' });",
        ].join('\n'),
      });
      const run = vigil(['check', '--format', 'json'], dir, { PATH: dir });
      expect(() => JSON.parse(run.stdout), run.stdout).not.toThrow();
      expect((JSON.parse(run.stdout) as Report).diagnostics.map((d) => d.code)).toContain('stale-output');
      expect(run.stderr).toMatch(/loading the shop\nstill loading/);
    } finally {
      cleanup();
    }
  });

  it('ends once it has reported, though a definition module left a timer running', () => {
    const { dir, cleanup } = tempDir('vigil-check-timer-');
    try {
      writeProject(dir, {
        'package.json': '{ "type": "module" }\n',
        'vigil.config.ts': "import { defineConfig } from 'vigil';\nexport default defineConfig({});\n",
        'alerts/shop.ts': "import { service } from 'vigil';\nservice({ name: 'shop', namespace: 'prod', team: 'web' });\nsetInterval(() => {}, 1000);\n",
      });
      const run = vigil(['check', '--format', 'json'], dir, { PATH: dir });
      expect(run.status).toBe(1);
      expect((JSON.parse(run.stdout) as Report).ok).toBe(false);
    } finally {
      cleanup();
    }
  });
});

describe('the Go tools vigil runs', () => {
  it('collect garbage less often, on their share of the cores when given one, unless the user says otherwise', () => {
    const saved = { GOGC: process.env.GOGC, GOMAXPROCS: process.env.GOMAXPROCS };
    try {
      delete process.env.GOGC;
      delete process.env.GOMAXPROCS;
      expect(goToolEnvironment()).toMatchObject({ GOGC: '400', PATH: process.env.PATH });
      expect(goToolEnvironment()).not.toHaveProperty('GOMAXPROCS');
      expect(goToolEnvironment(1)).toMatchObject({ GOGC: '400', GOMAXPROCS: '1' });
      process.env.GOGC = '100';
      process.env.GOMAXPROCS = '8';
      expect(goToolEnvironment(1)).toMatchObject({ GOGC: '100', GOMAXPROCS: '8' });
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('are found past a directory of the same name on PATH, as a shell finds them', () => {
    const { dir, cleanup } = tempDir('vigil-path-');
    try {
      mkdirSync(join(dir, 'first', 'promtool'), { recursive: true });
      mkdirSync(join(dir, 'second'));
      writeFileSync(join(dir, 'second', 'promtool'), '#!/bin/sh\n');
      chmodSync(join(dir, 'second', 'promtool'), 0o755);
      expect(findOnPath('promtool', [join(dir, 'first'), join(dir, 'second')].join(delimiter))).toBe(join(dir, 'second', 'promtool'));
      expect(findOnPath('promtool', join(dir, 'first'))).toBeUndefined();
    } finally {
      cleanup();
    }
  });

  it('that crash are a failed check of the files they were given, not a bug in vigil', async () => {
    await withFakePromtool('kill -SEGV $$', async () => {
      const checks = await runToolChecks(new Map([['prometheus/rules/ns/svc.yaml', 'groups: []\n']]), 'out');
      expect(checks.diagnostics).toMatchObject([
        { code: 'promtool-check-rules', severity: 'error', location: { file: 'out/prometheus/rules/ns/svc.yaml' }, message: expect.stringMatching(/^promtool was stopped by SIGSEGV/) },
      ]);
    });
  });

  it('that hang are killed at the timeout, even when a process they started holds their output open', async () => {
    const { dir, cleanup } = tempDir('vigil-hanging-tool-');
    try {
      writeFileSync(join(dir, 'hangs'), '#!/bin/sh\nsleep 30\n');
      chmodSync(join(dir, 'hangs'), 0o755);
      const run = await runToolInBackground(join(dir, 'hangs'), [], { timeoutMs: 300 });
      expect(run).toMatchObject({ stopped: 'did not finish within 0.3 s and was killed' });
    } finally {
      cleanup();
    }
  });

  it('run promtool side by side, each run told its share of the cores', async () => {
    // A promtool that rejects every file, saying what it was given.
    await withFakePromtool('shift 2\nfor f in "$@"; do echo "$f: GOMAXPROCS=$GOMAXPROCS GOGC=$GOGC" >&2; done\nexit 1', async () => {
      const rendered = new Map(Array.from({ length: 600 }, (_, i) => [`prometheus/rules/ns/svc-${i}.yaml`, 'groups: []\n'] as const));
      const checks = await runToolChecks(rendered, 'out');
      const runsAtOnce = Math.min(availableParallelism(), 3);
      const told = new Set(checks.diagnostics.map((d) => d.message.match(/GOMAXPROCS=\S* GOGC=\S*/)?.[0]));
      expect(checks.diagnostics).toHaveLength(600);
      expect([...told]).toEqual([`GOMAXPROCS=${Math.floor(availableParallelism() / runsAtOnce)} GOGC=400`]);
    });
  });
});

/** Runs `body` with a promtool of this shell script first on PATH. */
async function withFakePromtool(script: string, body: () => Promise<void>): Promise<void> {
  const { dir, cleanup } = tempDir('vigil-fake-promtool-');
  const savedPath = process.env.PATH;
  try {
    writeFileSync(join(dir, 'promtool'), `#!/bin/sh\n${script}\n`);
    chmodSync(join(dir, 'promtool'), 0o755);
    process.env.PATH = `${dir}${delimiter}${savedPath}`;
    await body();
  } finally {
    process.env.PATH = savedPath;
    cleanup();
  }
}

describeWithTool('promtool', 'promtool on the rule files', () => {
  const ruleFile = (i: number, expr: string) =>
    [`prometheus/rules/ns/svc-${String(i).padStart(3, '0')}.yaml`, `groups:\n- name: svc-${i}\n  rules:\n  - record: job:up:sum\n    expr: ${expr}\n`] as const;

  it('checks every file, in several runs side by side, and names exactly the files promtool rejects', async () => {
    // More files than one run takes; two broken ones, in different runs.
    const rendered = new Map(Array.from({ length: 600 }, (_, i) => ruleFile(i, i === 10 || i === 580 ? 'sum(up' : 'sum(up)')));
    const checks = await runToolChecks(rendered, 'out');
    expect(checks.ran).toEqual(['promtool check rules (600 files)']);
    expect(checks.diagnostics.map((d) => [d.code, d.location.file])).toEqual([
      ['promtool-check-rules', 'out/prometheus/rules/ns/svc-010.yaml'],
      ['promtool-check-rules', 'out/prometheus/rules/ns/svc-580.yaml'],
    ]);
    // Only the file's own errors, not the run's report of every file.
    expect(checks.diagnostics[0]!.message).toMatch(/svc-010\.yaml: 5:\d+: group "svc-10", rule 1, "job:up:sum": could not parse expression/);
    expect(checks.diagnostics[0]!.message).not.toMatch(/svc-011|Checking/);
  });

  it('passes files promtool accepts', async () => {
    const checks = await runToolChecks(new Map(Array.from({ length: 300 }, (_, i) => ruleFile(i, 'sum(up)'))), 'out');
    expect(checks.diagnostics).toEqual([]);
  });
});

describeWithTool('promtool', 'vigil check (end to end)', () => {
  let work: { dir: string; cleanup: () => void };
  let project: string;

  beforeAll(() => {
    work = tempDir('vigil-check-');
    project = join(work.dir, 'dsrs');
    for (const entry of ['vigil.config.ts', 'alerts', 'dashboards', 'runbooks', 'out']) cpSync(join(repoRoot, entry), join(project, entry), { recursive: true });
    writeProject(project, {});
    // The example's custom dashboard imports the Grafana SDK: the copy sees this repository's dependencies.
    for (const dependency of readdirSync(join(repoRoot, 'node_modules'))) {
      if (dependency !== '.bin') symlinkSync(join(repoRoot, 'node_modules', dependency), join(project, 'node_modules', dependency), 'dir');
    }
  });
  afterAll(() => work?.cleanup());

  it('passes the example system, having run promtool, amtool and the CRD schemas', () => {
    const run = vigil(['check', '--format', 'json'], project);
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Report;
    expect(report.ok).toBe(true);
    expect(report.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const steps = report.checked.join('\n');
    expect(steps).toMatch(/ran promtool check rules/);
    expect(steps).toMatch(/ran amtool check-config/);
    expect(steps).toMatch(/CRD schemas/);
  });

  it('fails on a stale and a missing generated file, naming each, and writes nothing', () => {
    const rules = join(project, 'out/prometheus/rules/dsrs/payment.yaml');
    const original = readFileSync(rules, 'utf8');
    const runbook = join(project, 'out/runbooks/KafkaConsumerLagHigh.md');
    const runbookText = readFileSync(runbook, 'utf8');
    try {
      writeFileSync(rules, original.replace('for: 5m', 'for: 6m'));
      rmSync(runbook);
      const run = vigil(['check', '--format', 'json'], project);
      expect(run.status).toBe(1);
      const stale = (JSON.parse(run.stdout) as Report).diagnostics.filter((d) => d.code === 'stale-output').map((d) => d.location.file);
      expect(stale).toEqual(expect.arrayContaining(['out/prometheus/rules/dsrs/payment.yaml', 'out/runbooks/KafkaConsumerLagHigh.md']));
      expect(readFileSync(rules, 'utf8')).not.toBe(original);

      const human = vigil(['check'], project);
      expect(human.status).toBe(1);
      expect(human.stderr).toMatch(/out\/runbooks\/KafkaConsumerLagHigh\.md: error stale-output: .* is missing/);
      expect(human.stdout).toMatch(/^check failed: /m);
    } finally {
      writeFileSync(rules, original);
      writeFileSync(runbook, runbookText);
    }
  });

  it('annotates a definition error on its file and line in the github format, exit 1', () => {
    const file = join(project, 'alerts/payment.ts');
    const original = readFileSync(file, 'utf8');
    try {
      const broken = `${original}import { alert } from 'vigil';\nalert({ name: 'Broken', service: payment, severity: 'warning', expr: 'rate(x_total[5m] > 1', for: '5m', summary: 's', description: 'd' });\n`;
      writeFileSync(file, broken);
      const run = vigil(['check', '--format', 'github'], project);
      expect(run.status).toBe(1);
      const lines = broken.split('\n').findIndex((l) => l.includes("'Broken'")) + 1;
      expect(run.stdout).toMatch(new RegExp(`^::error file=alerts/payment\\.ts,line=${lines},col=\\d+,title=promql-syntax::`, 'm'));

      // Run from the repository root of a project in a folder: every file is named from there.
      const fromAbove = vigil(['check', '--format', 'github', '--config', 'dsrs/vigil.config.ts'], work.dir);
      expect(fromAbove.status).toBe(1);
      expect(fromAbove.stdout).toMatch(new RegExp(`^::error file=dsrs/alerts/payment\\.ts,line=${lines},col=\\d+,title=promql-syntax::`, 'm'));
      expect(fromAbove.stdout).not.toMatch(/file=alerts\//);
    } finally {
      writeFileSync(file, original);
    }
  });

  it('says in the github format that a tool was skipped, since nothing else in the run would', () => {
    const run = vigil(['check', '--format', 'github'], project, { PATH: work.dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^::warning title=promtool skipped::promtool is not on PATH/m);
    expect(run.stdout).toMatch(/^::warning title=amtool skipped::amtool is not on PATH/m);
    expect(run.stderr).toMatch(/skipped promtool: not on PATH/);
  });

  it('refuses an unknown format with the usage exit code', () => {
    const run = vigil(['check', '--format', 'xml'], project);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/unknown format `xml`/);
  });
});
