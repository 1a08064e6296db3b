import { errorRatio, re, selector, slo, type ServiceDefinition } from 'vigil';

/** Availability of an HTTP API: the share of requests answered without a 5xx. */
export function httpAvailabilitySlo(service: ServiceDefinition, objective: number) {
  return slo({
    service,
    name: 'availability',
    description: 'share of requests without a 5xx',
    objective,
    sli: errorRatio({
      errors: selector('http_requests_total', { ...service.scrapeLabels, code: re('5..') }),
      total: selector('http_requests_total', service.scrapeLabels),
    }),
  });
}
