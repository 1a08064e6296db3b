import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { minorVersion, OLDEST_ALERTMANAGER, versionNeeds } from '../../routing/alertmanager-versions.ts';
import { receiverPath } from '../../routing/receiver-secrets.ts';
import type { ValidationRule } from '../rule.ts';

export const alertmanagerVersion: ValidationRule = {
  id: 'alertmanager-version',
  description:
    'The generated alertmanager.yml loads in the Alertmanager version the config targets (0.25 by default): no receiver needs a newer one.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    const target = ir.config.alertmanager.version;
    if (minorVersion(target) < minorVersion(OLDEST_ALERTMANAGER)) {
      diagnostics.push(
        errorAt(this.id, ir.config.location, `vigil writes configuration for Alertmanager ${OLDEST_ALERTMANAGER} and later, not \`${target}\``, {
          path: 'config > alertmanager > version',
          hint: `upgrade Alertmanager to ${OLDEST_ALERTMANAGER} or later (Debian bookworm ships 0.25)`,
        }),
      );
      return diagnostics;
    }
    for (const receiver of ir.routing?.receivers ?? []) {
      for (const need of versionNeeds(receiver)) {
        if (minorVersion(need.version) <= minorVersion(target)) continue;
        diagnostics.push(
          errorAt(
            this.id,
            receiver.location,
            `receiver \`${receiver.name}\` needs Alertmanager ${need.version} ${need.what}, and the bundle targets ${target}`,
            { path: receiverPath(receiver), hint: need.hint },
          ),
        );
      }
    }
    return diagnostics;
  },
};
