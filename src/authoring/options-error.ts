import type { SourceLocation } from '../diagnostics/diagnostic.ts';

/** Checked by this mark, not `instanceof`: definitions may load vigil under another loader. */
const OPTIONS_ERROR: unique symbol = Symbol.for('vigil.options-error');
/** Where the outermost template that threw it was called. */
const CALLED_AT = Symbol.for('vigil.options-error-called-at');

/**
 * Thrown by a template (built in or a user's own) given options it cannot work with, such as a
 * consumer group with no topics. The loader reports it as an `invalid-options` error in the
 * template's own words, at the line that called the outermost `template(...)` it went through
 * (else at the project's first line on the stack), instead of as a module that crashed.
 */
export class OptionsError extends Error {
  readonly [OPTIONS_ERROR] = true;

  constructor(message: string) {
    super(message);
    this.name = 'OptionsError';
  }
}

export function isOptionsError(error: unknown): error is OptionsError {
  return typeof error === 'object' && error !== null && OPTIONS_ERROR in error;
}

/** Marks an options error with the line that called the template it came out of. */
export function placeOptionsError(error: OptionsError, location: SourceLocation): void {
  Object.defineProperty(error, CALLED_AT, { value: location, configurable: true });
}

/** The line that called the template an options error came out of, when it went through one. */
export function optionsErrorCalledAt(error: OptionsError): SourceLocation | undefined {
  return (error as { [CALLED_AT]?: SourceLocation })[CALLED_AT];
}
