import { warningAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { WrittenRunbookIR } from '../ir.ts';
import { runbookAlertName } from '../naming.ts';
import { parseRunbookMarkdown, type StrayHeading } from '../runbooks/parse-markdown.ts';
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
    const { strayHeadings, ...parsed } = parseRunbookMarkdown(source.text);
    for (const stray of strayHeadings) diagnostics.push(strayHeadingWarning(source.file, stray));
    runbooks.push({ alertName, file: source.file, ...parsed });
  }
  return runbooks.sort((a, b) => compareStrings(a.alertName, b.alertName));
}

function strayHeadingWarning(file: string, stray: StrayHeading): Diagnostic {
  const section = `## ${stray.title}`;
  if (stray.repeats !== undefined) {
    return warningAt('invalid-runbook', { file, line: stray.line }, `\`${stray.heading}\` repeats the section of line ${stray.repeats}: its text follows the page's four sections, under a second heading`, {
      hint: `move its text under the first \`${section}\``,
    });
  }
  return warningAt('invalid-runbook', { file, line: stray.line }, `\`${stray.heading}\` is not a \`## \` heading: its text is not the page's ${stray.title} section`, {
    hint: `write it as \`${section}\``,
  });
}
