import type { ServiceDefinition } from '../authoring/service.ts';
import type { ServiceRef } from '../authoring/alert.ts';
import { errorAt, formatLocation, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.ts';
import type { ServiceIR } from '../ir.ts';
import { serviceId } from '../naming.ts';
import { compareStrings } from '../util/compare.ts';
import { sortedRecord } from '../util/records.ts';

export const serviceDefaults = {
  port: 'http-metrics',
  path: '/metrics',
  interval: '30s',
} as const;

export function normalizeService(definition: ServiceDefinition): ServiceIR {
  return {
    id: serviceId(definition),
    name: definition.name,
    namespace: definition.namespace,
    team: definition.team,
    selector: sortedRecord(definition.selector ?? { 'app.kubernetes.io/name': definition.name }),
    port: definition.port ?? serviceDefaults.port,
    path: definition.path ?? serviceDefaults.path,
    interval: definition.interval ?? serviceDefaults.interval,
    scrape: definition.scrape ?? true,
    metrics: [...new Set(definition.metrics ?? [])].sort(),
    labels: sortedRecord(definition.labels),
    location: definition.location,
  };
}

/** Looks services up by definition or by name, reporting unknown and ambiguous references. */
export class ServiceIndex {
  private readonly byId = new Map<string, ServiceIR>();
  private readonly byName = new Map<string, ServiceIR[]>();
  readonly diagnostics: Diagnostic[] = [];

  constructor(definitions: readonly ServiceDefinition[]) {
    for (const definition of definitions) {
      const service = normalizeService(definition);
      const existing = this.byId.get(service.id);
      if (existing) {
        this.diagnostics.push(
          errorAt('duplicate-service', service.location, `service \`${service.id}\` is defined twice`, {
            path: `service "${service.name}"`,
            hint: `the other definition is at ${formatLocation(existing.location)}; give one another name or namespace`,
          }),
        );
        continue;
      }
      this.byId.set(service.id, service);
      const sameName = this.byName.get(service.name);
      if (sameName) sameName.push(service);
      else this.byName.set(service.name, [service]);
    }
  }

  /** Sorted by id. */
  all(): ServiceIR[] {
    return [...this.byId.values()].sort((a, b) => compareStrings(a.id, b.id));
  }

  byIdOrThrow(id: string): ServiceIR {
    const service = this.byId.get(id);
    if (!service) throw new Error(`internal: no service ${id}`);
    return service;
  }

  resolve(ref: ServiceRef, location: SourceLocation, path: string): ServiceIR | undefined {
    if (typeof ref !== 'string') {
      const found = this.byId.get(serviceId(ref));
      if (found) return found;
      this.diagnostics.push(
        errorAt('unknown-service', location, `service \`${serviceId(ref)}\` is not part of the project`, {
          path,
          hint: 'define the service in a module the config includes',
        }),
      );
      return undefined;
    }
    const candidates = this.byName.get(ref) ?? [];
    if (candidates.length === 1) return candidates[0];
    this.diagnostics.push(
      candidates.length === 0
        ? errorAt('unknown-service', location, `no service is named \`${ref}\``, {
            path,
            hint: this.suggest(ref),
          })
        : errorAt('unknown-service', location, `service name \`${ref}\` is ambiguous`, {
            path,
            hint: `it exists in namespaces ${candidates.map((c) => `\`${c.namespace}\``).join(', ')}; pass the service definition instead of its name`,
          }),
    );
    return undefined;
  }

  private suggest(name: string): string {
    const names = [...this.byName.keys()].sort();
    return names.length === 0 ? 'no service is defined yet' : `known services: ${names.map((n) => `\`${n}\``).join(', ')}`;
  }
}
