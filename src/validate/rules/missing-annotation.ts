import { errorAt } from '../../diagnostics/diagnostic.ts';
import { annotationKeys } from '../../naming.ts';
import { allAlerts, rulePath, type ValidationRule } from '../rule.ts';

const required = [annotationKeys.summary, annotationKeys.description] as const;

export const missingAnnotation: ValidationRule = {
  id: 'missing-annotation',
  description: 'Every alert has a non-empty summary and description: the person paged reads nothing else first.',
  check(ir) {
    return [...allAlerts(ir)].flatMap((rule) =>
      required
        .filter((key) => (rule.annotations[key] ?? '').trim() === '')
        .map((key) =>
          errorAt(this.id, rule.location, `${rulePath(rule)} has an empty ${key}`, {
            path: `${rulePath(rule)} > ${key}`,
            hint: key === 'summary' ? 'say in one line what is wrong and where' : 'say what is happening, what it breaks for users, and where to look first',
          }),
        ),
    );
  },
};
