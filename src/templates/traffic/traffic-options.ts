import type { ServiceDefinition } from '../../authoring/service.ts';
import { requireLabelNames, requireOneOf, requireService } from '../shared.ts';
import { instrumentationProfiles, type Instrumentation, type InstrumentationProfile } from './instrumentation.ts';

interface TrafficOptions {
  readonly service: ServiceDefinition;
  readonly instrumentation?: Instrumentation;
  readonly by?: readonly string[];
}

/**
 * What every request-traffic template checks first (definitions are loaded without type checks):
 * a service, a known instrumentation and a list of label names to alert by, each refused in the
 * template's words. Returns the instrumentation's profile and the labels kept.
 */
export function checkedTrafficOptions(template: string, options: TrafficOptions): { profile: InstrumentationProfile; kept: readonly string[] } {
  const call = `${template}(${JSON.stringify((options.service as { name?: unknown } | undefined)?.name) ?? ''})`;
  requireService(call, options.service);
  const profile = requireOneOf(call, 'instrumentation', options.instrumentation ?? 'prometheus', instrumentationProfiles);
  const kept = options.by ?? [];
  requireLabelNames(call, 'by', kept);
  return { profile, kept };
}
