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
 * Splits a runbook a person wrote into its `## ` sections. The `# Title` line is dropped (vigil
 * writes its own); text before the first section is the intro. Lines inside fenced code blocks
 * never start a section, so a `## ` comment in a shell snippet stays in its section. Windows
 * line endings and a leading byte order mark read as if they were not there.
 */
export function parseRunbookMarkdown(text: string): { intro: string; sections: Sections } {
  const lines = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').split('\n');
  const sections: { title: string; key?: RunbookSectionKey; body: string[]; line: number }[] = [];
  const intro: string[] = [];
  const seen = new Set<RunbookSectionKey>();
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
    const heading = /^ {0,3}(#{1,2})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading?.[1] === '#' && !current && !titleSkipped && intro.every((l) => l.trim() === '')) {
      titleSkipped = true;
      return;
    }
    if (heading?.[1] === '##') {
      const title = (heading[2] ?? '').trim();
      const key = sectionKeys.get(title.toLowerCase());
      const isFirst = key !== undefined && !seen.has(key);
      if (isFirst) seen.add(key);
      sections.push({ title, ...(isFirst ? { key } : {}), body: [], line: index + 1 });
      return;
    }
    target.push(line);
  });
  return {
    intro: trimBlankLines(intro),
    sections: sections.map(({ body, ...rest }) => ({ ...rest, body: trimBlankLines(body) })),
  };
}

function trimBlankLines(lines: readonly string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}
