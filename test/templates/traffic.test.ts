import { describe, expect, it } from 'vitest';
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
function durations(instrumentation: Instrumentation, perMinute: number, slowShare: number, extra: Record<string, string> = {}): InputSeries[] {
  const profile = instrumentationProfiles[instrumentation];
  const slow = perMinute * slowShare;
  const labels = { ...scrape, ...(profile.durationMatchers as Record<string, string>), ...extra };
  const bucket = (le: string, perMin: number) => series(`${profile.durationBuckets}${labelMatchers({ ...labels, le })}`, `0+${perMin}x60`);
  return [bucket('0.1', perMinute - slow), bucket('0.5', perMinute - slow), bucket('1', perMinute), bucket('+Inf', perMinute)];
}

/** The buckets of `durations()`. */
const buckets = [0.1, 0.5, 1];

describeWithTool('promtool', 'errorRate and latencyThreshold under promtool', () => {
  for (const instrumentation of Object.keys(instrumentationProfiles) as Instrumentation[]) {
    it(`fire above the bound and stay quiet below it or at low traffic: ${instrumentation}`, () => {
      const errors = errorRate({ service: svc, instrumentation, maxErrorRatio: 0.05, for: '5m' });
      const latency = latencyThreshold({ service: svc, instrumentation, quantile: 0.95, thresholdSeconds: 0.5, buckets, for: '5m' });
      const errorAlert = errors.alert.name;
      const latencyAlert = latency.alert.name;
      runScenarios(
        [svc, errors.alert, errors.watch, latency.alert, latency.watch],
        [
          { name: '1% errors stay quiet', input: requests(instrumentation, 594, 6), checks: [silent(errorAlert, '50m')] },
          // above the bound from the second scrape (1m): 5m, counting the 2m window, ends at 4m
          { name: '10% errors page', input: requests(instrumentation, 540, 60), checks: [silent(errorAlert, '3m'), fires(errorAlert, '4m')] },
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

describeWithTool('promtool', 'errorRate and latencyThreshold fire when the bound has been passed for `for`, the window included', () => {
  it('pages 5 minutes into a sustained 6% error rate, not 10', () => {
    const errors = errorRate({ service: svc, maxErrorRatio: 0.05, for: '5m' });
    const input = [
      series(`http_requests_total${labelMatchers({ ...scrape, code: '200' })}`, '0+564x60'),
      // no failures for 10 minutes, then 36 a minute: 6% of 600
      series(`http_requests_total${labelMatchers({ ...scrape, code: '500' })}`, '0x10 36+36x49'),
    ];
    runScenarios([svc, errors.alert, errors.watch], [{ name: '6% from 10m', input, checks: [silent(errors.alert.name, '14m'), fires(errors.alert.name, '16m')] }]);
  });

  it('warns when every request is slower than the highest finite bucket', () => {
    const latency = latencyThreshold({ service: svc, quantile: 0.95, thresholdSeconds: 10, for: '5m' });
    const bucket = (le: string, values: string) => series(`http_request_duration_seconds_bucket${labelMatchers({ ...scrape, le })}`, values);
    const input = [bucket('5', '0x60'), bucket('10', '0x60'), bucket('+Inf', '0+600x60')];
    runScenarios([svc, latency.alert, latency.watch], [{ name: 'every request 30 s', input, checks: [fires(latency.alert.name, '10m')] }]);
  });

  it('pages through missed scrapes of a service scraped every minute: the window holds four scrapes', () => {
    const slow = service({ name: 'checkout', namespace: 'shop', team: 'payments', interval: '1m' });
    const errors = errorRate({ service: slow, maxErrorRatio: 0.05, for: '5m' });
    // scraped at :30 of every minute, one scrape in four failing; every request fails
    const values = Array.from({ length: 60 }, (_, i) => (i % 2 === 0 || i % 8 === 7 ? '_' : String(300 * i))).join(' ');
    const input = [series(`http_requests_total${labelMatchers({ ...scrape, code: '500' })}`, values)];
    runScenarios([slow, errors.alert, errors.watch], [{ name: 'outage, one scrape in four lost', input, checks: [fires(errors.alert.name, '15m')] }], '30s', '1m');
  });

  it('fires above the quantile, not at it: exactly 5% slower than the threshold is a p95 of the threshold', () => {
    const latency = latencyThreshold({ service: svc, quantile: 0.95, thresholdSeconds: 0.5, buckets, for: '5m' });
    const errors = errorRate({ service: svc, maxErrorRatio: 0.05, for: '5m' });
    runScenarios(
      [svc, latency.alert, latency.watch, errors.alert, errors.watch],
      [
        { name: '5% slow', input: durations('prometheus', 600, 0.05), checks: [silent(latency.alert.name, '30m')] },
        { name: '5% failing', input: requests('prometheus', 570, 30), checks: [silent(errors.alert.name, '30m')] },
        { name: '6% slow', input: durations('prometheus', 600, 0.06), checks: [fires(latency.alert.name, '30m')] },
      ],
    );
  });

  it('judges the pods whose histogram has the threshold bucket: a rollout that changes the buckets is not slow', () => {
    const latency = latencyThreshold({ service: svc, quantile: 0.95, thresholdSeconds: 0.5, for: '5m' });
    const bucket = (pod: string, le: string) => series(`http_request_duration_seconds_bucket${labelMatchers({ ...scrape, pod, le })}`, '0+300x60');
    // every request takes under 50 ms; the new version declares 0.1 0.3 1 instead of 0.05 0.5 5
    const input = [...['0.05', '0.5', '5', '+Inf'].map((le) => bucket('checkout-old', le)), ...['0.1', '0.3', '1', '+Inf'].map((le) => bucket('checkout-new', le))];
    runScenarios([svc, latency.alert, latency.watch], [{ name: 'half the pods on new buckets', input, checks: [silent(latency.alert.name, '30m')] }]);
  });

  it('times gRPC unary calls only: a long-lived stream is not a slow call', () => {
    const latency = latencyThreshold({ service: svc, instrumentation: 'grpc', quantile: 0.95, thresholdSeconds: 0.5, for: '5m' });
    const input = [...durations('grpc', 600, 0), ...durations('grpc', 60, 1, { grpc_type: 'server_stream' })];
    runScenarios([svc, latency.alert, latency.watch], [{ name: 'fast calls, streams that last', input, checks: [silent(latency.alert.name, '30m')] }]);
  });
});

describe('errorRate and latencyThreshold refuse options that would compile to a wrong alert', () => {
  const refused: [string, () => unknown, RegExp][] = [
    ['a percentage for a share', () => errorRate({ service: svc, maxErrorRatio: 5 }), /`maxErrorRatio` must be a share between 0 and 1, not 5; for 5%, write 0.05/],
    ['a percentile for a quantile', () => latencyThreshold({ service: svc, quantile: 95, thresholdSeconds: 0.5 }), /`quantile` must be a share between 0 and 1, not 95/],
    ['a threshold between buckets', () => latencyThreshold({ service: svc, thresholdSeconds: 0.3 }), /threshold `0.3` seconds is not a bucket boundary .*the nearest are `0.25` and `0.5`/],
    ['Micrometer without buckets', () => latencyThreshold({ service: svc, instrumentation: 'micrometer', thresholdSeconds: 0.5 }), /`buckets` must list the bucket boundaries/],
    ['a narrowing of the failure label', () => errorRate({ service: svc, maxErrorRatio: 0.05, matchers: { code: '503' } }), /`matchers` sets `code`, which the alert sets itself/],
    ['a narrowing of the job', () => errorRate({ service: svc, maxErrorRatio: 0.05, matchers: { job: 'other' } }), /`matchers` sets `job`/],
    ['alerting by the failure label', () => errorRate({ service: svc, maxErrorRatio: 0.05, by: ['code'] }), /`by` holds `code`/],
    ['alerting by the bucket label', () => latencyThreshold({ service: svc, thresholdSeconds: 0.5, by: ['le'] }), /`by` holds `le`/],
    ['alerting by the service label the alert sets', () => errorRate({ service: svc, maxErrorRatio: 0.05, by: ['service'] }), /`by` holds `service`, a label the alert sets itself/],
    ['alerting by a label of the service', () => latencyThreshold({ service: service({ name: 'checkout', namespace: 'shop', team: 'payments', labels: { tier: 'gold' } }), thresholdSeconds: 0.5, by: ['tier'] }), /`by` holds `tier`, a label the alert sets itself/],
    ['a window longer than `for`', () => errorRate({ service: svc, maxErrorRatio: 0.05, for: '5m', window: '10m' }), /`window` \(10m\) must be longer than 0 and no longer than `for` \(5m\)/],
    ['a `for` that is no duration', () => errorRate({ service: svc, maxErrorRatio: 0.05, for: '5 minutes' }), /`for` must be a Prometheus duration/],
  ];
  for (const [name, call, message] of refused) {
    it(name, () => expect(call).toThrow(message));
  }
});
