import { warningAt } from '../../diagnostics/diagnostic.ts';
import { paths } from '../../naming.ts';
import { hasVisibleText } from '../../runbooks/parse-markdown.ts';
import { allAlerts, rulePath, type ValidationRule } from '../rule.ts';

export const runbookMissingMitigation: ValidationRule = {
  id: 'runbook-missing-mitigation',
  description: 'Every critical alert has a Mitigation written by a person: whoever is paged gets steps to act on, not only facts.',
  check(ir) {
    const mitigated = new Set(
      ir.writtenRunbooks
        .filter((runbook) => runbook.sections.some((s) => s.key === 'mitigation' && hasVisibleText(s.body)))
        .map((runbook) => runbook.alertName),
    );
    const reported = new Set<string>();
    return allAlerts(ir).flatMap((alert) => {
      if (alert.severity !== 'critical' || mitigated.has(alert.name) || reported.has(alert.name)) return [];
      reported.add(alert.name);
      const file = `${ir.config.runbooks.dir.replace(/\/+$/, '')}/${paths.runbook(alert.name).slice('runbooks/'.length)}`;
      return [
        warningAt(this.id, alert.location, `critical alert \`${alert.name}\` has no written Mitigation: whoever is paged gets no steps to act on`, {
          path: rulePath(alert),
          hint: `write what to do under \`## Mitigation\` in \`${file}\``,
        }),
      ];
    });
  },
};
