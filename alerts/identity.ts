import { service } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

export const identity = service({ name: 'identity', namespace: 'dsrs', team: 'platform' });

httpThresholdAlerts(identity);
httpAvailabilitySlo(identity, 99.9);
