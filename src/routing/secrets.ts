import type { SecretIR } from '../ir.ts';

type ResolvedSecret = Extract<SecretIR, { kind: 'secret' }>;

/** A secret field of a valid routing (the emitters run only when validation found no error). */
export function resolvedSecret(secret: SecretIR): ResolvedSecret {
  if (secret.kind !== 'secret') throw new Error(`internal: a ${secret.kind} secret reached an emitter`);
  return secret;
}
