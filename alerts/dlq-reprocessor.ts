import { service } from 'vigil';

/** Re-drives dead letters to their source topics. No HTTP API: its metrics are the DLQ counters. */
export const dlqReprocessor = service({ name: 'dlq-reprocessor', namespace: 'dsrs', team: 'platform' });
