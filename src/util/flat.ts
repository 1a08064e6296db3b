/**
 * A string built by concatenation is a tree of pieces until something reads it whole. Kept for
 * the rest of a build (an expression, a title in the IR), each piece is one more object for the
 * garbage collector to copy and mark: half the objects alive after normalizing a large
 * organisation. Reading a character makes V8 join the pieces into one string, in place; the
 * collector then drops the tree. The copy this costs is made once the string is parsed or
 * written anyway.
 */

/** Where each read character goes, so the compiler cannot drop the read as unused. */
let lastRead = 0;

/** `text`, its pieces joined. */
export function flat(text: string): string {
  lastRead ^= text.charCodeAt(0);
  return text;
}

/**
 * Joins the pieces of every string in `value`, through arrays and objects down to `depth`
 * levels (by default, deeper than any dashboard: a panel's field overrides sit about eight levels
 * down). Frozen objects (definitions already made) are not entered, nor an object inside itself.
 */
export function flattenStrings(value: unknown, depth = 32): void {
  flattenWithin(value, depth, []);
}

function flattenWithin(value: unknown, depth: number, enclosing: object[]): void {
  if (typeof value === 'string') {
    flat(value);
    return;
  }
  if (depth <= 0 || typeof value !== 'object' || value === null || Object.isFrozen(value) || enclosing.includes(value)) return;
  enclosing.push(value);
  if (Array.isArray(value)) {
    for (const item of value) flattenWithin(item, depth - 1, enclosing);
  } else {
    for (const key in value) flattenWithin((value as Record<string, unknown>)[key], depth - 1, enclosing);
  }
  enclosing.pop();
}
