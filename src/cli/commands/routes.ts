import { type Command, Option } from 'commander';
import type { AlertRuleIR, Labels, ProjectIR, RoutingIR } from '../../ir.ts';
import { labelKeys, reservedAlertLabels } from '../../naming.ts';
import { alertLabelSet, matchRoutes, receiverNames, routeAlert, routingTree } from '../../routing/evaluate.ts';
import { formatTree } from '../../routing/format-tree.ts';
import { allAlerts } from '../../validate/rule.ts';
import { configOption, type CommandRegistration } from '../command.ts';
import { ExitCode, type Output } from '../io.ts';
import { compileProject, type ProjectOptions } from '../pipeline.ts';

export const registerRoutes: CommandRegistration = (program, { cwd, output, setExitCode }) => {
  const routes = program
    .command('routes')
    .description("print the Alertmanager route tree and where every alert goes (vigil's own route evaluation)")
    .addOption(configOption())
    .action(async (options: ProjectOptions) => setExitCode(await routesCommand(options, cwd, output)));
  routes
    .command('test')
    .description('print the receivers an alert with these labels reaches, as `amtool config routes test` does')
    .argument('<labels...>', 'labels as name=value (severity=critical team=payments)')
    .addOption(configOption())
    .option('--tree', 'also print the routes that matched')
    .addOption(new Option('--verify-receivers <names>', 'exit 1 unless the receivers are exactly these (comma separated)'))
    // `routes` takes --config too, and commander gives it to `routes` wherever it is written.
    .action(async (labels: string[], _options, command: Command) =>
      setExitCode(await routesTestCommand(labels, command.optsWithGlobals<RoutesTestOptions>(), cwd, output)),
    );
};

interface RoutesTestOptions extends ProjectOptions {
  readonly tree?: boolean;
  readonly verifyReceivers?: string;
}

async function loadRouting(options: ProjectOptions, cwd: string, output: Output): Promise<{ ir: ProjectIR; routing: RoutingIR } | undefined> {
  const compiled = await compileProject(options, cwd, output);
  if (!compiled) return undefined;
  const { ir } = compiled.result;
  if (!ir.routing) {
    output.err('the project has no routing: define one with routing(...) or teamRouting(...)');
    return undefined;
  }
  return { ir, routing: ir.routing };
}

export async function routesCommand(options: ProjectOptions, cwd: string, output: Output): Promise<number> {
  const loaded = await loadRouting(options, cwd, output);
  if (!loaded) return ExitCode.failed;
  const tree = routingTree(loaded.routing);
  output.out('Routing tree:');
  for (const line of formatTree(tree)) output.out(line);
  output.out('');
  output.out('Alerts:');
  const rows = allAlerts(loaded.ir)
    .map((alert) => alertRow(alert, tree))
    .sort((a, b) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1));
  const padded = [0, 1, 2, 3];
  const widths = padded.map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) output.out(row.map((cell, i) => (i < padded.length ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd());
  const unknown = [...new Set(allAlerts(loaded.ir).flatMap((a) => routeAlert(tree, alertLabelSet(a)).unknownLabels))].sort();
  output.out('');
  output.out(
    unknown.length === 0
      ? "Alerts are routed by the labels their rules set; labels an expression's result adds are not known before it runs."
      : `Alerts are routed by the labels their rules set. Routes also match on ${unknown.join(', ')}, which alerts get only from their expression's result: vigil counted them as empty.`,
  );
  return ExitCode.ok;
}

function alertRow(alert: AlertRuleIR, tree: ReturnType<typeof routingTree>): string[] {
  const receivers = [...new Set(receiverNames(matchRoutes(tree, alertLabelSet(alert))))];
  // The labels that tell apart one alert's instances on a service: `slo`, `dlq_topic`, a template's own.
  const distinguishing = Object.entries(alert.labels).filter(([key]) => !reservedAlertLabels.includes(key));
  return [alert.name, alert.serviceId, alert.labels[labelKeys.severity]!, distinguishing.map(([key, value]) => `${key}=${value}`).join(','), receivers.join(', ')];
}

export async function routesTestCommand(args: readonly string[], options: RoutesTestOptions, cwd: string, output: Output): Promise<number> {
  const labels = parseLabels(args);
  if (typeof labels === 'string') {
    output.err(`error: ${labels}`);
    return ExitCode.usage;
  }
  const loaded = await loadRouting(options, cwd, output);
  if (!loaded) return ExitCode.failed;
  const tree = routingTree(loaded.routing);
  const matched = matchRoutes(tree, labels);
  const receivers = receiverNames(matched).join(',');
  if (options.tree) {
    output.out('Matching routes:');
    for (const line of formatTree(tree, matched)) output.out(line);
    output.out('');
  }
  output.out(receivers);
  if (options.verifyReceivers !== undefined && options.verifyReceivers !== receivers) {
    output.err(`WARNING: Expected receivers did not match resolved receivers (expected ${options.verifyReceivers}).`);
    return ExitCode.failed;
  }
  return ExitCode.ok;
}

/**
 * `name=value` arguments → labels, or what is wrong, read as `amtool config routes test` reads
 * them (Alertmanager's ParseMatcher): the value may be quoted, `\"`, `\\` and `\n` are escapes
 * whether it is or not, and an unescaped double quote inside it, or an operator other than `=`,
 * is an error.
 */
export function parseLabels(args: readonly string[]): Labels | string {
  const labels: Record<string, string> = {};
  for (const arg of args) {
    // Go's \s, not JavaScript's, which would also trim Unicode spaces.
    const match = /^[\t\n\f\r ]*([a-zA-Z_:][a-zA-Z0-9_:]*)[\t\n\f\r ]*(=~|=|!=|!~)[\t\n\f\r ]*([\s\S]*?)[\t\n\f\r ]*$/.exec(arg);
    if (!match || match[2] !== '=') return `\`${arg}\` is not a label: write name=value, e.g. severity=critical`;
    const value = unescapedValue(match[3]!);
    if (value === undefined) return `\`${arg}\` has an unescaped double quote in its value: quote the whole value, and write \\" for a quote inside it`;
    labels[match[1]!] = value;
  }
  return labels;
}

function unescapedValue(raw: string): string | undefined {
  const quoted = raw.startsWith('"');
  const text = quoted ? raw.slice(1) : raw;
  let value = '';
  let closed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i < text.length - 1) {
      const escaped = text[++i]!;
      value += escaped === 'n' ? '\n' : escaped === '"' || escaped === '\\' ? escaped : `\\${escaped}`;
    } else if (c === '"') {
      if (!quoted || i < text.length - 1) return undefined;
      closed = true;
    } else {
      value += c;
    }
  }
  return quoted && !closed ? undefined : value;
}
