import { service } from 'vigil';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

export const analytics = service({ name: 'analytics', namespace: 'dsrs', team: 'analytics' });

httpThresholdAlerts(analytics);
