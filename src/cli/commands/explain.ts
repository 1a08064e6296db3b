import type { SloIR } from '../../ir.ts';
import { explainSlo } from '../../slo/explain.ts';
import { configOption, type CommandRegistration } from '../command.ts';
import { ExitCode, type Output } from '../io.ts';
import { compileProject, type ProjectOptions } from '../pipeline.ts';

export const registerExplain: CommandRegistration = (program, { cwd, output, setExitCode }) => {
  program
    .command('explain')
    .description('show an SLO\'s alert tiers and how long each takes to fire at typical error ratios')
    .argument('<slo>', 'the SLO: `name` when unique, `service/name`, or `namespace/service/name`')
    .addOption(configOption())
    .action(async (slo: string, options: ProjectOptions) => setExitCode(await explainCommand(slo, options, cwd, output)));
};

export async function explainCommand(query: string, options: ProjectOptions, cwd: string, output: Output): Promise<number> {
  const compiled = await compileProject(options, cwd, output);
  if (!compiled) return ExitCode.failed;
  const { slos, services } = compiled.result.ir;
  const matches = slos.filter((slo) => matchesQuery(slo, query));
  if (matches.length !== 1) {
    const known = slos.map((s) => `  ${s.id}`).join('\n');
    output.err(
      matches.length === 0
        ? `error unknown-slo: no SLO matches \`${query}\`; the SLOs are:\n${known || '  (none)'}`
        : `error unknown-slo: \`${query}\` matches several SLOs; name one:\n${matches.map((s) => `  ${s.id}`).join('\n')}`,
    );
    return ExitCode.failed;
  }
  const slo = matches[0]!;
  output.out(explainSlo(slo, services.find((s) => s.id === slo.serviceId)!));
  return ExitCode.ok;
}

function matchesQuery(slo: SloIR, query: string): boolean {
  return slo.id === query || slo.id.endsWith(`/${query}`);
}
