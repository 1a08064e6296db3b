import { formatDuration, MINUTE, parseDuration } from '../../util/duration.ts';
import { lintAt, servicePath, type LintRule } from '../rule.ts';

/** How far back an instant selector looks for a sample: Prometheus's default `--query.lookback-delta`. */
const lookbackDelta = 5 * MINUTE;

export const scrapeIntervalTooLong: LintRule = {
  id: 'scrape-interval-too-long',
  description: "A service is scraped at least every 5 minutes, Prometheus's default lookback delta.",
  severity: 'warning',
  why: 'An instant selector finds a series only when it has a sample from the last 5 minutes (`--query.lookback-delta`). Scraped less often, every series of the service goes stale before the next scrape: `up == 0` misses an outage, an alert on `absent(up{...})` fires on a healthy target, rules and panels have gaps. Turn this rule off if your Prometheus runs with a lookback delta longer than the interval.',
  valid: [{ expr: 'up{job="checkout"} == 0' }, { expr: 'up{job="checkout"} == 0', interval: '5m' }],
  invalid: [{ expr: 'up{job="checkout"} == 0', interval: '10m' }],
  check(ir) {
    return ir.services.flatMap((service) => {
      const interval = parseDuration(service.interval);
      if (!service.scrape || interval === undefined || interval <= lookbackDelta) return [];
      return [
        lintAt(this, service.location, `\`${service.interval}\` is longer than Prometheus's lookback delta (${formatDuration(lookbackDelta)}): the service's series go stale between scrapes`, {
          path: `${servicePath(service)} > interval`,
          hint: `scrape at least every ${formatDuration(lookbackDelta)} (every 30s to 1m is usual), or turn this rule off if Prometheus runs with a longer --query.lookback-delta`,
        }),
      ];
    });
  },
};
