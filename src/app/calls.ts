/**
 * Logging a call: the sidebar's data (`getCallFormData`) and its submit (`submitCall`).
 */
import { CallFormData, FamilyOption, FormUnavailable, Progress, SubmitResult } from '../contract';
import { shortDay } from '../core/dates';
import { buildHouseholdIndex, HouseholdIndex } from '../core/households';
import { callIdFor, isSubmissionId } from '../core/ids';
import { computeSummary } from '../core/progress';
import { CallRecord, RosterStudent, StaffMember } from '../core/records';
import { REACHED_OUTCOME } from '../core/schema';
import { detectUrgency } from '../core/urgency';
import { CleanCall, validateCallInput } from '../core/validation';
import { appendRows, rowFor } from '../sheets/table';
import { readCalls, readRoster, readStaff } from '../sheets/tabs';
import { markSummaryStale } from '../sheets/state';
import { appendFollowUps, followUpsFor, HouseholdHistory } from './followUps';
import { signatureFor } from './origin';
import { openTracker, Tracker } from '../sheets/tracker';
import { withDocumentLock } from '../sheets/lock';
import { activeEmail } from '../sheets/session';
import { BLANK_EMAIL_MESSAGE, notOnStaffMessage, staffRowsOf } from './people';

const LOCK_WAIT_MS = 20_000;

interface Caller {
  email: string;
  rows: StaffMember[];
  /** The Staff row calls are credited to: the first one. */
  home: StaffMember;
}

function findCaller(tracker: Tracker): Caller | string {
  const email = activeEmail();
  if (!email) return BLANK_EMAIL_MESSAGE;
  const rows = staffRowsOf(readStaff(tracker.ss), email);
  if (rows.length === 0) return notOnStaffMessage(email);
  return { email, rows, home: rows[0] };
}

function progressOf(
  tracker: Tracker,
  caller: Caller,
  calls: readonly CallRecord[],
  roster: readonly RosterStudent[],
): Progress {
  const mine = calls.filter((c) => c.staffEmail === caller.email);
  const withGoal = caller.rows.map((r) => ({ ...r, callGoal: r.callGoal ?? 0 }));
  const result = computeSummary({
    staff: withGoal,
    schools: [],
    roster,
    calls: mine,
    followUps: [],
    settings: tracker.settings,
    today: tracker.today,
  });
  const counted = result.staff.reduce((n, s) => n + s.counted, 0);
  const familiesReached = result.staff.reduce((n, s) => n + s.familiesReached, 0);
  const goals = caller.rows.map((r) => r.callGoal).filter((g): g is number => g !== null);
  const goal = goals.length > 0 ? goals.reduce((a, b) => a + b, 0) : null;
  const attemptsCount = tracker.settings.goalCounts === 'All attempts';
  // "1 of 10 families reached", but "1 family reached" when there is no goal.
  const unit = (n: number): string =>
    attemptsCount ? `${n === 1 ? 'call' : 'calls'} logged` : `${n === 1 ? 'family' : 'families'} reached`;
  const text = goal === null ? `${counted} ${unit(counted)}` : `${counted} of ${goal} ${unit(goal)}`;
  return { goal, counted, familiesReached, attempts: mine.length, text };
}

function householdHistories(
  calls: readonly CallRecord[],
  households: HouseholdIndex,
): Map<string, HouseholdHistory> {
  const histories = new Map<string, HouseholdHistory>();
  for (const call of calls) {
    const key = households.keyFor(call);
    const h = histories.get(key) ?? { attempts: 0, firstConversation: null };
    h.attempts++;
    if (call.outcome === REACHED_OUTCOME && call.callDate) {
      if (!h.firstConversation || (h.firstConversation.callDate ?? '') > call.callDate)
        h.firstConversation = call;
    }
    histories.set(key, h);
  }
  return histories;
}

function familiesFor(
  caller: Caller,
  roster: readonly RosterStudent[],
  households: HouseholdIndex,
  histories: ReadonlyMap<string, HouseholdHistory>,
): FamilyOption[] {
  const schools = new Set(caller.rows.map((r) => r.school.toLowerCase()));
  const families = roster
    .filter((s) => schools.has(s.school.toLowerCase()) || s.assignedTo === caller.email)
    .map((s): FamilyOption => {
      const key = households.keyFor(s);
      const history = histories.get(key);
      const first = history?.firstConversation ?? null;
      return {
        studentId: s.studentId,
        student: s.student,
        grade: s.grade,
        familyMember: s.familyMember,
        homeLanguage: s.homeLanguage,
        priority: s.priority,
        assignedToMe: s.assignedTo === caller.email,
        attempts: history?.attempts ?? 0,
        reached: first
          ? {
              by: first.staffName || first.staffEmail,
              on: first.callDate ?? '',
              byMe: first.staffEmail === caller.email,
            }
          : null,
        household: key,
        siblings: households
          .studentsOf(key)
          .filter((o) => o !== s)
          .map((o) => o.student),
      };
    });
  // Mine first, then priority families, then by name: the order a caller works down.
  const rank = (f: FamilyOption): number => (f.assignedToMe ? 0 : 2) + (f.priority ? 0 : 1);
  return families.sort((a, b) => rank(a) - rank(b) || a.student.localeCompare(b.student));
}

export function getCallFormData(): CallFormData | FormUnavailable {
  const tracker = openTracker();
  const caller = findCaller(tracker);
  if (typeof caller === 'string') return { ok: false, message: caller };
  const roster = readRoster(tracker.ss);
  const { calls } = readCalls(tracker.ss, tracker.sheetTimeZone);
  const households = buildHouseholdIndex(roster);
  return {
    ok: true,
    me: { email: caller.email, name: caller.home.name, school: caller.home.school, role: caller.home.role },
    progress: progressOf(tracker, caller, calls, roster),
    today: tracker.today,
    callsStartDate: tracker.settings.callsStartDate,
    families: familiesFor(caller, roster, households, householdHistories(calls, households)),
  };
}

function callRecord(
  call: CleanCall,
  caller: Caller,
  callId: string,
  now: Date,
  row: number,
  urgentReason: string,
): CallRecord {
  return {
    ...call,
    row,
    callId,
    loggedAt: now,
    staffEmail: caller.email,
    staffName: caller.home.name,
    school: caller.home.school,
    urgent: call.urgent || urgentReason !== '',
    urgentReason,
  };
}

function reachedWarning(history: HouseholdHistory | undefined, caller: Caller): string[] {
  const first = history?.firstConversation;
  if (!first || first.staffEmail === caller.email || !first.callDate) return [];
  return [
    `This family was already reached by ${first.staffName || first.staffEmail} on ${shortDay(first.callDate)}.`,
  ];
}

export function submitCall(input: unknown): SubmitResult {
  const tracker = openTracker();
  const caller = findCaller(tracker);
  if (typeof caller === 'string') return { ok: false, errors: { form: caller } };
  const submissionId = (input as { submissionId?: unknown } | null)?.submissionId;
  if (!isSubmissionId(submissionId)) {
    return {
      ok: false,
      errors: { form: 'The form sent no submission id. Reload the sidebar and try again.' },
    };
  }
  const validation = validateCallInput(input, {
    today: tracker.today,
    callsStartDate: tracker.settings.callsStartDate,
    timeZone: tracker.sheetTimeZone,
  });
  if (!validation.ok) return { ok: false, errors: validation.errors };
  const call = validation.call;
  const roster = readRoster(tracker.ss);
  const households = buildHouseholdIndex(roster);
  const urgency = detectUrgency(
    call.urgent,
    [call.notes, call.familyStrengths, call.hopesAndDreams],
    tracker.settings.urgentPhrases,
  );
  const callId = callIdFor(submissionId, caller.email);

  const busy = (): SubmitResult => ({
    ok: false,
    errors: {
      form: 'The tracker is busy with other calls being logged. Nothing was saved; try again in a moment.',
    },
  });
  return withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const { table, calls } = readCalls(tracker.ss, tracker.sheetTimeZone);
      const existing = calls.find((c) => c.callId === callId);
      if (existing) {
        return {
          ok: true,
          callId,
          urgent: existing.urgent,
          urgentReason: existing.urgentReason,
          progress: progressOf(tracker, caller, calls, roster),
          warnings: [],
          alreadyLogged: true,
        };
      }
      const key = households.keyFor({ ...call, school: caller.home.school });
      const before = householdHistories(calls, households).get(key);
      const row = table.rows.length + 2;
      const record = callRecord(call, caller, callId, tracker.now, row, urgency.reason);
      appendRows(
        table,
        [rowFor(table, { ...record, signature: signatureFor(record, tracker.sheetTimeZone) })],
        row - 1,
      );
      const after: HouseholdHistory = {
        attempts: (before?.attempts ?? 0) + 1,
        firstConversation: before?.firstConversation ?? (record.outcome === REACHED_OUTCOME ? record : null),
      };
      const reasons = followUpsFor(tracker, record, after);
      if (reasons.length > 0) appendFollowUps(tracker, record, reasons);
      markSummaryStale(tracker.now);
      return {
        ok: true,
        callId,
        urgent: record.urgent,
        urgentReason: record.urgentReason,
        progress: progressOf(tracker, caller, [...calls, record], roster),
        warnings: reachedWarning(before, caller),
        alreadyLogged: false,
      };
    },
    busy,
  );
}
