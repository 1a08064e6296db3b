import { annotationKeys, dashboardUrlAnnotation } from '../naming.ts';

/**
 * The links a PagerDuty incident carries unless its receiver names others: the runbook and the
 * dashboard that all the incident's alerts share. Alertmanager sends them as the event's
 * `links`, which PagerDuty shows as links on the incident, and leaves out one whose `href`
 * renders empty (an alert without a dashboard, a group whose alerts differ).
 */
export const defaultPagerDutyLinks = [
  { href: `{{ .CommonAnnotations.${annotationKeys.runbookUrl} }}`, text: 'Runbook' },
  { href: `{{ .CommonAnnotations.${dashboardUrlAnnotation} }}`, text: 'Dashboard' },
] as const;
