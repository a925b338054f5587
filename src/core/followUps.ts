/**
 * The Follow-ups queue, pure: which rows should exist (an urgent call, a household still
 * unreached after the hand-off number of attempts), when one is overdue, what its Alert cell
 * says, and what a teacher sees of the follow-ups they raised.
 */
import { Day, daysBetween } from './dates';
import { HouseholdIndex, normalizeName } from './households';
import { CallRecord, emailList, FollowUpRecord, isOpenFollowUp, RosterStudent } from './records';
import { METHODS } from './schema';
import { addToHousehold, HAND_OFF_REASON_PREFIX, HouseholdFacts, newHouseholdFacts } from './snapshot';
/** The Reason of a row whose Urgent box was ticked on the sheet with nothing else to say. */
export const TICKED_ON_SHEET = 'Urgent ticked on the Call Log';

export function isHandOff(f: Pick<FollowUpRecord, 'reason'>): boolean {
  return f.reason.startsWith(HAND_OFF_REASON_PREFIX);
}

/** Open longer than Follow-up Due Days: flagged on Monday with 2 due days is overdue on Thursday. */
export function isOverdue(
  followUp: Pick<FollowUpRecord, 'status' | 'flaggedOn'>,
  today: Day,
  dueDays: number,
): boolean {
  if (!isOpenFollowUp(followUp) || !followUp.flaggedOn) return false;
  return daysBetween(followUp.flaggedOn, today) > dueDays;
}

/** Days from flagging to today, or to the day it was closed; null without a Flagged At. */
export function daysOpen(
  followUp: Pick<FollowUpRecord, 'status' | 'flaggedOn' | 'resolvedOn'>,
  today: Day,
): number | null {
  if (!followUp.flaggedOn) return null;
  const end = isOpenFollowUp(followUp) ? today : (followUp.resolvedOn ?? today);
  return Math.max(0, daysBetween(followUp.flaggedOn, end));
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `Not reached after 3 attempts: Phone ×2, Text message ×1 over 4 days`, from a household's facts. */
export function handOffReasonOf(
  facts: Pick<HouseholdFacts, 'attempts' | 'methods' | 'firstDay' | 'lastDay'>,
): string {
  const order = (m: string): number => {
    const i = (METHODS as readonly string[]).indexOf(m);
    return i < 0 ? METHODS.length : i;
  };
  const methods = Object.entries(facts.methods)
    .sort((a, b) => b[1] - a[1] || order(a[0]) - order(b[0]))
    .map(([m, n]) => `${m} ×${n}`)
    .join(', ');
  const span =
    facts.firstDay && facts.lastDay
      ? ` over ${plural(daysBetween(facts.firstDay, facts.lastDay) + 1, 'day', 'days')}`
      : '';
  return `${HAND_OFF_REASON_PREFIX} ${plural(facts.attempts, 'attempt', 'attempts')}: ${methods || 'no method given'}${span}`;
}

/** The Roster row of a call's student (by Student ID, else by name in the call's school), for the family's contact. */
export function contactFor(
  roster: readonly RosterStudent[],
  call: Pick<CallRecord, 'studentId' | 'student' | 'school'>,
): RosterStudent | undefined {
  const id = call.studentId.trim().toLowerCase();
  if (id) {
    const byId = roster.find((s) => s.studentId.trim().toLowerCase() === id);
    if (byId) return byId;
  }
  const name = normalizeName(call.student);
  const school = normalizeName(call.school);
  return roster.find((s) => normalizeName(s.student) === name && normalizeName(s.school) === school);
}

/** A follow-up to write: an urgent call's, or a household's hand-off. */
export interface FollowUpDraft {
  kind: 'urgent' | 'hand-off';
  /** The call the row is about: the urgent call, or the household's latest attempt. */
  call: CallRecord;
  reason: string;
}

/**
 * The Follow-ups rows that should exist and do not: urgent calls without their row (typed on
 * the sheet, or a submit that stopped halfway), and households with at least
 * `attemptsBeforeHandOff` attempts, no Conversation and no hand-off row yet (one per household).
 * Calls without a Call ID are skipped: Check call log names them, and a row could not be found
 * again without one.
 */
export function missingFollowUps(
  calls: readonly CallRecord[],
  followUps: readonly FollowUpRecord[],
  households: HouseholdIndex,
  settings: { attemptsBeforeHandOff: number },
): FollowUpDraft[] {
  const urgentRows = new Set<string>();
  const handOffCalls = new Set<string>();
  for (const f of followUps) (isHandOff(f) ? handOffCalls : urgentRows).add(f.callId);

  const missing: FollowUpDraft[] = [];
  // What the hand-off needs of each household, tallied as the calls go by (not a list of them).
  const tallies = new Map<string, { facts: HouseholdFacts; latest: CallRecord }>();
  const handedOff = new Set<string>();
  for (const call of calls) {
    if (!call.callId) continue;
    if (call.urgent && !urgentRows.has(call.callId)) {
      urgentRows.add(call.callId);
      missing.push({ kind: 'urgent', call, reason: call.urgentReason || TICKED_ON_SHEET });
    }
    const key = households.keyFor(call);
    if (handOffCalls.has(call.callId)) handedOff.add(key);
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { facts: newHouseholdFacts(), latest: call }));
    addToHousehold(tally.facts, call);
    const latest = tally.latest;
    if (
      (call.callDate ?? '') > (latest.callDate ?? '') ||
      ((call.callDate ?? '') === (latest.callDate ?? '') && call.row > latest.row)
    )
      tally.latest = call;
  }
  for (const [key, { facts, latest }] of tallies) {
    if (handedOff.has(key) || facts.attempts < settings.attemptsBeforeHandOff || facts.reached) continue;
    missing.push({ kind: 'hand-off', call: latest, reason: handOffReasonOf(facts) });
  }
  return missing;
}

// ---- The Alert cell: what happened to the alert email, in words, and read back by its first word.

export type AlertState = 'sent' | 'pending' | 'failed' | 'sending' | 'off' | 'none';

/** A claim older than this belongs to a run that died: the alert is sent again. */
export const STALE_CLAIM_MS = 30 * 60_000;

export const ALERT_TEXT = {
  sent: (when: string, to: readonly string[]): string => `Sent ${when} to ${to.join(', ')}`,
  pending: (why: string): string => `Pending: ${why}`,
  failed: (message: string): string => `Failed: ${message} (tried again every few minutes)`,
  /** A run's claim: unique, so only that run writes the result. */
  sending: (at: Date, run: string): string => `Sending since ${at.toISOString()} (run ${run})`,
  off: 'Off: Send Urgent Alerts is No on Settings',
  handOff: 'None: hand-offs are not emailed',
  closed: 'None: closed before it was sent',
} as const;

export const PENDING_WHY = {
  sheet: 'logged on the sheet; the upkeep trigger sends it within minutes',
  quota: "the daily email quota is used up; sent once Google's quota allows",
  interrupted: 'an earlier send was interrupted; sent again',
  nobody: (school: string): string =>
    `nobody to tell: ${school || 'this school'} has no Follow-up Emails or Principal Emails on Schools`,
} as const;

export function alertStateOf(alert: string): AlertState {
  const first = alert.split(/[\s:]/)[0].toLowerCase();
  if (first === 'sent' || first === 'pending' || first === 'failed' || first === 'sending' || first === 'off')
    return first;
  return 'none';
}

/** When a `Sending since …` claim was made; null for anything else. */
export function claimedAt(alert: string): Date | null {
  const m = /^Sending since (\S+)/.exec(alert);
  const at = m ? new Date(m[1]) : null;
  return at && !isNaN(at.getTime()) ? at : null;
}

/** Alerts the sender should (re)try now: pending, failed, or claimed by a run that died. */
export function awaitsSending(f: Pick<FollowUpRecord, 'alert' | 'status'>, now: Date): boolean {
  const state = alertStateOf(f.alert);
  if (state === 'pending' || state === 'failed') return true;
  if (state !== 'sending') return false;
  const at = claimedAt(f.alert);
  return !at || now.getTime() - at.getTime() >= STALE_CLAIM_MS;
}

/** The categories a Reason names: `Marked by caller; Housing: "evicted"` → Housing. */
export function categoriesOf(reason: string): string[] {
  return reason
    .split('; ')
    .map((part) => /^(.+?): "/.exec(part)?.[1] ?? '')
    .filter((c) => c !== '');
}

/** Open urgent follow-ups whose alert has nobody to go to, in words naming each school (Check call log). */
export function unroutedAlerts(followUps: readonly FollowUpRecord[]): string[] {
  const schools = new Map<string, number>();
  for (const f of followUps) {
    if (isHandOff(f) || !isOpenFollowUp(f) || alertStateOf(f.alert) !== 'pending') continue;
    if (emailList(f.assignedTo).length > 0) continue;
    const school = f.school || '(no school)';
    schools.set(school, (schools.get(school) ?? 0) + 1);
  }
  return [...schools.entries()].map(([school, n]) => {
    const many = n !== 1;
    return (
      `${n} urgent follow-up${many ? 's' : ''} for ${school} ${many ? 'have' : 'has'} nobody to alert: ` +
      `add Follow-up Emails (or Principal Emails) for ${school} on the Schools tab, and the alert${many ? 's go' : ' goes'} out within minutes.`
    );
  });
}
