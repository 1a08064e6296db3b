import type { RecordDefinition } from '../authoring/record.ts';
import { errorAt, formatLocation, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ServiceIR } from '../ir.ts';
import { DEFAULT_RULE_GROUP } from '../naming.ts';
import { quote } from '../promql/selector.ts';
import { compareStrings } from '../util/compare.ts';
import { sortedRecord } from '../util/records.ts';
import { normalizeRecord, type PlacedRule } from './rules.ts';
import type { ServiceIndex } from './services.ts';

/**
 * Recordings defined `shared` (by every service whose template reads them) as one rule each:
 * the series a name and its labels make, in the first of those services by id, in the group
 * that service's definition names. Two definitions of one series with different expressions
 * are an error: Prometheus would keep one rule's samples and drop the other's.
 */
export function placeSharedRecords(definitions: readonly RecordDefinition[], services: ServiceIndex, diagnostics: Diagnostic[]): PlacedRule[] {
  const first = new Map<string, { definition: RecordDefinition; service: ServiceIR }>();
  for (const definition of definitions) {
    const service = services.resolve(definition.service, definition.location, `record "${definition.name}" > service`);
    if (!service) continue;
    const series = seriesName(definition);
    const kept = first.get(series);
    if (kept && kept.definition.expr !== definition.expr) {
      diagnostics.push(
        errorAt('duplicate-rule', definition.location, `shared recording \`${series}\` is defined with two different expressions`, {
          path: `record "${definition.name}" > expr`,
          hint: `the other one is at ${formatLocation(kept.definition.location)}; make them the same (a template's: give both calls the same options), or tell them apart with a label`,
        }),
      );
      continue;
    }
    if (!kept || compareStrings(service.id, kept.service.id) < 0) first.set(series, { definition, service });
  }
  return [...first.values()].map(({ definition, service }) => ({
    rule: normalizeRecord(definition, service),
    service,
    group: definition.group ?? DEFAULT_RULE_GROUP,
  }));
}

/** `name{a="b"}`: the series the recording writes (its labels are checked elsewhere, so not here). */
function seriesName(definition: RecordDefinition): string {
  const labels = Object.entries(sortedRecord(definition.labels)).map(([name, value]) => `${name}=${quote(value)}`);
  return labels.length === 0 ? definition.name : `${definition.name}{${labels.join(',')}}`;
}
