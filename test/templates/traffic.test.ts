import { it } from 'vitest';
import { service } from '../../src/authoring/service.ts';
import { labelMatchers } from '../../src/promql/selector.ts';
import { errorRate } from '../../src/templates/error-rate.ts';
import { latencyThreshold } from '../../src/templates/latency-threshold.ts';
import { instrumentationProfiles, type Instrumentation } from '../../src/templates/traffic/instrumentation.ts';
import type { InputSeries } from '../../src/promtool/test-file.ts';
import { fires, runScenarios, series, silent } from '../support/template-scenarios.ts';
import { describeWithTool } from '../support/tools.ts';

const svc = service({ name: 'checkout', namespace: 'shop', team: 'payments' });
const scrape = { namespace: 'shop', job: 'checkout' };

/** A failed and a good status for each instrumentation, as its counters label them. */
const statuses: Record<Instrumentation, { failed: Record<string, string>; ok: Record<string, string> }> = {
  prometheus: { failed: { code: '503' }, ok: { code: '200' } },
  micrometer: { failed: { status: '500', outcome: 'SERVER_ERROR' }, ok: { status: '200', outcome: 'SUCCESS' } },
  grpc: { failed: { grpc_code: 'Unavailable' }, ok: { grpc_code: 'OK' } },
  opentelemetry: { failed: { http_response_status_code: '500' }, ok: { http_response_status_code: '200' } },
};

/** Requests per minute, good and failed, as counters of the given instrumentation. */
function requests(instrumentation: Instrumentation, goodPerMinute: number, failedPerMinute: number, minutes = 60): InputSeries[] {
  const profile = instrumentationProfiles[instrumentation];
  const { failed, ok } = statuses[instrumentation];
  return [
    series(`${profile.requests}${labelMatchers({ ...scrape, ...ok })}`, `0+${goodPerMinute}x${minutes}`),
    series(`${profile.requests}${labelMatchers({ ...scrape, ...failed })}`, `0+${failedPerMinute}x${minutes}`),
  ];
}

/** A latency histogram where `slowShare` of `perMinute` requests take 1 s and the rest 0.1 s. */
function durations(instrumentation: Instrumentation, perMinute: number, slowShare: number): InputSeries[] {
  const profile = instrumentationProfiles[instrumentation];
  const slow = perMinute * slowShare;
  const bucket = (le: string, perMin: number) => series(`${profile.durationBuckets}${labelMatchers({ ...scrape, le })}`, `0+${perMin}x60`);
  return [bucket('0.1', perMinute - slow), bucket('0.5', perMinute - slow), bucket('1', perMinute), bucket('+Inf', perMinute)];
}

describeWithTool('promtool', 'errorRate and latencyThreshold under promtool', () => {
  for (const instrumentation of Object.keys(instrumentationProfiles) as Instrumentation[]) {
    it(`fire above the bound and stay quiet below it or at low traffic: ${instrumentation}`, () => {
      const errors = errorRate({ service: svc, instrumentation, maxErrorRatio: 0.05, for: '5m' });
      const latency = latencyThreshold({ service: svc, instrumentation, quantile: 0.95, thresholdSeconds: 0.5, for: '5m' });
      const errorAlert = errors.alert.name;
      const latencyAlert = latency.alert.name;
      runScenarios(
        [svc, errors.alert, errors.watch, latency.alert, latency.watch],
        [
          { name: '1% errors stay quiet', input: requests(instrumentation, 594, 6), checks: [silent(errorAlert, '50m')] },
          { name: '10% errors page', input: requests(instrumentation, 540, 60), checks: [silent(errorAlert, '4m'), fires(errorAlert, '15m')] },
          {
            name: 'failures at night (2 requests a minute, one of them failing) stay quiet',
            input: requests(instrumentation, 1, 1),
            checks: [silent(errorAlert, '30m'), silent(errorAlert, '50m')],
          },
          { name: 'a fast p95 stays quiet', input: durations(instrumentation, 600, 0.01), checks: [silent(latencyAlert, '50m')] },
          { name: 'a slow p95 warns', input: durations(instrumentation, 600, 0.2), checks: [fires(latencyAlert, '20m')] },
          { name: 'a slow p95 at low traffic stays quiet', input: durations(instrumentation, 3, 0.5), checks: [silent(latencyAlert, '50m')] },
        ],
      );
    });
  }
});
