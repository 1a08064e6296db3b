import { Ajv, type ErrorObject } from 'ajv';
import { errorAt, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.ts';
import { configSchema } from './config-schema.ts';

const ajv = new Ajv({ allErrors: true, strict: true, verbose: true });
const validateConfig = ajv.compile(configSchema);

/** Checks the config object against vigil's JSON Schema: a typo'd key is an error, not silently ignored. */
export function checkConfigShape(config: unknown, location: SourceLocation): Diagnostic[] {
  if (config === undefined) {
    return [
      errorAt('config-invalid', location, 'the config file has no default export', {
        hint: 'end it with `export default defineConfig({ ... })`',
      }),
    ];
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return [
      errorAt('config-invalid', location, `the config file's default export is ${config === null ? 'null' : Array.isArray(config) ? 'a list' : `a ${typeof config}`}, not a config`, {
        hint: 'end it with `export default defineConfig({ ... })`',
      }),
    ];
  }
  const { location: _ignored, ...plain } = config as Record<string, unknown>;
  if (validateConfig(plain)) return [];
  return (validateConfig.errors ?? []).map((error) =>
    errorAt('config-invalid', location, describe(error), { path: `config${error.instancePath.replaceAll('/', ' > ')}` }),
  );
}

function describe(error: ErrorObject): string {
  const at = error.instancePath === '' ? 'the config' : `\`${error.instancePath.slice(1).replaceAll('/', '.')}\``;
  if (error.keyword === 'additionalProperties') {
    return `${at} has an unknown key \`${String(error.params.additionalProperty)}\``;
  }
  const expected = (error.parentSchema as { description?: string } | undefined)?.description;
  return expected === undefined ? `${at} ${error.message ?? 'is invalid'}` : `${at} must be ${expected}`;
}
