import { service } from 'vigil';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

export const eligibility = service({ name: 'eligibility', namespace: 'dsrs', team: 'eligibility' });

httpThresholdAlerts(eligibility);
