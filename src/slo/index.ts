import type { SloDefinition } from '../authoring/slo.ts';
import { errorAt, formatLocation, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ConfigIR, SloIR } from '../ir.ts';
import type { PlacedRule } from '../normalize/rules.ts';
import type { ServiceIndex } from '../normalize/services.ts';
import { compareStrings } from '../util/compare.ts';
import { groupBy } from '../util/records.ts';
import { normalizeSlo } from './normalize-slo.ts';
import { sloRules } from './rules.ts';

/** SLO definitions → SLO IR (sorted by id) and the rules they generate. */
export function normalizeSlos(
  definitions: readonly SloDefinition[],
  services: ServiceIndex,
  config: ConfigIR,
  diagnostics: Diagnostic[],
): { slos: SloIR[]; rules: PlacedRule[] } {
  const byId = new Map<string, SloIR>();
  for (const definition of definitions) {
    const service = services.resolve(definition.service, definition.location, `slo "${definition.name}" > service`);
    if (!service) continue;
    const slo = normalizeSlo(definition, service, diagnostics);
    if (!slo) continue;
    const existing = byId.get(slo.id);
    if (existing) {
      diagnostics.push(
        errorAt('duplicate-slo', slo.location, `SLO \`${slo.id}\` is defined twice`, {
          path: `slo "${slo.name}"`,
          hint: `the other definition is at ${formatLocation(existing.location)}; give one another name`,
        }),
      );
      continue;
    }
    byId.set(slo.id, slo);
  }
  const slos = [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
  const rules: PlacedRule[] = [];
  for (const [serviceId, ofService] of groupBy(slos, (s) => s.serviceId)) {
    const service = services.byIdOrThrow(serviceId);
    ofService.forEach((slo, index) => rules.push(...sloRules(slo, service, config, index)));
  }
  return { slos, rules };
}
