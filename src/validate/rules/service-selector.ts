import { errorAt, formatLocation, warningAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import type { ServiceIR } from '../../ir.ts';
import { compareStrings } from '../../util/compare.ts';
import { servicePath, type ValidationRule } from '../rule.ts';

export const serviceSelector: ValidationRule = {
  id: 'service-selector',
  description:
    "Each scraped service's ServiceMonitor selects its own Kubernetes Services: a selector is not empty, not another service's of the same namespace and metrics port, and does not take in another's.",
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    const scraped = ir.services.filter((s) => s.scrape);
    const index = new SelectorIndex(scraped);
    for (const service of scraped) {
      const path = `${servicePath(service)} > selector`;
      if (Object.keys(service.selector).length === 0) {
        diagnostics.push(
          errorAt(this.id, service.location, `service \`${service.id}\` has an empty selector, which selects every Service in namespace \`${service.namespace}\`: each of their targets would be scraped again, as job \`${service.name}\``, {
            path,
            hint: `give the labels of its own Kubernetes Service, or leave \`selector\` out for \`{ 'app.kubernetes.io/name': '${service.name}' }\``,
          }),
        );
        continue;
      }
      for (const other of index.alsoSelected(service)) {
        if (Object.keys(other.selector).length > Object.keys(service.selector).length) {
          diagnostics.push(
            warningAt(this.id, service.location, `the selector ${shown(service)} of service \`${service.id}\` also selects the Kubernetes Services of \`${other.id}\` (selected by ${shown(other)}): their targets are scraped again, as job \`${service.name}\``, {
              path,
              hint: `\`${other.id}\` is defined at ${formatLocation(other.location)}; add a label to this selector that its Services do not carry`,
            }),
          );
        } else if (compareStrings(other.id, service.id) < 0) {
          // The same selector: reported once, at the later of the two.
          diagnostics.push(
            errorAt(this.id, service.location, `services \`${other.id}\` and \`${service.id}\` have the same selector ${shown(service)}: each scrapes the other's targets too, as its own job`, {
              path,
              hint: `the other definition is at ${formatLocation(other.location)}; give each a label only its own Kubernetes Service carries`,
            }),
          );
        }
      }
    }
    return diagnostics;
  },
};

function shown(service: ServiceIR): string {
  return `\`{${Object.entries(service.selector).map(([k, v]) => `${k}=${v}`).join(', ')}}\``;
}

/**
 * Services by namespace, port and selector label, so finding the selectors that hold all of one's
 * labels reads only the shortest list. The operator keeps only the endpoints of a ServiceMonitor's
 * port name, so two services reading different ports of one Kubernetes Service scrape apart.
 */
class SelectorIndex {
  private readonly byLabel = new Map<string, ServiceIR[]>();

  constructor(services: readonly ServiceIR[]) {
    for (const service of services) {
      for (const key of this.keys(service)) {
        const listed = this.byLabel.get(key);
        if (listed) listed.push(service);
        else this.byLabel.set(key, [service]);
      }
    }
  }

  /** The other services of its namespace and port whose selectors hold every label of its own: it scrapes their targets too. */
  alsoSelected(service: ServiceIR): ServiceIR[] {
    let shortest: readonly ServiceIR[] | undefined;
    for (const key of this.keys(service)) {
      const listed = this.byLabel.get(key)!;
      if (!shortest || listed.length < shortest.length) shortest = listed;
    }
    return (shortest ?? []).filter((other) => other !== service && Object.entries(service.selector).every(([k, v]) => Object.hasOwn(other.selector, k) && other.selector[k] === v));
  }

  private keys(service: ServiceIR): string[] {
    // Should two labels ever spell one key, that only widens the candidates: the filter compares the selectors themselves.
    return Object.entries(service.selector).map(([k, v]) => `${service.namespace}/${service.port}/${k}=${v}`);
  }
}
