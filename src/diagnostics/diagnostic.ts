import { compareStrings } from '../util/compare.ts';

/** Where a problem is: the definition's file and line, and the path to the offending field. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
}

export interface DiagnosticLocation extends SourceLocation {
  /** What inside the definition is wrong, e.g. `alert "HTTPErrorRateHigh" > expr`. */
  readonly path?: string;
}

/** A span inside a PromQL expression (or any one-line snippet) to underline with a caret. */
export interface Excerpt {
  readonly text: string;
  readonly from: number;
  readonly to: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  readonly code: string;
  readonly severity: DiagnosticSeverity;
  readonly message: string;
  readonly location: DiagnosticLocation;
  readonly hint?: string;
  readonly excerpt?: Excerpt;
}

const severityRank: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2 };

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Sorted by file, line, severity, code and message, so output never depends on rule order; each
 * problem once, though found more than once (a shared module that does not compile fails the
 * import of every module that imports it, with the same diagnostic).
 */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return distinct(diagnostics).sort(
    (a, b) =>
      compareStrings(a.location.file, b.location.file) ||
      (a.location.line ?? 0) - (b.location.line ?? 0) ||
      severityRank[a.severity] - severityRank[b.severity] ||
      compareStrings(a.code, b.code) ||
      compareStrings(a.location.path ?? '', b.location.path ?? '') ||
      compareStrings(a.message, b.message),
  );
}

function distinct(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const { file, line, column, path } = d.location;
    const key = JSON.stringify([d.severity, d.code, d.message, file, line, column, path, d.excerpt?.from, d.excerpt?.to]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Raised for a user's mistake found outside compile() (loading, writing); mapped to a diagnostic by the CLI. */
export class DiagnosticError extends Error {
  constructor(readonly diagnostics: readonly Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
    this.name = 'DiagnosticError';
  }
}

type DiagnosticExtras = Partial<Pick<Diagnostic, 'hint' | 'excerpt'>> & { readonly path?: string };

export function errorAt(code: string, location: SourceLocation, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  return makeDiagnostic('error', code, location, message, extras);
}

export function warningAt(code: string, location: SourceLocation, message: string, extras: DiagnosticExtras = {}): Diagnostic {
  return makeDiagnostic('warning', code, location, message, extras);
}

export function makeDiagnostic(
  severity: DiagnosticSeverity,
  code: string,
  location: SourceLocation,
  message: string,
  { path, hint, excerpt }: DiagnosticExtras = {},
): Diagnostic {
  return {
    code,
    severity,
    message,
    location: path === undefined ? location : { ...location, path },
    ...(hint === undefined ? {} : { hint }),
    ...(excerpt === undefined ? {} : { excerpt }),
  };
}

/** `file:line`, or `file` when the line is unknown. */
export function formatLocation(location: SourceLocation): string {
  return location.line === undefined ? location.file : `${location.file}:${location.line}`;
}
