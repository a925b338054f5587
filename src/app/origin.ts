/** The signature the form writes in each new Call Log row (src/core/signature.ts says why). */
import { CallOrigin, signCall } from '../core/signature';
import { signingKeyOrCreate } from '../sheets/state';

/** Call it under the document lock: the first call of a tracker creates the key. */
export function signatureFor(record: CallOrigin, timeZone: string): string {
  return signCall(signingKeyOrCreate(), record, timeZone);
}
