import type { RunbookSectionKey, WrittenRunbookIR } from '../ir.ts';

export const standardSections: readonly { readonly key: RunbookSectionKey; readonly title: string }[] = [
  { key: 'meaning', title: 'Meaning' },
  { key: 'impact', title: 'Impact' },
  { key: 'diagnosis', title: 'Diagnosis' },
  { key: 'mitigation', title: 'Mitigation' },
];

const sectionKeys = new Map(standardSections.map((s) => [s.title.toLowerCase(), s.key]));

type Sections = WrittenRunbookIR['sections'];

/**
 * A heading named like one of the four sections that does not start it: at another level than
 * `## `, or a second `## ` of the same name. Its text stays where it is, away from the section.
 */
export interface StrayHeading {
  readonly line: number;
  /** As written: `# Mitigation`. */
  readonly heading: string;
  readonly title: string;
  /** The line of the `## ` heading that starts the section, when this one repeats it. */
  readonly repeats?: number;
}

/**
 * Splits a runbook a person wrote into its `## ` sections. The `# Title` line is dropped (vigil
 * writes its own); text before the first section is the intro. Lines inside fenced code blocks
 * never start a section, so a `## ` comment in a shell snippet stays in its section. Windows
 * line endings and a leading byte order mark read as if they were not there.
 */
export function parseRunbookMarkdown(text: string): { intro: string; sections: Sections; strayHeadings: StrayHeading[] } {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const sections: { title: string; key?: RunbookSectionKey; body: string[]; line: number }[] = [];
  const intro: string[] = [];
  const seen = new Map<RunbookSectionKey, number>();
  const strayHeadings: StrayHeading[] = [];
  let fence: string | undefined;
  let titleSkipped = false;
  lines.forEach((line, index) => {
    const current = sections.at(-1);
    const target = current ? current.body : intro;
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence !== undefined) {
      if (fenceMatch && fenceMatch[1]![0] === fence[0] && fenceMatch[1]!.length >= fence.length && line.trim() === fenceMatch[1]) {
        fence = undefined;
      }
      target.push(line);
      return;
    }
    if (fenceMatch) {
      fence = fenceMatch[1];
      target.push(line);
      return;
    }
    const heading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading?.[1] === '#' && !current && !titleSkipped && intro.every((l) => l.trim() === '')) {
      titleSkipped = true;
      return;
    }
    const title = (heading?.[2] ?? '').trim();
    const key = sectionKeys.get(title.toLowerCase());
    if (heading?.[1] === '##') {
      const first = key === undefined ? undefined : seen.get(key);
      if (key !== undefined && first === undefined) seen.set(key, index + 1);
      if (first !== undefined) strayHeadings.push({ line: index + 1, heading: line.trim(), title, repeats: first });
      sections.push({ title, ...(key !== undefined && first === undefined ? { key } : {}), body: [], line: index + 1 });
      return;
    }
    if (heading && key !== undefined) strayHeadings.push({ line: index + 1, heading: line.trim(), title });
    target.push(line);
  });
  return {
    intro: trimBlankLines(intro),
    sections: sections.map(({ body, ...rest }) => ({ ...rest, body: trimBlankLines(body) })),
    strayHeadings,
  };
}

function trimBlankLines(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}

/**
 * Whether a section says anything a reader sees: a body of HTML comments alone (a template's
 * `<!-- TODO -->`) renders as nothing.
 */
export function hasVisibleText(body: string): boolean {
  return body.replace(/<!--[\s\S]*?-->/g, '').trim() !== '';
}
