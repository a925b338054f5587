/**
 * Logging a call: the sidebar's data (`getCallFormData`) and its submit (`submitCall`). Both read
 * the caller's own Staff rows, their school's snapshot and the Call Log rows logged since it was
 * built, never the district's whole log, so what a teacher waits for does not grow with the log.
 * Without a current snapshot (none built yet, or a hand edit made it stale) they read the tabs
 * whole: slower, never wrong.
 */
import {
  CallFormData,
  FamilyOption,
  FormUnavailable,
  Progress,
  RaisedFollowUp,
  RecentCall,
  UrgentRules,
  SubmitResult,
} from '../contract';
import { shortDay } from '../core/dates';
import { normalizeName } from '../core/households';
import { callIdFor, isSubmissionId } from '../core/ids';
import { CallRecord, School, StaffMember, text } from '../core/records';
import { FOLLOW_UPS } from '../core/schema';
import { HouseholdFacts, SchoolSnapshot, studentsIndex, withCallsSince } from '../core/snapshot';
import { CleanCall, validateCallInput } from '../core/validation';
import { closestOnRoster, notOnRosterMessage, onRoster } from '../core/nameMatch';
import { findSheet, literalRow, makeRoom, rowFor, Table, TrackerLayoutError } from '../sheets/table';
import { callsOfRows, findStaffRows, readSchools } from '../sheets/tabs';
import { formContext, rememberFormContext } from '../sheets/formContext';
import { openTracker, Tracker, trackerFromContext } from '../sheets/tracker';
import { withDocumentLock } from '../sheets/lock';
import { activeEmail } from '../sheets/session';
import { rowLinker } from '../sheets/links';
import { deliverAlerts, runId } from './alerts';
import { closedYearMessage } from './trackerOrigin';
import { followUpsFor } from './followUps';
import { FollowUpTarget, raiseFollowUps, readFollowUpTarget } from './raise';
import { alertRoutes, urgencyFor } from './routing';
import { QueuedAlert } from '../core/ledger';
import { callRowSigner } from './origin';
import { FORM_ENTRY } from '../core/signature';
import { isHandOff } from '../core/followUps';
import { isOpenFollowUp } from '../core/records';
import { BLANK_EMAIL_MESSAGE, notOnStaffMessage } from './people';
import { callLogView, CallLogView, fromTabs, rulesOf } from './callLogView';

const LOCK_WAIT_MS = 20_000;

interface Caller {
  email: string;
  rows: StaffMember[];
  /** The Staff row calls are credited to: the first one. */
  home: StaffMember;
  /** Staff's header row, as the search read it (or was told it). */
  staffHeaders: string[];
}

function findCaller(tracker: Tracker, staffHeaders?: readonly string[]): Caller | string {
  const email = activeEmail();
  if (!email) return BLANK_EMAIL_MESSAGE;
  const found = findStaffRows(tracker.ss, email, staffHeaders);
  if (found.rows.length === 0) return notOnStaffMessage(email);
  return { email, rows: found.rows, home: found.rows[0], staffHeaders: found.headers };
}

function progressOf(tracker: Tracker, caller: Caller, snapshot: SchoolSnapshot): Progress {
  const facts = snapshot.callers[caller.email] ?? { attempts: 0, reached: [] };
  const attemptsCount = tracker.settings.goalCounts === 'All attempts';
  const counted = attemptsCount ? facts.attempts : facts.reached.length;
  const goals = caller.rows.map((r) => r.callGoal).filter((g): g is number => g !== null);
  const goal = goals.length > 0 ? goals.reduce((a, b) => a + b, 0) : null;
  // "1 of 10 families reached", but "1 family reached" when there is no goal.
  const unit = (n: number): string =>
    attemptsCount ? `${n === 1 ? 'call' : 'calls'} logged` : `${n === 1 ? 'family' : 'families'} reached`;
  const text = goal === null ? `${counted} ${unit(counted)}` : `${counted} of ${goal} ${unit(goal)}`;
  return {
    goal,
    counted,
    counts: tracker.settings.goalCounts,
    familiesReached: facts.reached.length,
    attempts: facts.attempts,
    text,
  };
}

function familiesFor(caller: Caller, snapshots: readonly SchoolSnapshot[]): FamilyOption[] {
  const schools = new Set(caller.rows.map((r) => normalizeName(r.school)));
  const seen = new Set<string>();
  const families: FamilyOption[] = [];
  for (const snapshot of snapshots) {
    for (const s of snapshot.students) {
      if (!schools.has(normalizeName(s.school)) && s.assignedTo !== caller.email) continue;
      const id = `${s.household}|${s.studentId}|${s.student}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const facts = snapshot.households[s.household];
      const first = facts?.reached ?? null;
      families.push({
        studentId: s.studentId,
        student: s.student,
        grade: s.grade,
        familyMember: s.familyMember,
        phone: s.phone,
        email: s.email,
        homeLanguage: s.homeLanguage,
        priority: s.priority,
        assignedToMe: s.assignedTo === caller.email,
        attempts: facts?.attempts ?? 0,
        reached: first ? { by: first.name, on: first.day, byMe: first.email === caller.email } : null,
        household: s.household,
        siblings: snapshot.students
          .filter((o) => o.household === s.household && o !== s)
          .map((o) => o.student),
      });
    }
  }
  // Mine first, then priority families, then by name: the order a caller works down.
  const rank = (f: FamilyOption): number => (f.assignedToMe ? 0 : 2) + (f.priority ? 0 : 1);
  return families.sort((a, b) => rank(a) - rank(b) || a.student.localeCompare(b.student));
}

function recentCallsOf(tracker: Tracker, caller: Caller, snapshot: SchoolSnapshot, log: Table): RecentCall[] {
  const recent = snapshot.callers[caller.email]?.recent ?? [];
  if (recent.length === 0) return [];
  const link = rowLinker(tracker.ss, log.sheet);
  return recent.map((c) => ({
    callId: c.callId,
    callDate: c.day,
    student: c.student,
    outcome: c.outcome,
    link: link(c.row),
  }));
}

function followUpsOf(tracker: Tracker, caller: Caller, snapshot: SchoolSnapshot): RaisedFollowUp[] {
  // A hand-off whose family has been reached is done: it leaves the list (urgent ones stay, with their status).
  const raised = (snapshot.callers[caller.email]?.raised ?? []).filter(
    (f) => !isHandOff(f) || isOpenFollowUp(f),
  );
  const sheet = raised.length > 0 ? findSheet(tracker.ss, FOLLOW_UPS) : null;
  if (!sheet) return [];
  const link = rowLinker(tracker.ss, sheet);
  return raised.map((f) => ({ student: f.student, reason: f.reason, status: f.status, link: link(f.row) }));
}

function formData(): CallFormData | FormUnavailable {
  const tracker = openTracker();
  const caller = findCaller(tracker);
  if (typeof caller === 'string') return { ok: false, message: caller };
  const view = callLogView(tracker, caller.rows);
  const home = view.snapshots[0];
  const school = readSchools(tracker.ss, tracker.sheetTimeZone).find(
    (s) => normalizeName(s.school) === normalizeName(caller.home.school),
  );
  const urgentRules = urgentRulesOf(tracker, school);
  // What this read of the tabs found, for the submits that follow (src/sheets/formContext.ts).
  rememberFormContext({
    timeZone: tracker.sheetTimeZone,
    settings: tracker.settingValues,
    routes: urgentRules.routes,
    callLog: view.log.headers,
    staff: caller.staffHeaders,
  });
  return {
    ok: true,
    me: { email: caller.email, name: caller.home.name, school: caller.home.school, role: caller.home.role },
    progress: progressOf(tracker, caller, home),
    today: tracker.today,
    callsStartDate: tracker.settings.callsStartDate,
    goalDeadline: school?.goalDeadline ?? tracker.settings.goalDeadline,
    families: familiesFor(caller, view.snapshots),
    recentCalls: recentCallsOf(tracker, caller, home, view.log),
    followUps: followUpsOf(tracker, caller, home),
    urgentRules,
    staffNames: [...new Set(view.snapshots.flatMap((s) => s.staffNames))],
  };
}

/** What the form needs to say, before saving, that a call will be flagged urgent and who is told. */
function urgentRulesOf(tracker: Tracker, school: School | undefined): UrgentRules {
  return {
    routes: alertRoutes(tracker),
    school: { principalEmails: school?.principalEmails ?? [], followUpEmails: school?.followUpEmails ?? [] },
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
    entry: FORM_ENTRY,
    withdrawn: '',
    signature: '',
  };
}

function reachedWarning(facts: HouseholdFacts | undefined, caller: Caller): string[] {
  const first = facts?.reached;
  if (!first || first.email === caller.email) return [];
  return [`This family was already reached by ${first.name} on ${shortDay(first.day)}.`];
}

const ALERT_LATER =
  'Your call was saved and its follow-up added. Its alert email could not be sent just now; the tracker sends it within the hour.';

const FOLLOW_UP_PENDING =
  'Your call was saved. Its follow-up could not be added to the Follow-ups tab just now; the tracker adds it within a few minutes.';

/** The log past what the view knows, read under the lock: the calls since, and the next row's number formats. */
interface LogTail {
  lastRow: number;
  since: CallRecord[];
  /** The number formats of the row the call goes to. */
  formats: string[];
}

/**
 * One read from the row the view covers to the row after the last: that row must still hold the
 * call the view saw there (a sort or a deletion moves it: null), the rows after it are calls
 * logged since, and the last one is where this call goes.
 */
function readTail(view: CallLogView, timeZone: string): LogTail | null {
  const { log, through } = view;
  const sheet = log.sheet;
  const lastRow = sheet.getLastRow();
  if (lastRow < through.row) return null;
  const first = Math.max(through.row, 2);
  const rows = lastRow + 2 - first;
  let range: GoogleAppsScript.Spreadsheet.Range;
  try {
    range = sheet.getRange(first, 1, rows, log.headers.length);
  } catch {
    // No empty row below the log: Sheets refuses a range past the sheet's last row.
    makeRoom(log, lastRow + 1);
    range = sheet.getRange(first, 1, rows, log.headers.length);
  }
  const values = range.getValues();
  if (through.row >= 2 && text(values[0][log.index.callId]) !== through.callId) return null;
  const formats = range.getNumberFormats();
  const since = callsOfRows(log, values.slice(0, -1), first, timeZone).filter((c) => c.row > through.row);
  return { lastRow, since, formats: formats[formats.length - 1] };
}

const BUSY: SubmitResult = {
  ok: false,
  errors: {
    form: 'The tracker is busy with other calls being logged. Nothing was saved; try again in a moment.',
  },
};

interface Submission {
  tracker: Tracker;
  caller: Caller;
  call: CleanCall;
  callId: string;
}

/**
 * Logs the call from what `view` knows: holding the document lock for the read of the log's
 * tail, the write of the row and of its follow-ups. Null, with nothing written, when rows moved
 * since the view was made (the caller tries again from the tabs themselves).
 */
function logCall({ tracker, caller, call, callId }: Submission, view: CallLogView): SubmitResult | null {
  const rules = rulesOf(tracker);
  const urgency = urgencyFor(tracker, call);
  const tz = tracker.sheetTimeZone;
  const home = view.snapshots[0];
  const key = studentsIndex(home.students).keyFor({ ...call, school: caller.home.school });
  // A call that may raise a follow-up checks the tabs it would write before anything is written;
  // the others do not read them.
  let target: FollowUpTarget | null = null;
  const followUpTarget = (): FollowUpTarget => (target ??= readFollowUpTarget(tracker));
  const facts = home.households[key];
  const nearHandOff = !facts?.reached && (facts?.attempts ?? 0) + 1 >= rules.handOffAfter;
  if (urgency.urgent || nearHandOff) followUpTarget();
  const sign = callRowSigner(tz);

  let claimed: QueuedAlert[] = [];
  const outcome = withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const tail = readTail(view, tz);
      if (!tail) return 'moved' as const;
      const snapshot = withCallsSince(home, tail.since, rules);
      const existing = view.logged.get(callId) ?? tail.since.find((c) => c.callId === callId);
      if (existing) {
        const record = { ...callRecord(call, caller, callId, tracker.now, existing.row, ''), ...existing };
        return { record, snapshot, alreadyLogged: true, warnings: [] as string[] };
      }
      const before = snapshot.households[key];
      const record = callRecord(call, caller, callId, tracker.now, tail.lastRow + 1, urgency.reason);
      const { log } = view;
      log.sheet
        .getRange(record.row, 1, 1, log.headers.length)
        .setValues([literalRow(log, rowFor(log, { ...record, signature: sign(record) }), tail.formats)]);
      const after = withCallsSince(snapshot, [record], rules);
      const raisesHandOff = Boolean(after.households[key]?.handOff && !before?.handOff);
      const warnings = reachedWarning(before, caller);
      const facts = after.households[key];
      const drafts = followUpsFor(record, raisesHandOff && facts ? { key, facts } : null);
      try {
        if (drafts.length > 0)
          claimed = raiseFollowUps(tracker, followUpTarget(), drafts, {
            students: home.students,
            claimFor: runId(),
            verified: () => true,
          }).claimed;
      } catch {
        // The call is kept; the upkeep trigger's refresh adds the follow-ups it finds missing.
        warnings.push(FOLLOW_UP_PENDING);
      }
      return { record, snapshot: after, alreadyLogged: false, warnings };
    },
    () => null,
  );
  if (outcome === 'moved') return null;
  if (!outcome) return BUSY;
  // The call is saved: whatever fails from here on is said in words, and nothing is lost.
  try {
    // After the lock: an email takes a moment, and other teachers' submits need not wait for it.
    deliverAlerts(tracker, claimed);
  } catch {
    // The alert stays owed in the ledger; upkeep sends it once this execution's claim is stale.
    outcome.warnings.push(ALERT_LATER);
  }
  return {
    ok: true,
    callId,
    urgent: outcome.record.urgent,
    urgentReason: outcome.record.urgentReason,
    progress: progressOf(tracker, caller, outcome.snapshot),
    warnings: outcome.warnings,
    alreadyLogged: outcome.alreadyLogged,
  };
}

/**
 * A submit reads no Settings, Alert Routes or header row when the sidebar kept them as it opened
 * (src/sheets/formContext.ts), and no Call Log row but the ones logged since the last refresh.
 * When rows moved since that refresh, it logs from the tabs themselves.
 */
function submit(input: unknown): SubmitResult {
  const context = formContext();
  const tracker = context ? trackerFromContext(context) : openTracker();
  const caller = findCaller(tracker, context?.staff);
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
  const submission = {
    tracker,
    caller,
    call: validation.call,
    callId: callIdFor(submissionId, caller.email),
  };
  const view = callLogView(tracker, caller.rows, { tail: false, headers: context?.callLog });
  // A name not on the caller's Roster is logged as typed only when they chose so, after the form's suggestions.
  const roster = familiesFor(caller, view.snapshots);
  if (
    (input as { offRoster?: unknown }).offRoster !== true &&
    roster.length > 0 &&
    !onRoster(submission.call, roster)
  )
    return {
      ok: false,
      errors: {
        student: notOnRosterMessage(
          submission.call.student,
          closestOnRoster(submission.call.student, roster),
        ),
      },
    };
  return logCall(submission, view) ?? logCall(submission, fromTabs(tracker, caller.rows)) ?? BUSY;
}

/**
 * A tab or header the form needs is missing: the teacher is told which, and how it is fixed,
 * in the form (which keeps what they typed), not as a failed request. Nothing was written.
 */
function layoutMessage(error: unknown): string | null {
  return error instanceof TrackerLayoutError ? error.message : null;
}

export function getCallFormData(): CallFormData | FormUnavailable {
  const closed = closedYearMessage();
  if (closed) return { ok: false, message: closed };
  try {
    return formData();
  } catch (error) {
    const message = layoutMessage(error);
    if (message) return { ok: false, message };
    throw error;
  }
}

export function submitCall(input: unknown): SubmitResult {
  const closed = closedYearMessage();
  if (closed) return { ok: false, errors: { form: closed } };
  try {
    return submit(input);
  } catch (error) {
    const message = layoutMessage(error);
    if (message) return { ok: false, errors: { form: message } };
    throw error;
  }
}
