import { warningAt } from '../../diagnostics/diagnostic.ts';
import { allAlerts, type ValidationRule } from '../rule.ts';

export const runbookUnknownAlert: ValidationRule = {
  id: 'runbook-unknown-alert',
  description: 'Every written runbook belongs to an alert of the project: one for an alert that does not exist is never shown to anyone.',
  check(ir) {
    const names = new Set(allAlerts(ir).map((alert) => alert.name));
    return ir.writtenRunbooks
      .filter((runbook) => !names.has(runbook.alertName))
      .map((runbook) =>
        warningAt(this.id, { file: runbook.file, line: 1 }, `\`${runbook.file}\` is the runbook of \`${runbook.alertName}\`, but no alert has that name`, {
          hint: 'rename it after the alert it belongs to (names are case-sensitive), or delete it',
        }),
      );
  },
};
