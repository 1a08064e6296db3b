import { annotationKeys } from '../../naming.ts';
import { allAlerts, lintAt, rulePath, type LintRule } from '../rule.ts';

const required = [annotationKeys.summary, annotationKeys.description] as const;

export const missingAnnotation: LintRule = {
  id: 'missing-annotation',
  description: 'Every alert has a non-empty summary and description (vigil adds the runbook_url): the person paged reads nothing else first.',
  severity: 'error',
  why: 'At 3 a.m. the notification is all the on-call sees before deciding to get up. A summary says what is wrong and where, the description what it breaks and where to look; the runbook link, which vigil adds to every alert, what to do.',
  valid: [{ expr: 'up{job="checkout"} == 0', for: '5m' }],
  invalid: [{ expr: 'up{job="checkout"} == 0', for: '5m', noDescription: true }],
  check(ir) {
    return allAlerts(ir).flatMap((rule) =>
      required
        .filter((key) => (rule.annotations[key] ?? '').trim() === '')
        .map((key) =>
          lintAt(this, rule.location, `${rulePath(rule)} has an empty ${key}`, {
            path: `${rulePath(rule)} > ${key}`,
            hint: key === 'summary' ? 'say in one line what is wrong and where' : 'say what is happening, what it breaks for users, and where to look first',
          }),
        ),
    );
  },
};
