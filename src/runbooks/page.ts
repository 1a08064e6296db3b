import type { RunbookSectionKey } from '../ir.ts';
import { paths } from '../naming.ts';
import { listedNames, spelledOut, type RunbookContext } from './context.ts';
import { definitionPart, queriesPart, relatedAlertsPart, routingPart, type RunbookPart } from './facts.ts';
import { code, heading } from './markdown.ts';
import { hasVisibleText, standardSections } from './parse-markdown.ts';

/**
 * The facts vigil adds to each section, after the section's text. A person's text never
 * replaces these, and these never replace a person's text.
 */
const sectionParts: Record<RunbookSectionKey, readonly RunbookPart[]> = {
  meaning: [definitionPart],
  impact: [routingPart],
  diagnosis: [queriesPart, relatedAlertsPart],
  mitigation: [],
};

/** A section's text when no person wrote it. */
const fallbackText: Record<RunbookSectionKey, (context: RunbookContext) => string | undefined> = {
  meaning: (context) => {
    const { shown, rest } = spelledOut(context);
    const descriptions = [...new Set(shown.map((i) => withoutTemplating(i.alert.annotations.description ?? '')))].filter((d) => d !== '');
    return [...descriptions, ...(rest && descriptions.length > 0 ? ['Each alert also carries its own description.'] : [])].join('\n\n');
  },
  impact: (context) => [...new Set(context.instances.map((i) => severityImpact[i.alert.severity]))].join('\n\n'),
  diagnosis: () => undefined,
  mitigation: (context) => {
    const file = `${context.ir.config.runbooks.dir.replace(/\/+$/, '')}/${paths.runbook(context.alertName).slice('runbooks/'.length)}`;
    return `No mitigation has been written for this alert. Write the steps under \`## Mitigation\` in ${code(file)}: vigil puts them here.`;
  },
};

/**
 * An annotation as a page reads it: Alertmanager fills `{{ $labels.topic }}` per alert, a
 * runbook cannot, so it names the label instead.
 */
function withoutTemplating(annotation: string): string {
  return annotation
    .replace(/\{\{-?\s*\$labels\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}/g, (_, label: string) => code(`<${label}>`))
    .replace(/\{\{-?[^}]*\$value[^}]*-?\}\}/g, 'the measured value');
}

const severityImpact: Record<string, string> = {
  critical: 'Severity `critical`: it pages the on-call. Users or data are affected now.',
  warning: 'Severity `warning`: no page. Something degrades and needs attention during working hours, before it turns critical.',
  info: 'Severity `info`: context for other alerts; it is not sent to a person.',
};

/**
 * A runbook page: Meaning, Impact, Diagnosis and Mitigation. In each, the text a person wrote
 * in the runbooks folder wins over vigil's fallback text; vigil's facts follow it. Sections
 * a person added beyond the four come last, as written.
 */
export function runbookPage(context: RunbookContext): string {
  const { written } = context;
  const services = [...new Set(context.instances.map((i) => i.service.name))].sort();
  const blocks = [
    `# ${context.alertName}`,
    `${code(context.alertName)} is defined for ${services.length === 1 ? 'service' : `${services.length} services:`} ${listedNames(services)}.`,
  ];
  if (written?.intro) blocks.push(written.intro);
  for (const { key, title } of standardSections) {
    const own = written?.sections.find((s) => s.key === key)?.body ?? '';
    const text = hasVisibleText(own) ? own : [fallbackText[key](context), own].filter((t) => t).join('\n\n');
    const facts = sectionParts[key].map((part) => part(context)).filter((block): block is string => block !== undefined);
    blocks.push(heading(2, title), ...(text ? [text] : []), ...facts);
  }
  for (const extra of written?.sections.filter((s) => s.key === undefined) ?? []) {
    blocks.push(heading(2, extra.title), ...(extra.body ? [extra.body] : []));
  }
  return `${blocks.join('\n\n')}\n`;
}
