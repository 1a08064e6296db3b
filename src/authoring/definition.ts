import type { SourceLocation } from '../diagnostics/diagnostic.ts';
import { flattenStrings } from '../util/flat.ts';
import { captureLocation } from './location.ts';

/**
 * Marks an object as a vigil definition. Symbol.for keeps the brand identical across module
 * instances (definitions may be loaded under a different loader than the CLI).
 */
export const DEFINITION_BRAND = Symbol.for('vigil.definition');

/** Definitions made while the loader is listening are recorded here: declaring is enough, no export needed. */
const COLLECTOR = Symbol.for('vigil.collector');

export interface DefinitionBase<Kind extends string> {
  readonly kind: Kind;
  readonly location: SourceLocation;
  readonly [DEFINITION_BRAND]: true;
}

export function isDefinition(value: unknown): value is DefinitionBase<string> {
  return typeof value === 'object' && value !== null && DEFINITION_BRAND in value;
}

/** Creates a frozen definition stamped with the caller's location and hands it to the collector. */
export function define<Kind extends string, Body extends object>(
  kind: Kind,
  body: Body,
): Readonly<Body> & DefinitionBase<Kind> {
  flattenStrings(body, 3);
  const definition = Object.freeze({
    ...body,
    kind,
    location: captureLocation(),
    [DEFINITION_BRAND]: true as const,
  });
  const collector = (globalThis as Record<symbol, unknown>)[COLLECTOR];
  if (Array.isArray(collector)) collector.push(definition);
  return definition;
}

/** Runs `body` and returns every definition it made (the loader wraps module imports in this). */
export async function collectDefinitions<T>(
  body: () => Promise<T>,
): Promise<{ result: T; definitions: DefinitionBase<string>[] }> {
  const global = globalThis as Record<symbol, unknown>;
  const previous = global[COLLECTOR];
  const definitions: DefinitionBase<string>[] = [];
  global[COLLECTOR] = definitions;
  try {
    const result = await body();
    return { result, definitions };
  } finally {
    global[COLLECTOR] = previous;
  }
}
