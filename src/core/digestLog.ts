/**
 * Which digests went out, and which are still owed: kept by the add-on where no editor can type
 * (document properties, src/sheets/digestLedger.ts), never read back from the Digest Log tab,
 * which is a report of every attempt. At most one digest per recipient, scope and week, unless a
 * leader confirms a resend; a digest that could not go (the quota, a passing failure of Google's
 * mail service) stays owed and upkeep sends it, with a growing wait after each failure.
 */
import { normalizeName } from './households';

export const DIGEST_STATUSES = ['Sent', 'Failed', 'Pending'] as const;
export type DigestStatus = (typeof DIGEST_STATUSES)[number];
export type DigestTrigger = 'menu' | 'weekly';

/** One email of a run: a scope's digest to one address. */
export interface DigestTarget {
  scope: string;
  recipient: string;
}

/** A digest still owed. */
export interface OwedDigest extends DigestTarget {
  /** The trigger that first wanted it. */
  trigger: DigestTrigger;
  tries: number;
  /** ISO instant before which it is not tried again; null: as soon as quota allows. */
  notBefore: string | null;
  /** Why it waits, for the Digest Log. */
  why: string;
}

export function targetKey(t: DigestTarget): string {
  return `${normalizeName(t.scope)}|${t.recipient.trim().toLowerCase()}`;
}

export function sameScope(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

export function sameTarget(a: DigestTarget, b: DigestTarget): boolean {
  return targetKey(a) === targetKey(b);
}

/** A row of the Digest Log: one per attempt, written as it happens (or by the next run that may). */
export interface DigestLogRow {
  /** ISO instant. */
  sentAt: string;
  weekOf: string;
  scope: string;
  recipients: string;
  status: DigestStatus;
  trigger: DigestTrigger;
  detail: string;
}
