import type { ProjectIR } from '../ir.ts';
import { runbookUrl } from '../naming.ts';

/** Dashboard links to the runbook of each alert a dashboard shows, by alert name. */
export function runbookLinks(ir: ProjectIR, alertNames: readonly string[]): { title: string; url: string }[] {
  return [...new Set(alertNames)].sort().map((name) => ({ title: `Runbook: ${name}`, url: runbookUrl(ir.config.runbooks.baseUrl, name) }));
}
