/** Kubernetes name rules (apimachinery validation), returned as a reason or undefined when valid. */

const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const qualifiedNamePart = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function dns1123LabelProblem(value: string): string | undefined {
  if (value.length > 63) return 'must be at most 63 characters';
  if (!dns1123Label.test(value)) return 'must be lowercase letters, digits and `-`, starting and ending with a letter or digit';
  return undefined;
}

export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !dns1123Subdomain.test(prefix))) {
    return 'has an invalid prefix (must be a DNS subdomain such as `app.kubernetes.io`)';
  }
  if (name.length > 63 || !qualifiedNamePart.test(name)) {
    return 'must be at most 63 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit';
  }
  return undefined;
}

export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !qualifiedNamePart.test(value)) {
    return 'must be empty or at most 63 letters, digits, `-`, `_` or `.`, starting and ending with a letter or digit';
  }
  return undefined;
}

/** IANA service name, the rule for a named container/Service port. */
export function portNameProblem(value: string): string | undefined {
  if (value.length === 0 || value.length > 15) return 'must be 1 to 15 characters';
  if (!/^[a-z0-9-]+$/.test(value)) return 'must be lowercase letters, digits and `-`';
  if (!/[a-z]/.test(value)) return 'must contain a letter';
  if (value.startsWith('-') || value.endsWith('-') || value.includes('--')) return 'must not start or end with `-` or contain `--`';
  return undefined;
}

/** An object name such as a Secret's: a DNS subdomain. */
export function dns1123SubdomainProblem(value: string): string | undefined {
  if (value.length > 253) return 'must be at most 253 characters';
  if (!dns1123Subdomain.test(value)) return 'must be lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit';
  return undefined;
}

/** A key of a Secret or ConfigMap. */
export function dataKeyProblem(value: string): string | undefined {
  if (value.length === 0 || value.length > 253) return 'must be 1 to 253 characters';
  if (!/^[-._a-zA-Z0-9]+$/.test(value)) return 'must be letters, digits, `-`, `_` and `.`';
  return undefined;
}
