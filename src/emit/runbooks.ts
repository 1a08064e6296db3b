import type { BundleFile } from '../bundle.ts';
import type { ProjectIR } from '../ir.ts';
import { paths } from '../naming.ts';
import { runbookContexts } from '../runbooks/context.ts';
import { runbookPage } from '../runbooks/page.ts';

/**
 * One page per alert name (every `runbook_url` resolves to one), merging what vigil knows
 * with the runbook a person wrote for it.
 */
export function emitRunbooks(ir: ProjectIR): Map<string, BundleFile> {
  const files = new Map<string, BundleFile>();
  for (const context of runbookContexts(ir)) {
    files.set(paths.runbook(context.alertName), { format: 'markdown', value: runbookPage(context) });
  }
  return files;
}
