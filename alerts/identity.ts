import { service } from 'vigil';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

export const identity = service({ name: 'identity', namespace: 'dsrs', team: 'platform' });

httpThresholdAlerts(identity);
