/** The signature the form writes in each new Call Log row (src/core/signature.ts says why). */
import { CallFacts, callSigner } from '../core/signature';
import { signingKeyOrCreate } from '../sheets/state';

/** A submit's signer: take it before the document lock, so the lock is not held for the key's read. */
export function callRowSigner(timeZone: string): (record: CallFacts) => string {
  return callSigner(signingKeyOrCreate(), timeZone);
}
