import { service } from 'vigil';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

export const payment = service({ name: 'payment', namespace: 'dsrs', team: 'payments' });

httpThresholdAlerts(payment);
