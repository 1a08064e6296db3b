import { service } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

export const eligibility = service({ name: 'eligibility', namespace: 'dsrs', team: 'eligibility' });

httpThresholdAlerts(eligibility);
httpAvailabilitySlo(eligibility, 99.5);
