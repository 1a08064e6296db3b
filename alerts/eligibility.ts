import { service } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpAlerts } from './shared/http-alerts.ts';
import { consumerLag, deadLetters } from './shared/kafka.ts';
import { deadLetterMetrics, httpApiMetrics } from './shared/metrics.ts';

export const eligibility = service({ name: 'eligibility', namespace: 'dsrs', team: 'eligibility', metrics: [...httpApiMetrics, ...deadLetterMetrics] });

httpAlerts(eligibility);
httpAvailabilitySlo(eligibility, 99.5);

consumerLag(eligibility, 'eligibility', ['registry.household']);
deadLetters(eligibility, 'registry.household', { redriven: true });
