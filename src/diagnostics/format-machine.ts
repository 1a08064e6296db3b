import type { Diagnostic } from './diagnostic.ts';

/** One JSON document: every diagnostic with its code, severity, location, hint and excerpt. */
export function formatJson(diagnostics: readonly Diagnostic[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ ...extra, diagnostics }, null, 2);
}

/**
 * GitHub Actions workflow commands: each diagnostic annotates its file and line in the pull
 * request (`::error file=alerts/x.ts,line=12,title=promql-syntax::message`).
 */
export function formatGithub(diagnostic: Diagnostic): string {
  const command = diagnostic.severity === 'error' ? 'error' : diagnostic.severity === 'warning' ? 'warning' : 'notice';
  const properties = [`file=${escapeProperty(diagnostic.location.file)}`];
  if (diagnostic.location.line !== undefined) properties.push(`line=${diagnostic.location.line}`);
  if (diagnostic.location.column !== undefined) properties.push(`col=${diagnostic.location.column}`);
  properties.push(`title=${escapeProperty(diagnostic.code)}`);
  const message = [diagnostic.message, diagnostic.location.path ? `at ${diagnostic.location.path}` : '', diagnostic.hint ? `hint: ${diagnostic.hint}` : '']
    .filter((s) => s !== '')
    .join('\n');
  return `::${command} ${properties.join(',')}::${escapeData(message)}`;
}

/** A GitHub Actions warning about the run rather than a file, shown in the run's summary. */
export function formatGithubWarning(title: string, message: string): string {
  return `::warning title=${escapeProperty(title)}::${escapeData(message)}`;
}


// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
