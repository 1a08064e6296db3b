/** Checked by this mark, not `instanceof`: definitions may load vigil under another loader. */
const OPTIONS_ERROR: unique symbol = Symbol.for('vigil.options-error');

/**
 * Thrown by a template (built in or a user's own) given options it cannot work with, such as a
 * consumer group with no topics. The loader reports it as an `invalid-options` error in the
 * template's own words, at the project's first line on the stack (the call of a built-in
 * template; the throw itself in a project's own), instead of as a module that crashed.
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
