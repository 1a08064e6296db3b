import { relative } from 'node:path';
import type { Bundle, RenderedBundle } from '../../bundle.ts';
import { runToolChecks } from '../../check/external-tools.ts';
import { compile } from '../../compile.ts';
import { errorAt, hasErrors, sortDiagnostics, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { formatHuman, summarize } from '../../diagnostics/format-human.ts';
import { formatGithub, formatGithubWarning, formatJson } from '../../diagnostics/format-machine.ts';
import { loadProject } from '../../load/load-project.ts';
import { renderBundle } from '../../render/render.ts';
import { validationRules } from '../../validate/index.ts';
import { isLintRule } from '../../validate/rule.ts';
import { crlfHint, diffBundle } from '../../write/check-bundle.ts';
import { configOption, type CommandRegistration } from '../command.ts';
import { ExitCode, type Output } from '../io.ts';
import { outDirOf, type ProjectOptions } from '../pipeline.ts';
import { fromWorkingDirectory } from '../shown-paths.ts';
import { withStdoutOnStderr } from '../stdout-to-stderr.ts';

const formats = ['human', 'json', 'github'] as const;
type Format = (typeof formats)[number];

export const registerCheck: CommandRegistration = (program, { cwd, output, setExitCode }) => {
  program
    .command('check')
    .description('the CI gate: compile without writing, lint, validate against the CRD schemas, run promtool and amtool, and fail when out/ is stale')
    .addOption(configOption())
    .option('-o, --out <dir>', "output directory to compare (default: the config's `out`, else out/)")
    .option('-f, --format <format>', `how to report: ${formats.join(', ')}`, 'human')
    .action(async (options: CheckOptions) => setExitCode(await checkCommand(options, cwd, output)));
};

export interface CheckOptions extends ProjectOptions {
  readonly format?: string;
}

/** What was checked, for the report. */
interface Checked {
  readonly steps: string[];
  /** Tools that were not on PATH, so did not check anything. */
  readonly skipped: string[];
}

export async function checkCommand(options: CheckOptions, cwd: string, output: Output): Promise<number> {
  const format = (options.format ?? 'human') as Format;
  if (!formats.includes(format)) {
    output.err(`error: unknown format \`${options.format}\`: use ${formats.join(', ')}`);
    return ExitCode.usage;
  }
  const checked: Checked = { steps: [], skipped: [] };
  const diagnostics = await collect(options, cwd, checked);
  const sorted = sortDiagnostics(diagnostics);
  print(format, sorted, checked, output);
  return hasErrors(sorted) ? ExitCode.failed : ExitCode.ok;
}

async function collect(options: CheckOptions, cwd: string, checked: Checked): Promise<Diagnostic[]> {
  const project = await withStdoutOnStderr(() => loadProject({ cwd, ...(options.config ? { config: options.config } : {}) }));
  if (hasErrors(project.diagnostics)) return fromWorkingDirectory(project.diagnostics, project.root, cwd);
  const result = compile({ definitions: project.definitions, runbooks: project.runbooks, ...(project.config ? { config: project.config } : {}) });
  // The diagnostics found below name out/ from the working directory already.
  const diagnostics = fromWorkingDirectory([...project.diagnostics, ...result.diagnostics], project.root, cwd);
  checked.steps.push(`compiled ${project.definitions.length} definitions; ${validationRules.filter(isLintRule).length} lint rules and ${validationRules.filter((r) => !isLintRule(r)).length} other checks`);
  if (hasErrors(diagnostics)) return diagnostics;

  const outDir = outDirOf(options, cwd, project, result);
  const shownOut = relative(cwd, outDir) || '.';
  const rendered = renderBundle(result.bundle);
  // The tools run in child processes while the schemas and out/ are checked here.
  const [tools, { schemaProblems, crdSchemaSource, difference }] = await Promise.all([
    runToolChecks(rendered, shownOut),
    schemasAndOutDir(result.bundle, rendered, outDir, shownOut),
  ]);
  checked.steps.push(`validated the Prometheus Operator objects against their CRD schemas (${crdSchemaSource})`);
  checked.steps.push(...tools.ran.map((r) => `ran ${r}`), ...tools.missing.map((t) => `skipped ${t}: not on PATH`));
  checked.skipped.push(...tools.missing);
  checked.steps.push(`compared ${shownOut}/ with the ${rendered.size} files the definitions compile to`);
  const crlf = new Set(difference.crlf);
  const stale = [
    ...difference.missing.map((p) => [p, 'missing'] as const),
    ...difference.stale.map((p) => [p, crlf.has(p) ? 'stale (CRLF line endings)' : 'stale'] as const),
    ...difference.extra.map((p) => [p, 'no longer generated'] as const),
  ].map(([path, state]) =>
    errorAt('stale-output', { file: `${shownOut}/${path}` }, `${shownOut}/${path} is ${state}: ${shownOut}/ is not what the definitions compile to`, {
      hint: crlf.has(path) ? crlfHint(shownOut) : 'run `vigil build` and commit the result',
    }),
  );
  return [...diagnostics, ...schemaProblems, ...tools.diagnostics, ...stale];
}

/** The bundle's Prometheus Operator objects against their CRD schemas, and out/ against the bundle. */
async function schemasAndOutDir(bundle: Bundle, rendered: RenderedBundle, outDir: string, shownOut: string) {
  // Loaded here, not at startup: the compiled CRD schemas take a fifth of a second to load,
  // which every other command would pay.
  const { checkCrdSchemas, crdSchemaSource } = await import('../../check/crd-schema.ts');
  const schemaProblems = checkCrdSchemas(bundle, shownOut);
  return { schemaProblems, crdSchemaSource, difference: await diffBundle(outDir, rendered) };
}

function print(format: Format, diagnostics: readonly Diagnostic[], checked: Checked, output: Output): void {
  switch (format) {
    case 'json':
      output.out(formatJson(diagnostics, { ok: !hasErrors(diagnostics), checked: checked.steps }));
      return;
    case 'github':
      for (const d of diagnostics) output.out(formatGithub(d));
      for (const tool of checked.skipped) output.out(formatGithubWarning(`${tool} skipped`, `${tool} is not on PATH: vigil check did not run it`));
      for (const step of checked.steps) output.err(`✓ ${step}`);
      output.err(summarize(diagnostics));
      return;
    case 'human':
      for (const d of diagnostics) output.err(formatHuman(d));
      for (const step of checked.steps) output.out(`✓ ${step}`);
      output.out(hasErrors(diagnostics) ? `check failed: ${summarize(diagnostics)}` : `check passed: ${summarize(diagnostics)}`);
  }
}
