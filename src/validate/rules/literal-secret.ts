import { errorAt, type Diagnostic } from '../../diagnostics/diagnostic.ts';
import { receiverPath, secretFields } from '../../routing/receiver-secrets.ts';
import type { ValidationRule } from '../rule.ts';

/** Hosts whose webhook URLs are themselves the credential. */
const secretUrlHosts = [/(^|\.)hooks\.slack\.com$/, /(^|\.)webhook\.office\.com$/, /^outlook\.office\.com$/, /(^|\.)discord(app)?\.com$/, /^hc-ping\.com$/, /(^|\.)nosnch\.in$/];

export const literalSecret: ValidationRule = {
  id: 'literal-secret',
  description:
    'A webhook URL, routing key, API key or password is never written into a definition: receivers read secrets from Secret keys, so none enters the bundle.',
  check(ir) {
    const diagnostics: Diagnostic[] = [];
    for (const receiver of ir.routing?.receivers ?? []) {
      for (const { field, secret, what } of secretFields(receiver)) {
        if (secret.kind !== 'literal') continue;
        diagnostics.push(
          errorAt(this.id, receiver.location, `\`${field}\` of receiver \`${receiver.name}\` is written literally: ${what} would end up in the bundle`, {
            path: `${receiverPath(receiver)} > ${field}`,
            hint: `store it in a Kubernetes Secret and refer to it: \`${field.split('.')[0]}: secretKey('<secret-name>', '<key>')\``,
          }),
        );
      }
      if (receiver.type === 'webhook' && receiver.url.kind === 'public') {
        const problem = publicUrlSecret(receiver.url.url);
        if (problem) {
          diagnostics.push(
            errorAt(this.id, receiver.location, `the \`publicUrl\` of receiver \`${receiver.name}\` ${problem}`, {
              path: `${receiverPath(receiver)} > publicUrl`,
              hint: "a URL that carries a secret is given as `url: secretKey('<secret-name>', '<key>')`",
            }),
          );
        }
      }
    }
    return diagnostics;
  },
};

/** Why a URL given as public looks like it carries a secret, or undefined. */
function publicUrlSecret(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined; // not a URL at all: invalid-route reports it
  }
  if (url.username !== '' || url.password !== '') return 'carries credentials (`user:password@`)';
  if (url.search !== '') return 'has a query string, where tokens usually travel';
  if (secretUrlHosts.some((host) => host.test(url.hostname))) return `points at \`${url.hostname}\`, whose webhook URLs are themselves the secret`;
  return undefined;
}
