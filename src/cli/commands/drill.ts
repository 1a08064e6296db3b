import { DrillError } from '../../drill/drill-error.ts';
import { formatDrillReport } from '../../drill/report.ts';
import { drillScenarios } from '../../drill/scenarios.ts';
import { configOption, type CommandRegistration } from '../command.ts';
import { ExitCode, type Output } from '../io.ts';
import { compileProject, type ProjectOptions } from '../pipeline.ts';

export const registerDrill: CommandRegistration = (program, { cwd, output, setExitCode }) => {
  program
    .command('drill')
    .description('run the bundle end to end: a real Prometheus scrapes a simulated system and a real Alertmanager delivers to a local sink')
    .addOption(configOption())
    .option('-s, --scenario <name...>', `scenarios to inject (default all): ${drillScenarios.map((s) => s.name).join(', ')}`)
    .option('--healthy <seconds>', 'seconds of healthy run before injecting', '40')
    .action(async (options: DrillOptions) => setExitCode(await drillCommand(options, cwd, output)));
};

interface DrillOptions extends ProjectOptions {
  readonly scenario?: string[];
  readonly healthy: string;
}

export async function drillCommand(options: DrillOptions, cwd: string, output: Output): Promise<number> {
  const healthySeconds = Number(options.healthy);
  if (!Number.isFinite(healthySeconds) || healthySeconds < 5) {
    output.err('error: --healthy takes a number of seconds, at least 5');
    return ExitCode.usage;
  }
  const compiled = await compileProject(options, cwd, output);
  if (!compiled) return ExitCode.failed;
  const interrupt = new AbortController();
  const stop = () => interrupt.abort();
  process.once('SIGINT', stop).once('SIGTERM', stop);
  try {
    // Loaded here, not at startup: the simulator and its metrics client are for this command alone.
    const { runDrill } = await import('../../drill/run-drill.ts');
    const report = await runDrill(compiled.result.ir, compiled.rendered, {
      ...(options.scenario ? { scenarios: options.scenario } : {}),
      healthySeconds,
      log: (line) => output.out(line),
      signal: interrupt.signal,
    });
    output.out(formatDrillReport(report));
    return report.ok ? ExitCode.ok : ExitCode.failed;
  } catch (error) {
    if (!(error instanceof DrillError)) throw error;
    output.err(`error drill: ${error.message}`);
    return ExitCode.failed;
  } finally {
    process.off('SIGINT', stop).off('SIGTERM', stop);
  }
}
