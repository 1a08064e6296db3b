import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import type { ProjectIR } from '../ir.ts';
import type { ValidationRule } from './rule.ts';
import { duplicateRule } from './rules/duplicate-rule.ts';
import { emptyOutput } from './rules/empty-output.ts';
import { invalidDuration } from './rules/invalid-duration.ts';
import { invalidLabel } from './rules/invalid-label.ts';
import { invalidName } from './rules/invalid-name.ts';
import { missingAnnotation } from './rules/missing-annotation.ts';
import { promqlSyntax } from './rules/promql-syntax.ts';
import { sloHighCardinality } from './rules/slo-high-cardinality.ts';

export const validationRules: readonly ValidationRule[] = [
  duplicateRule,
  emptyOutput,
  invalidDuration,
  invalidLabel,
  invalidName,
  missingAnnotation,
  promqlSyntax,
  sloHighCardinality,
];

/** Runs every rule over the IR; the caller sorts. */
export function validate(ir: ProjectIR, rules: readonly ValidationRule[] = validationRules): Diagnostic[] {
  return rules.flatMap((rule) => rule.check(ir));
}
