export { service, type ServiceOptions, type ServiceDefinition } from './service.ts';
export { alert, type AlertOptions, type AlertDefinition, type AlertSeverity, type ServiceRef } from './alert.ts';
export { record, type RecordOptions, type RecordDefinition } from './record.ts';
export { defineConfig, type VigilConfig, type ConfigDefinition } from './config.ts';
export { isDefinition } from './definition.ts';

import type { AlertDefinition } from './alert.ts';
import type { RecordDefinition } from './record.ts';
import type { ServiceDefinition } from './service.ts';

/** Everything the compiler accepts. */
export type Definition = ServiceDefinition | AlertDefinition | RecordDefinition;
