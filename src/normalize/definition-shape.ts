import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Definition } from '../authoring/index.ts';
import { errorAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { definitionSchemas, serviceRef } from './definition-schemas.ts';

// NaN and infinite numbers pass here: the checks of objectives and thresholds say what is wrong with them.
const ajv = new Ajv({ allErrors: true, strict: true, strictNumbers: false, allowUnionTypes: true, discriminator: true, verbose: true });
/** The option type of each kind checked, as the hint names it. */
const optionTypes: Record<string, string> = { service: 'ServiceOptions', alert: 'AlertOptions', record: 'RecordOptions', slo: 'SloOptions' };
const validators = new Map<string, ValidateFunction>(Object.entries(definitionSchemas).map(([kind, schema]) => [kind, ajv.compile(schema)]));

/**
 * A diagnostic for every field of a hand-written definition (service, alert, record, SLO) whose
 * type is not the one its options declare, and every key they do not declare.
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
          hint: `\`${definition.kind}()\` takes ${optionTypes[definition.kind]}: its type lists every field`,
        }),
      );
    }
  }
  return diagnostics;
}

/** The field an error is about, as the path of keys from the definition. */
function fieldOf(error: ErrorObject): string[] {
  const path = error.instancePath.split('/').slice(1).map((key) => key.replaceAll('~1', '/').replaceAll('~0', '~'));
  if (error.keyword === 'additionalProperties') path.push(String(error.params.additionalProperty));
  if (error.keyword === 'required') path.push(String(error.params.missingProperty));
  // Another kind of definition given as a service fails on its `kind`: the field is the service.
  if (error.parentSchema === serviceRef.properties.kind) path.pop();
  return path;
}

function describe(field: readonly string[], error: ErrorObject): string {
  const at = field.length === 0 ? 'the definition' : `\`${field.map((key, i) => (/^\d+$/.test(key) ? `[${key}]` : i === 0 ? key : `.${key}`)).join('')}\``;
  if (error.parentSchema === serviceRef) return `${at} must be a service or its name, not ${typeName(typeOf(error.data))}`;
  if (error.parentSchema === serviceRef.properties.kind) return `${at} must be a service or its name, not a definition of another kind`;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${at} is not a field it has`;
    case 'required':
      return `${at} is missing`;
    case 'type':
      return `${at} must be ${String(error.params.type).split(',').map(typeName).join(' or ')}, not ${typeName(typeOf(error.data))}`;
    case 'not':
      return `${at} must be options or false, not true`;
    case 'discriminator':
      return `${at} must be made by errorRatio(), latency() or rawRatio()`;
    default:
      return `${at} ${error.message ?? 'is invalid'}`;
  }
}

const typeNames: Record<string, string> = { string: 'a string', number: 'a number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null', undefined: 'undefined', function: 'a function' };

function typeName(type: unknown): string {
  return typeNames[String(type)] ?? String(type);
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}
