import { service } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

export const analytics = service({ name: 'analytics', namespace: 'dsrs', team: 'analytics' });

httpThresholdAlerts(analytics);
httpAvailabilitySlo(analytics, 99.5);
