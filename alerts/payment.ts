import { service } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpAlerts } from './shared/http-alerts.ts';
import { consumerLag, deadLetters } from './shared/kafka.ts';
import { deadLetterMetrics, httpApiMetrics } from './shared/metrics.ts';

export const payment = service({ name: 'payment', namespace: 'dsrs', team: 'payments', metrics: [...httpApiMetrics, ...deadLetterMetrics] });

httpAlerts(payment);
httpAvailabilitySlo(payment, 99.95);

consumerLag(payment, 'payment', ['eligibility.assessed']);
deadLetters(payment, 'eligibility.assessed', { redriven: true });
