import { formatLocation, type Diagnostic, type Excerpt } from './diagnostic.ts';

/**
 * `file:line: severity code: message`, then the offending line of the expression with a caret
 * under the problem, then the hint.
 */
export function formatHuman(diagnostic: Diagnostic): string {
  const lines = [`${formatLocation(diagnostic.location)}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`];
  if (diagnostic.location.path) lines.push(`    at ${diagnostic.location.path}`);
  if (diagnostic.excerpt) lines.push(...caretLines(diagnostic.excerpt).map((line) => `    ${line}`));
  if (diagnostic.hint) lines.push(`    hint: ${diagnostic.hint}`);
  return lines.join('\n');
}

/** The line of `excerpt.text` holding the problem, and a caret line under the span. */
export function caretLines(excerpt: Excerpt): [string, string] {
  const { text } = excerpt;
  const from = Math.min(Math.max(excerpt.from, 0), text.length);
  const lineStart = text.lastIndexOf('\n', from - 1) + 1;
  const lineEndIndex = text.indexOf('\n', from);
  const lineEnd = lineEndIndex === -1 ? text.length : lineEndIndex;
  const line = text.slice(lineStart, lineEnd);
  const column = from - lineStart;
  const width = Math.max(1, Math.min(excerpt.to, lineEnd) - from);
  return [line, `${' '.repeat(column)}${'^'.repeat(width)}`];
}

export function summarize(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
