/** The signature the form writes in each new Call Log row (src/core/signature.ts says why). */
import { CallRecord } from '../core/records';
import { CallFacts, callSigner, callVerifier, SIGNED_KEYS } from '../core/signature';
import { signingKey, signingKeyOrCreate } from '../sheets/state';
import { cellGetter, Table } from '../sheets/table';

/** The Call Log columns a row's origin is checked on: a reader that counts calls reads at least these. */
export const ORIGIN_COLUMNS: readonly string[] = [...SIGNED_KEYS, 'signature'];

/**
 * Sets each call's origin (the form's and intact, typed, or changed by hand since) from the
 * table it was read from, which holds at least ORIGIN_COLUMNS.
 */
export function markOrigins(table: Table, calls: readonly CallRecord[], timeZone: string): void {
  const verify = callVerifier(signingKey(), timeZone);
  for (const call of calls) call.origin = verify(cellGetter(table, table.rows[call.row - 2]));
}

/** A submit's signer: take it before the document lock, so the lock is not held for the key's read. */
export function callRowSigner(timeZone: string): (record: CallFacts) => string {
  return callSigner(signingKeyOrCreate(), timeZone);
}
