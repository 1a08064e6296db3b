import type { WatchDefinition } from '../authoring/watch.ts';
import { errorAt, type Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ConsumerGroupIR, DeadLetterQueueIR, SharedSignalsIR, TrafficIR } from '../ir.ts';
import { compareStrings } from '../util/compare.ts';
import type { ServiceIndex } from './services.ts';

export interface WatchesIR {
  readonly consumerGroups: ConsumerGroupIR[];
  readonly deadLetterQueues: DeadLetterQueueIR[];
  readonly traffic: TrafficIR[];
}

/** Template watches → IR, sorted by id; a service's traffic watched by several templates is one entry. */
export function normalizeWatches(watches: readonly WatchDefinition[], services: ServiceIndex, diagnostics: Diagnostic[]): WatchesIR {
  const consumerGroups: ConsumerGroupIR[] = [];
  const deadLetterQueues: DeadLetterQueueIR[] = [];
  const traffic = new Map<string, TrafficIR>();
  for (const watch of watches) {
    const service = services.resolve(watch.service, watch.location, `${watch.kind} > service`);
    if (!service) continue;
    checkNumbers(watch, diagnostics);
    const signals = definedOnly(watch.signals);
    switch (watch.kind) {
      case 'consumer-group':
        consumerGroups.push({
          id: `${service.id}/${watch.group}`,
          serviceId: service.id,
          group: watch.group,
          topics: watch.topics,
          exporter: watch.exporter,
          signals: signals as ConsumerGroupIR['signals'],
          ...sharedOf<ConsumerGroupIR['signals']>(watch),
          alertNames: watch.alertNames,
          location: watch.location,
        });
        break;
      case 'dead-letter-queue': {
        const reprocessor = watch.reprocessor ? services.resolve(watch.reprocessor, watch.location, 'dead-letter-queue > reprocessor') : undefined;
        deadLetterQueues.push({
          id: `${service.id}/${watch.dlqTopic}`,
          serviceId: service.id,
          sourceTopic: watch.sourceTopic,
          dlqTopic: watch.dlqTopic,
          profile: watch.profile,
          ...(reprocessor ? { reprocessorServiceId: reprocessor.id } : {}),
          signals: signals as DeadLetterQueueIR['signals'],
          ...sharedOf<DeadLetterQueueIR['signals']>(watch),
          alertNames: watch.alertNames,
          location: watch.location,
        });
        break;
      }
      case 'traffic': {
        const id = `${service.id}/${watch.profile}`;
        const seen = traffic.get(id);
        const alertNames = [...new Set([...(seen?.alertNames ?? []), ...watch.alertNames])].sort(compareStrings);
        traffic.set(id, {
          id,
          serviceId: service.id,
          profile: watch.profile,
          signals: (seen?.signals ?? signals) as TrafficIR['signals'],
          alertNames,
          location: seen?.location ?? watch.location,
        });
        break;
      }
    }
  }
  const byId = <T extends { id: string }>(items: T[]) => items.sort((a, b) => compareStrings(a.id, b.id));
  return { consumerGroups: byId(consumerGroups), deadLetterQueues: byId(deadLetterQueues), traffic: byId([...traffic.values()]) };
}

function sharedOf<Signals>(watch: WatchDefinition): { shared?: SharedSignalsIR<Signals> } {
  if (!watch.shared) return {};
  const { variable, value, signals } = watch.shared;
  return { shared: { variable, value, signals: definedOnly(signals) as Signals } };
}

function definedOnly(signals: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(signals).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Thresholds and bounds must be finite and not negative: NaN or -5 would make an alert that never (or always) fires. */
function checkNumbers(watch: WatchDefinition, diagnostics: Diagnostic[]): void {
  for (const [path, value] of Object.entries(watch.numbers)) {
    if (Number.isFinite(value) && value >= 0) continue;
    diagnostics.push(
      errorAt('invalid-threshold', watch.location, `${watch.kind} > ${path} is ${String(value)}: it must be a finite number, 0 or more`, {
        path,
      }),
    );
  }
}
