import { service } from 'vigil';
import { httpAvailabilitySlo } from './shared/http-slos.ts';
import { httpAlerts } from './shared/http-alerts.ts';
import { httpApiMetrics } from './shared/metrics.ts';

export const identity = service({ name: 'identity', namespace: 'dsrs', team: 'platform', metrics: httpApiMetrics });

httpAlerts(identity);
httpAvailabilitySlo(identity, 99.9);
