import { service } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

export const payment = service({ name: 'payment', namespace: 'dsrs', team: 'payments' });

httpThresholdAlerts(payment);
httpAvailabilitySlo(payment, 99.95);
