/**
 * The add-on's own record of what it wrote and what it owes, kept where no editor can type (the
 * spreadsheet's document properties; src/sheets/ledgerStore.ts): every follow-up it added, whether
 * it is closed as far as the add-on knows, and every urgent alert until it is delivered. The
 * Follow-ups tab's Alert column and the Digest Log are reports written from it: typing in them
 * changes nothing that is sent.
 *
 * One small property per follow-up (`f.<id>` = two letters) keeps a district's year inside the
 * 500 kB document-properties quota (about 14 bytes each: 30,000 follow-ups take ~420 kB), and
 * lets two executions record different follow-ups without overwriting each other.
 */
import { Day } from './dates';
import { hash53 } from './ids';

export type FollowUpKind = 'urgent' | 'hand-off';

/** What became of an urgent alert. */
export type AlertOutcome =
  /** Still to send (queued, waiting for quota, the cap, a retry, or somebody to tell). */
  | 'queued'
  | 'sent'
  /** Google rejected the address: not retried. */
  | 'failed'
  /** Send Urgent Alerts was No when it was raised. */
  | 'off'
  /** The call stopped being urgent (unticked by someone allowed to, or withdrawn) before it was sent. */
  | 'cancelled'
  /** Hand-offs are not emailed. */
  | 'none'
  /** Raised before the add-on kept a ledger, with nothing owed: its Alert cell is left as it was. */
  | 'earlier';

export interface KnownFollowUp {
  id: string;
  kind: FollowUpKind;
  /** Closed (Resolved, Not urgent, reached, withdrawn) as far as the add-on last saw. */
  closed: boolean;
  alert: AlertOutcome;
}

const ALERT_CODES: Record<AlertOutcome, string> = {
  queued: 'q',
  sent: 's',
  failed: 'f',
  off: 'x',
  cancelled: 'n',
  none: '-',
  earlier: 'e',
};
const ALERT_BY_CODE = new Map(Object.entries(ALERT_CODES).map(([k, v]) => [v, k as AlertOutcome]));

export const FOLLOW_UP_PREFIX = 'f.';

/** `u`/`U` an open/closed urgent follow-up, `h`/`H` a hand-off; then the alert's code. */
export function encodeKnown(f: KnownFollowUp): string {
  const kind = f.kind === 'urgent' ? 'u' : 'h';
  return (f.closed ? kind.toUpperCase() : kind) + ALERT_CODES[f.alert];
}

export function decodeKnown(id: string, value: string): KnownFollowUp | null {
  const kind = value[0]?.toLowerCase();
  const alert = ALERT_BY_CODE.get(value[1] ?? '');
  if ((kind !== 'u' && kind !== 'h') || !alert) return null;
  return { id, kind: kind === 'u' ? 'urgent' : 'hand-off', closed: value[0] !== kind, alert };
}

/** An urgent follow-up is known by its call; a hand-off by its household (one per household). */
export function urgentId(callId: string): string {
  return callId;
}

export function handOffId(school: string, householdKey: string): string {
  return `H-${hash53(`${school.trim().toLowerCase()}\u0000${householdKey}`).toString(36)}`;
}

// ---- alerts still owed

export const ALERT_PREFIX = 'a.';

/**
 * An urgent alert not yet delivered: what the email says, taken from the Call Log row when the
 * follow-up was raised, never from a cell of Follow-ups. Recipients are not kept: they are read
 * from Alert Routes and Schools when it is sent.
 */
export interface QueuedAlert {
  id: string;
  callId: string;
  school: string;
  /** The call was logged with the form and verified: its student, caller and reply-to may be used. */
  verified: boolean;
  student: string;
  staffEmail: string;
  staffName: string;
  callDay: Day | null;
  /** ISO instant the call was logged. */
  loggedAt: string | null;
  reason: string;
  /** The Call Log row when raised (a hint: rows move). */
  row: number;
  /** A hash of the note texts when raised: notes are quoted only while they still match. */
  notesHash: string;
  /** ISO instant the follow-up was raised. */
  raisedAt: string;
  tries: number;
  /** ISO instant before which it is not tried again (a growing wait after a transient failure). */
  notBefore: string | null;
  /** Why it waits, in words, for the Alert report. */
  why: string;
  /** A run that took it to send: only that run sends it, until the claim is stale. */
  claim: { run: string; at: string } | null;
}

export function encodeQueued(a: QueuedAlert): string {
  return JSON.stringify(a);
}

export function decodeQueued(value: string): QueuedAlert | null {
  try {
    const a = JSON.parse(value) as QueuedAlert;
    return typeof a.id === 'string' && typeof a.school === 'string' ? a : null;
  } catch {
    return null;
  }
}

/** A claim older than this belongs to a run that died (an execution lasts at most 6 minutes). */
export const STALE_CLAIM_MS = 30 * 60_000;

/** The wait after the n-th transient failure: 5 minutes, doubling, at most a day. */
export function retryWaitMs(tries: number): number {
  return Math.min(5 * 60_000 * 2 ** Math.max(0, tries - 1), 24 * 3_600_000);
}

export function isDue(a: QueuedAlert, now: Date): boolean {
  if (a.claim && now.getTime() - new Date(a.claim.at).getTime() < STALE_CLAIM_MS) return false;
  return !a.notBefore || new Date(a.notBefore).getTime() <= now.getTime();
}

/** What MailApp's refusal means for the email: try again later, or never (the address). */
export type MailFailure = 'quota' | 'transient' | 'address';

export function classifyMailError(message: string): MailFailure {
  if (/too many times for one day|quota/i.test(message)) return 'quota';
  if (/invalid email|invalid argument|recipient|address/i.test(message)) return 'address';
  return 'transient';
}

// ---- the daily cap on automatic mail per school

export const ALERT_DAY_PREFIX = 'alerts.day.';

export interface AlertDay {
  /** Alerts sent today per school (normalized name). */
  sent: Record<string, number>;
  /** Schools whose follow-up contacts and leaders were told the cap held alerts back today. */
  told: string[];
}

export function decodeAlertDay(value: string | undefined): AlertDay {
  try {
    const d = value ? (JSON.parse(value) as Partial<AlertDay>) : {};
    return { sent: d.sent ?? {}, told: d.told ?? [] };
  } catch {
    return { sent: {}, told: [] };
  }
}

/** Alerts to claim for sending now, within the day's cap per school; the rest are held with why. */
export function claimWithinCap(
  alerts: readonly QueuedAlert[],
  day: AlertDay,
  cap: number,
  claim: { run: string; at: string },
): { claimed: QueuedAlert[]; held: QueuedAlert[]; day: AlertDay } {
  const sent = { ...day.sent };
  const claimed: QueuedAlert[] = [];
  const held: QueuedAlert[] = [];
  for (const a of alerts) {
    const school = a.school.trim().toLowerCase();
    if ((sent[school] ?? 0) >= cap) {
      held.push({ ...a, why: capWhy(cap) });
      continue;
    }
    sent[school] = (sent[school] ?? 0) + 1;
    claimed.push({ ...a, claim });
  }
  return { claimed, held, day: { ...day, sent } };
}

export function capWhy(cap: number): string {
  return `the school had ${cap} alerts today (Max Alerts Per School Per Day on Settings); sent tomorrow`;
}
