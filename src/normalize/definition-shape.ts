import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Definition } from '../authoring/index.ts';
import { errorAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { definitionSchemas } from './definition-schemas.ts';

// NaN and infinite numbers pass here: the checks of objectives and thresholds say what is wrong with them.
const ajv = new Ajv({ allErrors: true, strict: true, strictNumbers: false, allowUnionTypes: true, discriminator: true, verbose: true });
ajv.addKeyword({
  keyword: 'service',
  schemaType: 'boolean',
  validate: (_: boolean, data: unknown) => typeof data === 'string' || (typeof data === 'object' && data !== null && (data as { kind?: unknown }).kind === 'service'),
});
const validators = new Map<string, ValidateFunction>(Object.entries(definitionSchemas).map(([kind, schema]) => [kind, ajv.compile(schema)]));

/**
 * A diagnostic for every field of a hand-written definition (service, alert, record, SLO,
 * routing) whose type is not the one its options declare, every required one missing, and every
 * key they do not declare.
 */
export function checkDefinitionShapes(definitions: readonly Definition[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const definition of definitions) {
    const validate = validators.get(definition.kind);
    if (!validate || validate(definition as unknown)) continue;
    const name = typeof (definition as { name?: unknown }).name === 'string' ? ` "${(definition as { name: string }).name}"` : '';
    for (const error of validate.errors ?? []) {
      const field = fieldOf(error);
      diagnostics.push(
        errorAt('invalid-definition', definition.location, `${definition.kind}${name}: ${describe(field, error)}`, {
          path: [`${definition.kind}${name}`, ...field].join(' > '),
          hint: `\`${definition.kind}()\` takes ${optionsType(definition.kind)}: its type lists every field`,
        }),
      );
    }
  }
  return diagnostics;
}

/** `alert` → `AlertOptions`: each kind checked is made by a function of its name taking that type. */
function optionsType(kind: string): string {
  return `${kind[0]!.toUpperCase()}${kind.slice(1)}Options`;
}

/** The field an error is about, as the path of keys from the definition. */
function fieldOf(error: ErrorObject): string[] {
  const path = error.instancePath.split('/').slice(1).map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  return path;
}

function describe(field: readonly string[], error: ErrorObject): string {
  const at = field.length === 0 ? 'the definition' : `\`${field.map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`)).join('')}\``;
  if (error.keyword === 'additionalProperties') return `${at} is not a field it has`;
  if (error.keyword === 'required') return `${at} is missing`;
  const expected = (error.parentSchema as { description?: string } | undefined)?.description;
  if (expected !== undefined) return `${at} must be ${expected}${error.keyword === 'discriminator' ? '' : `, not ${shown(error.data)}`}`;
  switch (error.keyword) {
    case 'type':
      return `${at} must be ${String(error.params.type).split(',').map(typeName).join(' or ')}, not ${shown(error.data)}`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

const typeNames: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null', undefined: 'undefined', function: 'a function' };

function typeName(type: unknown): string {
  return typeNames[String(type)] ?? String(type);
}

/** What was given instead, in words. */
function shown(value: unknown): string {
  if (value === null || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  const kind = typeof value === 'object' ? (value as { kind?: unknown }).kind : undefined;
  if (typeof kind === 'string') return `a definition of kind ${kind}`;
  return typeName(typeof value);
}
