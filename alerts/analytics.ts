import { service } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpAlerts } from './shared/http-alerts.ts';
import { consumerLag, deadLetters } from './shared/kafka.ts';
import { deadLetterMetrics, httpApiMetrics } from './shared/metrics.ts';

export const analytics = service({ name: 'analytics', namespace: 'dsrs', team: 'analytics', metrics: [...httpApiMetrics, ...deadLetterMetrics] });

httpAlerts(analytics);
httpAvailabilitySlo(analytics, 99.5);

consumerLag(analytics, 'analytics', ['registry.household', 'eligibility.assessed', 'payment.events']);
deadLetters(analytics, 'registry.household', { redriven: false });
deadLetters(analytics, 'eligibility.assessed', { redriven: false });
deadLetters(analytics, 'payment.events', { redriven: true });
