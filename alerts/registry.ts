import { service } from 'vigil';
import { httpThresholdAlerts } from './shared/http-thresholds.ts';

/** HTTP API for households; writes through an outbox. */
export const registry = service({ name: 'registry', namespace: 'dsrs', team: 'registry' });

httpThresholdAlerts(registry);
