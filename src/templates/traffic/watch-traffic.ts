import type { ServiceDefinition } from '../../authoring/service.ts';
import { watchTraffic, type TrafficWatchDefinition } from '../../authoring/watch.ts';
import type { InstrumentationProfile } from './instrumentation.ts';
import { TrafficQueries } from './traffic-queries.ts';

/** Records that a service's traffic is watched, with its signals by route for the dashboards. */
export function trafficWatch(
  service: ServiceDefinition,
  profile: InstrumentationProfile,
  alertNames: readonly string[],
  numbers: Readonly<Record<string, number>>,
): TrafficWatchDefinition {
  const queries = new TrafficQueries(profile, service.scrapeLabels);
  return watchTraffic({
    service,
    profile: profile.name,
    signals: {
      requestRate: queries.byRoute((kept) => queries.requestRate(kept, '5m')),
      errorRatio: queries.byRoute((kept) => queries.errorRatio(kept, '5m')),
      latencyQuantile: queries.byRoute((kept) => queries.latencyQuantile('{{quantile}}', kept, '5m')),
    },
    alertNames,
    numbers,
  });
}
