/**
 * The Follow-ups queue, pure: which rows should exist (an urgent call, a household still
 * unreached after the hand-off number of attempts), when one is overdue, what its Alert cell
 * says, and what a teacher sees of the follow-ups they raised.
 */
import { Day, daysBetween } from './dates';
import { HouseholdIndex, normalizeName } from './households';
import { CallRecord, FollowUpRecord, isCounted, isOpenFollowUp, RosterStudent } from './records';
import { handOffId, KnownFollowUp, QueuedAlert, urgentId } from './ledger';
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
  /** The ledger id it stands for: the call's for an urgent one, the household's for a hand-off. */
  id: string;
  /** The call the row is about: the urgent call, or the household's latest attempt. */
  call: CallRecord;
  reason: string;
}

/** One household's calls, tallied as they go by (not listed): what a hand-off and its closing need. */
export interface HouseholdTally {
  /** The household key in the Roster's index. */
  key: string;
  /** Its hand-off's ledger id. */
  id: string;
  facts: HouseholdFacts;
  /** The latest attempt: the call a hand-off row is about. */
  latest: CallRecord;
}

/** Every household's tally, by its hand-off id. */
export function tallyHouseholds(
  calls: readonly CallRecord[],
  households: Pick<HouseholdIndex, 'keyFor'>,
): Map<string, HouseholdTally> {
  const byKey = new Map<string, HouseholdTally>();
  for (const call of calls) {
    if (!isCounted(call)) continue;
    const key = households.keyFor(call);
    let tally = byKey.get(key);
    if (!tally)
      byKey.set(
        key,
        (tally = { key, id: handOffId(call.school, key), facts: newHouseholdFacts(), latest: call }),
      );
    addToHousehold(tally.facts, call);
    const latest = tally.latest;
    if (
      (call.callDate ?? '') > (latest.callDate ?? '') ||
      ((call.callDate ?? '') === (latest.callDate ?? '') && call.row > latest.row)
    )
      tally.latest = call;
  }
  return new Map([...byKey.values()].map((t) => [t.id, t]));
}

/** Whether a household is past the hand-off number of attempts and nobody has reached it. */
export function isHandOffDue(tally: HouseholdTally, attemptsBeforeHandOff: number): boolean {
  return tally.facts.attempts >= attemptsBeforeHandOff && !tally.facts.reached;
}

/**
 * The follow-ups that should exist and the add-on never wrote (`isKnown` asks its ledger, not
 * the tab anyone can edit): urgent calls, and households past the hand-off number of attempts
 * with no Conversation (one per household). Every call has a Call ID by now: the reconciliation
 * gives one to rows typed without it first.
 */
export function missingFollowUps(
  calls: readonly CallRecord[],
  isKnown: (id: string) => boolean,
  tallies: ReadonlyMap<string, HouseholdTally>,
  settings: { attemptsBeforeHandOff: number },
): FollowUpDraft[] {
  const missing: FollowUpDraft[] = [];
  const raised = new Set<string>();
  for (const call of calls) {
    const id = urgentId(call.callId);
    // A row typed by someone Google did not name has no school yet: raised once a leader fills it in.
    if (!call.callId || !call.urgent || !call.school || isKnown(id) || raised.has(id)) continue;
    if (!isCounted(call)) continue;
    raised.add(id);
    missing.push({ kind: 'urgent', id, call, reason: call.urgentReason || TICKED_ON_SHEET });
  }
  for (const tally of tallies.values()) {
    if (!isHandOffDue(tally, settings.attemptsBeforeHandOff) || isKnown(tally.id)) continue;
    missing.push({
      kind: 'hand-off',
      id: tally.id,
      call: tally.latest,
      reason: handOffReasonOf(tally.facts),
    });
  }
  return missing;
}

/** A hand-off's row once its household is reached: the add-on closes it, saying by whom and when. */
export function reachedResolution(reached: { name: string; day: Day }): string {
  return `Reached by ${reached.name} on ${reached.day}.`;
}

// ---- The Alert cell: a report of the ledger, in words.

export const ALERT_TEXT = {
  sent: (when: string, to: readonly string[]): string => `Sent ${when} to ${to.join(', ')}`,
  /** What the ledger says of a sent alert whose cell was typed over (when and to whom are in the sender's Sent mail). */
  sentEarlier: "Sent (the add-on's record; this cell had been changed)",
  pending: (why: string): string => `Pending: ${why}`,
  failed: (message: string): string =>
    `Failed: ${message} (not sent again: fix the address on Schools or Alert Routes)`,
  failedEarlier: "Failed: Google rejected the address (the add-on's record)",
  sending: (at: Date): string => `Sending since ${at.toISOString()}`,
  off: 'Off: Send Urgent Alerts is No on Settings',
  handOff: 'None: hand-offs are not emailed',
  closed: 'None: the call stopped being urgent before it was sent',
} as const;

export const PENDING_WHY = {
  sheet: 'logged on the sheet; the upkeep trigger sends it within minutes',
  queued: 'the upkeep trigger sends it within minutes',
  quota: "the daily email quota is used up; sent once Google's quota allows",
  retry: (error: string, at: string): string =>
    `Google's mail service failed (${error}); tried again at ${at}`,
  nobody: (school: string): string =>
    `nobody to tell: ${school || 'this school'} has no Follow-up Emails or Principal Emails on Schools`,
} as const;

/** Whether a Reason names nobody to tell (Check call log names such schools). */
export function isNobodyWhy(why: string): boolean {
  return why.startsWith('nobody to tell');
}

/** What the Alert cell of a follow-up says, from the ledger; `current` is the cell as it reads now. */
export function alertReport(known: KnownFollowUp, queued: QueuedAlert | undefined, current: string): string {
  switch (known.alert) {
    case 'none':
      return ALERT_TEXT.handOff;
    case 'earlier':
      return current;
    case 'off':
      return ALERT_TEXT.off;
    case 'cancelled':
      return ALERT_TEXT.closed;
    case 'sent':
      return current.startsWith('Sent ') && current !== ALERT_TEXT.sentEarlier
        ? current
        : ALERT_TEXT.sentEarlier;
    case 'failed':
      return current.startsWith('Failed: ') ? current : ALERT_TEXT.failedEarlier;
    case 'queued':
      if (queued?.claim) return ALERT_TEXT.sending(new Date(queued.claim.at));
      return ALERT_TEXT.pending(queued?.why || PENDING_WHY.queued);
  }
}

/** The categories a Reason names: `Marked by caller; Housing: "evicted"` → Housing. */
export function categoriesOf(reason: string): string[] {
  return reason
    .split('; ')
    .map((part) => /^(.+?): "/.exec(part)?.[1] ?? '')
    .filter((c) => c !== '');
}

/** Alerts owed that have nobody to go to, in words naming each school (Check call log). */
export function unroutedAlerts(queued: readonly QueuedAlert[]): string[] {
  const schools = new Map<string, number>();
  for (const a of queued) {
    if (!isNobodyWhy(a.why)) continue;
    const school = a.school || '(no school)';
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
