import { warningAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { WrittenRunbookIR } from '../ir.ts';
import { runbookAlertName } from '../naming.ts';
import { parseRunbookMarkdown } from '../runbooks/parse-markdown.ts';
import { compareStrings } from '../util/compare.ts';

/** A runbook a person wrote, as the loader read it. */
export interface RunbookSource {
  /** Relative to the project root, `/`-separated: `runbooks/HTTPErrorRateHigh.md`. */
  readonly file: string;
  readonly text: string;
}

/** Written runbooks → their sections, keyed by the alert name their file is named after. */
export function normalizeRunbooks(sources: readonly RunbookSource[], diagnostics: Diagnostic[]): WrittenRunbookIR[] {
  const runbooks: WrittenRunbookIR[] = [];
  for (const source of sources) {
    const fileName = source.file.slice(source.file.lastIndexOf('/') + 1);
    const alertName = runbookAlertName(fileName);
    if (alertName === undefined) {
      diagnostics.push(
        warningAt('invalid-runbook', { file: source.file }, `\`${fileName}\` is not named after an alert`, {
          hint: 'name a runbook `<AlertName>.md`, e.g. `HTTPErrorRateHigh.md`',
        }),
      );
      continue;
    }
    runbooks.push({ alertName, file: source.file, ...parseRunbookMarkdown(source.text) });
  }
  return runbooks.sort((a, b) => compareStrings(a.alertName, b.alertName));
}
