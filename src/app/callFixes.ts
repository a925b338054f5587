/**
 * Fixing a call from the sidebar, or withdrawing one logged by mistake, so that nobody deletes
 * or retypes rows to correct them. Only the caller, their school's principal or a leader (or the
 * owner) may. The row is found by Sheets' search on its Call ID (the log is never read whole),
 * and the document lock is held only while that row is found again and written.
 */
import { closedYearMessage } from './trackerOrigin';
import type { CallToEdit, EditResult, FormUnavailable, WithdrawResult } from '../contract';
import { shortDay } from '../core/dates';
import { TICKED_ON_SHEET } from '../core/followUps';
import { normalizeName } from '../core/households';
import { isCallId } from '../core/ids';
import { QueuedAlert, urgentId } from '../core/ledger';
import { CallRecord, RosterStudent, StaffMember, toCallRecord } from '../core/records';
import { decodeState } from '../core/schoolState';
import { CALL_INPUT_COLUMNS, CALL_LOG, CALL_LOG_LATER_COLUMNS } from '../core/schema';
import { callFactsOf, callVerifier, EDITED_ENTRY } from '../core/signature';
import { MARKED_BY_CALLER } from '../core/urgency';
import type { CallInputKey } from '../core/validation';
import { validateCallInput } from '../core/validation';
import { ledgerNow } from '../sheets/ledgerStore';
import { withDocumentLock } from '../sheets/lock';
import { activeEmail } from '../sheets/session';
import { recordEdit } from '../sheets/edits';
import { loadBlobs, schoolBlob, storeMeta } from '../sheets/stateStore';
import { signingKey, summaryStale } from '../sheets/state';
import { cellGetter, readHeaderRow, readRowsOf, rewriteRow, strikeThrough, Table } from '../sheets/table';
import { findCallRow, findStaffRows, readRoster } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import { deliverAlerts, runId } from './alerts';
import { closeAsNotUrgent, closeWithdrawn, followUpsFor } from './followUps';
import { callRowSigner } from './origin';
import { BLANK_EMAIL_MESSAGE, hasRole, notOnStaffMessage } from './people';
import { raiseFollowUps, readFollowUpTarget } from './raise';
import { urgencyFor } from './routing';

const LOCK_WAIT_MS = 20_000;
const BUSY = 'The tracker is busy with other calls being logged. Nothing was changed; try again in a moment.';
const CHANGED_MEANWHILE =
  'This call changed on the Call Log while you were saving (someone edited or sorted it). Nothing was changed: open it again and retry.';

interface FoundCall {
  log: Table;
  row: number;
  /** The row's cells by column key, as read (what its signature covers). */
  get: (key: string) => unknown;
  call: CallRecord;
}

/** The call with this Call ID on `log`, found by Sheets' own search and read alone; null when none. */
function readCall(tracker: Tracker, log: Table, callId: string): FoundCall | null {
  const row = findCallRow(log, callId);
  if (!row) return null;
  const get = cellGetter(log, readRowsOf(log, row, row)[0]);
  return { log, row, get, call: toCallRecord(get, row, tracker.sheetTimeZone) };
}

interface Changer {
  email: string;
  /** How the Withdrawn mark names them: their Staff name, else their address. */
  name: string;
}

/**
 * Who may fix or withdraw this call: its caller, the principal of its school, a Leader on Staff or
 * the spreadsheet's owner. Anyone else gets the reason, in words.
 */
function changerOf(tracker: Tracker, call: CallRecord): Changer | string {
  const email = activeEmail();
  if (!email) return BLANK_EMAIL_MESSAGE;
  const rows: StaffMember[] = findStaffRows(tracker.ss, email).rows;
  const me = { email, name: rows[0]?.name || email };
  if (email === call.staffEmail || hasRole(rows, 'Leader')) return me;
  const school = normalizeName(call.school);
  if (rows.some((r) => r.role === 'Principal' && school !== '' && normalizeName(r.school) === school))
    return me;
  if (email === (tracker.ss.getOwner()?.getEmail().toLowerCase() ?? '')) return me;
  if (rows.length === 0) return notOnStaffMessage(email);
  return `Only the person who logged this call (${call.staffName || call.staffEmail || 'not named on the row'}), the principal of ${call.school || 'its school'} or a district leader can fix or withdraw it.`;
}

type Opened = { found: FoundCall; changer: Changer } | string;

/** The call and who is changing it, or why it cannot be changed. */
function open(tracker: Tracker, callId: unknown): Opened {
  const closed = closedYearMessage();
  if (closed) return closed;
  if (!isCallId(callId)) return 'No call was named. Reload the sidebar and try again.';
  const log = readHeaderRow(tracker.ss, CALL_LOG, { optional: CALL_LOG_LATER_COLUMNS });
  const found = readCall(tracker, log, callId);
  if (!found) return `No call with Call ID ${callId} is on the Call Log.`;
  const changer = changerOf(tracker, found.call);
  return typeof changer === 'string' ? changer : { found, changer };
}

/** Whether Urgent was ticked by a person (the form's box), not only set by a phrase the notes matched. */
function tickedByPerson(call: CallRecord): boolean {
  if (!call.urgent) return false;
  const reason = call.urgentReason;
  return reason === '' || reason.includes(MARKED_BY_CALLER) || reason.includes(TICKED_ON_SHEET);
}

/** Edit (sidebar): the call's values as the form shows them. */
export function getCallToEdit(callId: unknown): CallToEdit | FormUnavailable {
  const tracker = openTracker();
  const opened = open(tracker, callId);
  if (typeof opened === 'string') return { ok: false, message: opened };
  const { call } = opened.found;
  if (call.withdrawn) return { ok: false, message: `This call was withdrawn (${call.withdrawn}).` };
  const values = Object.fromEntries(
    CALL_INPUT_COLUMNS.map((c) => [c.key, (call as unknown as Record<string, unknown>)[c.key]]),
  ) as Record<CallInputKey, string | boolean>;
  return {
    ok: true,
    callId: call.callId,
    values: {
      ...values,
      callDate: call.callDate ?? '',
      urgent: tickedByPerson(call),
    } as CallToEdit['values'],
  };
}

/** The row as it stands once the lock is held, if it is still the call that was opened (same caller, same school). */
function again(tracker: Tracker, opened: FoundCall): FoundCall | null {
  const now = readCall(tracker, opened.log, opened.call.callId);
  const same =
    now && now.call.staffEmail === opened.call.staffEmail && now.call.school === opened.call.school;
  return same ? now : null;
}

/**
 * A rewritten or withdrawn row is recorded as a hand edit is: the Summary is stale, the sidebars
 * of its school read the row until the next refresh, and that refresh reads it again.
 */
function markChanged(tracker: Tracker, row: number, school: string): void {
  recordEdit(
    { calls: [[row, row]], schools: [normalizeName(school)] },
    tracker.now,
    summaryStale(tracker.now),
  );
}

/** The school's students as its stored state keeps them, else the whole Roster (the state is not there yet). */
function schoolStudents(tracker: Tracker, school: string): RosterStudent[] {
  const meta = storeMeta();
  const blob = schoolBlob(normalizeName(school));
  const state = meta ? decodeState(loadBlobs(tracker.ss, meta, [blob]).get(blob) ?? '') : null;
  return state ? state.students : readRoster(tracker.ss);
}

/**
 * Save (sidebar, editing): the row rewritten from the form, checked like a submit and signed
 * again; Call ID, Logged At and the Staff columns stay; Entry becomes "Edited in form". A call
 * that becomes urgent raises its follow-up and alert as a submit does; one that stops being
 * urgent has its follow-up closed as Not urgent.
 */
export function editCall(callId: unknown, input: unknown): EditResult {
  const tracker = openTracker();
  const opened = open(tracker, callId);
  if (typeof opened === 'string') return { ok: false, errors: { form: opened } };
  if (opened.found.call.withdrawn)
    return { ok: false, errors: { form: `This call was withdrawn (${opened.found.call.withdrawn}).` } };
  const validation = validateCallInput(input, {
    today: tracker.today,
    callsStartDate: tracker.settings.callsStartDate,
    timeZone: tracker.sheetTimeZone,
  });
  if (!validation.ok) return { ok: false, errors: validation.errors };
  const urgency = urgencyFor(tracker, validation.call);
  const sign = callRowSigner(tracker.sheetTimeZone);
  // Read before the lock: where a new follow-up goes, and the family's contacts for it.
  const raises = urgency.urgent && !ledgerNow().known(urgentId(opened.found.call.callId));
  const target = raises ? readFollowUpTarget(tracker) : null;
  const students = raises ? schoolStudents(tracker, opened.found.call.school) : [];
  let claimed: QueuedAlert[] = [];
  const outcome = withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const now = again(tracker, opened.found);
      if (!now || now.call.withdrawn) return null;
      // Only what the form sets is written: Call ID, Logged At, the Staff columns stay as they are.
      const changes: Record<string, unknown> = {
        ...validation.call,
        urgent: urgency.urgent,
        urgentReason: urgency.reason,
        entry: EDITED_ENTRY,
      };
      const facts = callFactsOf((k) => (k in changes ? changes[k] : now.get(k)));
      rewriteRow(now.log, now.row, { ...changes, signature: sign(facts) });
      const record: CallRecord = { ...now.call, ...validation.call, ...changes, entry: EDITED_ENTRY };
      if (target) {
        claimed = raiseFollowUps(tracker, target, followUpsFor(record, null), {
          students,
          claimFor: runId(),
          verified: () => true,
        }).claimed;
      } else if (now.call.urgent && !record.urgent) {
        closeAsNotUrgent(
          tracker,
          [record.callId],
          `Urgent was unticked when ${opened.changer.name} fixed the call from the form.`,
        );
      }
      return { record, row: now.row };
    },
    () => undefined,
  );
  if (outcome === undefined) return { ok: false, errors: { form: BUSY } };
  if (outcome === null) return { ok: false, errors: { form: CHANGED_MEANWHILE } };
  const warnings: string[] = [];
  try {
    deliverAlerts(tracker, claimed);
  } catch {
    warnings.push('Its alert email could not be sent just now; the tracker sends it within the hour.');
  }
  markChanged(tracker, outcome.row, outcome.record.school);
  return {
    ok: true,
    callId: outcome.record.callId,
    urgent: outcome.record.urgent,
    urgentReason: outcome.record.urgentReason,
    warnings,
  };
}

/**
 * Logged by mistake (sidebar): the row stays, says who withdrew it and when, is struck through
 * and counts nowhere; its open urgent follow-up is closed and an alert not yet sent is cancelled.
 * A row the form signed is signed again with the mark, so the mark cannot be typed by hand
 * without Check call log saying so.
 */
export function withdrawCall(callId: unknown): WithdrawResult {
  const tracker = openTracker();
  const opened = open(tracker, callId);
  const id = typeof callId === 'string' ? callId : '';
  if (typeof opened === 'string') return { ok: false, callId: id, message: opened };
  const { call } = opened.found;
  if (call.withdrawn) return { ok: true, callId: id, message: `Already withdrawn: ${call.withdrawn}.` };
  const mark = `Withdrawn by ${opened.changer.name} on ${tracker.today}`;
  const verify = callVerifier(signingKey(), tracker.sheetTimeZone);
  const sign = callRowSigner(tracker.sheetTimeZone);
  const outcome = withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const now = again(tracker, opened.found);
      if (!now) return null;
      if (now.call.withdrawn) return now;
      const signature =
        verify(now.get) === 'form' ? sign({ ...callFactsOf(now.get), withdrawn: mark }) : undefined;
      rewriteRow(now.log, now.row, { withdrawn: mark, signature });
      strikeThrough(now.log, now.row);
      if (now.call.urgent) closeWithdrawn(tracker, now.call.callId, mark);
      return now;
    },
    () => undefined,
  );
  if (outcome === undefined) return { ok: false, callId: id, message: BUSY };
  if (outcome === null) return { ok: false, callId: id, message: CHANGED_MEANWHILE };
  markChanged(tracker, outcome.row, call.school);
  const what = [call.student, call.callDate ? shortDay(call.callDate) : ''].filter(Boolean).join(', ');
  return {
    ok: true,
    callId: id,
    message: `Withdrawn: the call (${what}) stays on the Call Log, struck through, and counts nowhere.${call.urgent ? ' Its follow-up is closed.' : ''}`,
  };
}
