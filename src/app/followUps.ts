/**
 * The Follow-ups tab: a row per urgent call (its alert routed by Alert Routes) and per household
 * still unreached after the hand-off number of attempts. A submit adds its urgent row at once;
 * the refresh adds what is missing (calls typed on the sheet, hand-offs) and keeps Days Open
 * current; onEdit stamps Resolved At and closes a follow-up whose Urgent box is unticked.
 */
import { Day } from '../core/dates';
import {
  ALERT_TEXT,
  awaitsSending,
  daysOpen,
  isHandOff,
  missingFollowUps,
  PENDING_WHY,
  TICKED_ON_SHEET,
} from '../core/followUps';
import { buildHouseholdIndex, HouseholdIndex } from '../core/households';
import { CallRecord, FollowUpRecord, isOpenFollowUp, RosterStudent, School, text } from '../core/records';
import { CALL_LOG, CLOSED_STATUSES, FOLLOW_UPS } from '../core/schema';
import { AlertRoute, detectUrgency, recipientsFor, Urgency } from '../core/urgency';
import { ensureOverdueHighlight } from '../sheets/alertSetup';
import { markAlertsPending, markSummaryStale } from '../sheets/state';
import { appendRows, cellGetter, indexColumns, readOptionalTable, rowFor, Table } from '../sheets/table';
import { NEWER_FOLLOW_UP_COLUMNS, readAlertRoutes, readFollowUps, readSchools } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import { NOTE_PREFIX } from './checks';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** What is known of a household's calls, this call included. */
export interface HouseholdHistory {
  attempts: number;
  firstConversation: CallRecord | null;
}

/** Routes are read once per execution. */
const routesRead = new WeakMap<Tracker, AlertRoute[]>();
export function alertRoutes(tracker: Tracker): AlertRoute[] {
  let routes = routesRead.get(tracker);
  if (!routes) routesRead.set(tracker, (routes = readAlertRoutes(tracker.ss)));
  return routes;
}

type CallTexts = Pick<CallRecord, 'urgent' | 'notes' | 'familyStrengths' | 'hopesAndDreams'>;

/** Whether a call is urgent, and why: ticked by the caller, or a phrase of Alert Routes in its texts. */
export function urgencyFor(tracker: Tracker, call: CallTexts): Urgency {
  return detectUrgency(
    call.urgent,
    [call.notes, call.familyStrengths, call.hopesAndDreams],
    alertRoutes(tracker),
  );
}

/** A link that opens the tab at that row. */
export function rowLink(ss: Spreadsheet, sheet: Sheet, row: number): string {
  return `${ss.getUrl()}#gid=${sheet.getSheetId()}&range=A${row}`;
}

/** An alert this execution claimed (its Alert cell holds `token`): only this execution sends it. */
export interface ClaimedAlert {
  row: number;
  token: string;
  followUp: FollowUpRecord;
  link: string;
  /** The call's note text, or null when Settings leaves notes out of emails. */
  notes: string | null;
}

/** A follow-up to write: an urgent call's, or a household's hand-off. */
export interface FollowUpDraft {
  kind: 'urgent' | 'hand-off';
  call: CallRecord;
  reason: string;
}

/** The follow-up a just-logged call raises, when it is urgent. Hand-offs come from the refresh. */
export function followUpsFor(record: CallRecord): FollowUpDraft[] {
  return record.urgent
    ? [{ kind: 'urgent', call: record, reason: record.urgentReason || TICKED_ON_SHEET }]
    : [];
}

interface AppendContext {
  schools: readonly School[];
  households: HouseholdIndex;
  callLog: Sheet | null;
  /** A submit claims its alerts to send them itself; the refresh leaves them pending for upkeep. */
  claimFor: string | null;
}

function schoolOf(schools: readonly School[], name: string): School | undefined {
  const key = name.trim().toLowerCase();
  return schools.find((s) => s.school.trim().toLowerCase() === key);
}

function draftRow(tracker: Tracker, table: Table, draft: FollowUpDraft, row: number, ctx: AppendContext) {
  const { call } = draft;
  const family = ctx.households.studentsOf(ctx.households.keyFor(call));
  const student = family.find((s) => s.student === call.student) ?? family[0];
  let assignedTo: string[] = schoolOf(ctx.schools, call.school)?.followUpEmails ?? [];
  let alert: string = ALERT_TEXT.handOff;
  if (draft.kind === 'urgent') {
    const urgency = urgencyFor(tracker, call);
    const recipients = recipientsFor(
      urgency.matches,
      alertRoutes(tracker),
      schoolOf(ctx.schools, call.school),
    );
    assignedTo = recipients.to;
    if (!tracker.settings.sendUrgentAlerts) alert = ALERT_TEXT.off;
    else if (recipients.to.length === 0) alert = ALERT_TEXT.pending(PENDING_WHY.nobody(call.school));
    else if (ctx.claimFor) alert = ALERT_TEXT.sending(tracker.now, ctx.claimFor);
    else alert = ALERT_TEXT.pending(PENDING_WHY.sheet);
  }
  const record = {
    callId: call.callId,
    flaggedAt: tracker.now,
    school: call.school,
    staff: call.staffName,
    staffEmail: call.staffEmail,
    student: call.student,
    reason: draft.reason,
    assignedTo: assignedTo.join(', '),
    status: 'Open',
    alert,
    familyMember: call.familyMember || student?.familyMember || '',
    phone: student?.phone ?? '',
    familyEmail: student?.email ?? '',
    callDate: call.callDate ?? '',
    callLink: ctx.callLog ? rowLink(tracker.ss, ctx.callLog, call.row) : '',
    daysOpen: 0,
  };
  const followUp: FollowUpRecord = {
    row,
    callId: record.callId,
    flaggedAt: tracker.now,
    flaggedOn: tracker.today,
    school: record.school,
    staff: record.staff,
    staffEmail: record.staffEmail,
    student: record.student,
    reason: record.reason,
    assignedTo: record.assignedTo,
    status: record.status,
    resolution: '',
    resolvedOn: null,
    alert,
    callDate: call.callDate,
    callLink: record.callLink,
  };
  return { values: rowFor(table, record), followUp };
}

function followUpsTable(ss: Spreadsheet): Table {
  const table = readOptionalTable(ss, FOLLOW_UPS, { optional: NEWER_FOLLOW_UP_COLUMNS });
  if (!table)
    throw new Error(`The "${FOLLOW_UPS.name}" tab is missing. Run Relationship Calls → Set up tracker.`);
  return table;
}

/** Appends rows (one write); returns them, and the alerts claimed for `ctx.claimFor`. */
function appendDrafts(
  tracker: Tracker,
  table: Table,
  drafts: readonly FollowUpDraft[],
  ctx: AppendContext,
): { added: FollowUpRecord[]; claimed: ClaimedAlert[] } {
  if (drafts.length === 0) return { added: [], claimed: [] };
  const firstRow = table.rows.length + 2;
  const made = drafts.map((d, i) => draftRow(tracker, table, d, firstRow + i, ctx));
  const maxRowsBefore = table.sheet.getMaxRows();
  appendRows(
    table,
    made.map((m) => m.values),
    firstRow - 1,
  );
  // A longer sheet: the overdue highlight covers the new rows too.
  if (table.sheet.getMaxRows() !== maxRowsBefore)
    ensureOverdueHighlight(tracker.ss, { created: [], headersAdded: [], repaired: [] });
  const claimed: ClaimedAlert[] = [];
  made.forEach(({ followUp }, i) => {
    if (ctx.claimFor && followUp.alert.startsWith('Sending')) {
      const call = drafts[i].call;
      claimed.push({
        row: followUp.row,
        token: followUp.alert,
        followUp,
        link: rowLink(tracker.ss, table.sheet, followUp.row),
        notes: tracker.settings.includeNotesInEmails
          ? [call.notes, call.familyStrengths, call.hopesAndDreams]
              .filter((t) => t.trim() !== '')
              .join('\n\n')
          : null,
      });
    }
  });
  if (made.some(({ followUp }) => followUp.alert.startsWith('Pending'))) markAlertsPending(tracker.now);
  return { added: made.map((m) => m.followUp), claimed };
}

/**
 * Under the document lock, from submitCall: the call's follow-up rows. Returns the alerts this
 * submit claimed, to send once the lock is released (`sendClaimedAlerts`).
 */
export function appendFollowUps(
  tracker: Tracker,
  record: CallRecord,
  drafts: readonly FollowUpDraft[],
  roster: readonly RosterStudent[],
  submissionRun: string,
): ClaimedAlert[] {
  if (drafts.length === 0) return [];
  const table = followUpsTable(tracker.ss);
  return appendDrafts(tracker, table, drafts, {
    schools: readSchools(tracker.ss, tracker.sheetTimeZone),
    households: buildHouseholdIndex(roster),
    callLog: tracker.ss.getSheetByName(CALL_LOG.name),
    claimFor: submissionRun,
  }).claimed;
}

/**
 * Under the document lock, from the refresh (which has read every tab): appends the follow-ups
 * that should exist and do not, their alerts pending for upkeep, and brings Days Open up to date.
 */
export function reconcileFollowUps(
  tracker: Tracker,
  calls: readonly CallRecord[],
  roster: readonly RosterStudent[],
  schools: readonly School[],
): FollowUpRecord[] {
  const { table, followUps } = readFollowUps(tracker.ss, tracker.sheetTimeZone);
  if (!table) return [];
  const households = buildHouseholdIndex(roster);
  const missing = missingFollowUps(calls, followUps, households, tracker.settings);
  const { added } = appendDrafts(tracker, table, missing, {
    schools,
    households,
    callLog: tracker.ss.getSheetByName(CALL_LOG.name),
    claimFor: null,
  });
  if (followUps.some((f) => awaitsSending(f, tracker.now) && !isHandOff(f))) markAlertsPending(tracker.now);
  updateDaysOpen(table, followUps, tracker.today);
  return added;
}

/** One write of the Days Open column, when a value changed. */
function updateDaysOpen(table: Table, followUps: readonly FollowUpRecord[], today: Day): void {
  const column = table.index.daysOpen;
  if (column < 0 || table.rows.length === 0) return;
  const byRow = new Map(followUps.map((f) => [f.row, f]));
  let changed = false;
  const values = table.rows.map((row, i) => {
    const f = byRow.get(i + 2);
    const days = f ? daysOpen(f, today) : null;
    const value = days === null ? '' : days;
    if (row[column] !== value) changed = true;
    return [value];
  });
  if (changed) table.sheet.getRange(2, column + 1, values.length, 1).setValues(values);
}

// ---- onEdit (a simple trigger: it may write this spreadsheet, never send mail)

const RESOLUTION_NOTE = `${NOTE_PREFIX}Say what was done in Resolution, so the next person knows.`;

function isClosed(status: string): boolean {
  return CLOSED_STATUSES.some((s) => s.toLowerCase() === status.trim().toLowerCase());
}

function editedRows(range: GoogleAppsScript.Spreadsheet.Range): { first: number; last: number } | null {
  const first = Math.max(range.getRow(), 2);
  const last = range.getRow() + range.getNumRows() - 1;
  return last < first ? null : { first, last };
}

function touches(range: GoogleAppsScript.Spreadsheet.Range, column: number): boolean {
  return column >= range.getColumn() - 1 && column <= range.getColumn() + range.getNumColumns() - 2;
}

/** Status set by a person: stamps Resolved At when closed, clears it when reopened; asks for a Resolution. */
function statusEdited(tracker: Tracker, sheet: Sheet, range: GoogleAppsScript.Spreadsheet.Range): void {
  const rows = editedRows(range);
  if (!rows) return;
  const width = sheet.getLastColumn();
  const index = indexColumns(FOLLOW_UPS, sheet.getRange(1, 1, 1, width).getValues()[0]);
  const { status, resolvedAt, resolution } = index;
  if (status < 0 || resolvedAt < 0 || !(touches(range, status) || touches(range, resolution))) return;
  const block = sheet.getRange(rows.first, 1, rows.last - rows.first + 1, width);
  const values = block.getValues();
  const stamps = values.map((row) => [row[resolvedAt]]);
  let stampsChanged = false;
  values.forEach((row, r) => {
    const closed = isClosed(text(row[status]));
    if (closed && stamps[r][0] === '') {
      stamps[r][0] = tracker.today;
      stampsChanged = true;
    } else if (!closed && stamps[r][0] !== '' && touches(range, status)) {
      stamps[r][0] = '';
      stampsChanged = true;
    }
  });
  if (stampsChanged) sheet.getRange(rows.first, resolvedAt + 1, stamps.length, 1).setValues(stamps);
  if (resolution < 0) return;
  const notesRange = sheet.getRange(rows.first, resolution + 1, values.length, 1);
  const notes = notesRange.getNotes();
  let notesChanged = false;
  values.forEach((row, r) => {
    const wanted =
      text(row[status]).toLowerCase() === 'resolved' && text(row[resolution]) === '' ? RESOLUTION_NOTE : '';
    const mine = notes[r][0].startsWith(NOTE_PREFIX);
    if (wanted && notes[r][0] !== wanted) {
      notes[r][0] = wanted;
      notesChanged = true;
    } else if (!wanted && mine) {
      notes[r][0] = '';
      notesChanged = true;
    }
  });
  if (notesChanged) notesRange.setNotes(notes);
}

/**
 * Urgent ticked, unticked or notes typed on the Call Log. Unticking closes the call's open urgent
 * follow-up as Not urgent and clears Urgent Reason; a tick, or a phrase in the notes, fills Urgent
 * Reason and marks the Summary stale so the next upkeep run adds the follow-up and sends its alert.
 */
function callEdited(tracker: Tracker, sheet: Sheet, range: GoogleAppsScript.Spreadsheet.Range): void {
  const rows = editedRows(range);
  if (!rows) return;
  const width = sheet.getLastColumn();
  const index = indexColumns(CALL_LOG, sheet.getRange(1, 1, 1, width).getValues()[0]);
  const watched = ['urgent', 'notes', 'familyStrengths', 'hopesAndDreams'].map((k) => index[k]);
  if (index.urgent < 0 || index.urgentReason < 0 || !watched.some((c) => c >= 0 && touches(range, c))) return;
  const block = sheet.getRange(rows.first, 1, rows.last - rows.first + 1, width);
  const values = block.getValues();
  const reasons = values.map((row) => [row[index.urgentReason]]);
  const ticks = values.map((row) => [row[index.urgent]]);
  const unticked: string[] = [];
  let flagged = false;
  values.forEach((row, r) => {
    const get = cellGetter({ index }, row);
    const call = {
      urgent: get('urgent') === true,
      notes: text(get('notes')),
      familyStrengths: text(get('familyStrengths')),
      hopesAndDreams: text(get('hopesAndDreams')),
    };
    // Unticked: the row was urgent (it has a reason). A pasted row that never was is checked for phrases.
    if (!call.urgent && touches(range, index.urgent) && text(reasons[r][0]) !== '') {
      reasons[r][0] = '';
      if (text(get('callId'))) unticked.push(text(get('callId')));
      return;
    }
    if (call.urgent && text(reasons[r][0]) !== '') return;
    const matched = urgencyFor(tracker, { ...call, urgent: false });
    if (!call.urgent && !matched.urgent) return;
    reasons[r][0] = matched.reason || TICKED_ON_SHEET;
    ticks[r][0] = true;
    flagged = true;
  });
  const changed = (a: unknown[][], column: number) => a.some((v, r) => v[0] !== values[r][column]);
  if (changed(reasons, index.urgentReason))
    sheet.getRange(rows.first, index.urgentReason + 1, reasons.length, 1).setValues(reasons);
  if (changed(ticks, index.urgent))
    sheet.getRange(rows.first, index.urgent + 1, ticks.length, 1).setValues(ticks);
  if (flagged) markSummaryStale(tracker.now);
  if (unticked.length > 0) closeAsNotUrgent(tracker, unticked);
}

function closeAsNotUrgent(tracker: Tracker, callIds: readonly string[]): void {
  const { table, followUps } = readFollowUps(tracker.ss, tracker.sheetTimeZone);
  if (!table) return;
  const ids = new Set(callIds);
  for (const f of followUps) {
    if (!ids.has(f.callId) || isHandOff(f) || !isOpenFollowUp(f)) continue;
    const set = (key: string, value: unknown): void => {
      if (table.index[key] >= 0) table.sheet.getRange(f.row, table.index[key] + 1).setValue(value);
    };
    set('status', 'Not urgent');
    if (!f.resolvedOn) set('resolvedAt', tracker.today);
    if (!f.resolution) set('resolution', 'Urgent was unticked on the Call Log.');
    if (awaitsSending(f, tracker.now)) set('alert', ALERT_TEXT.closed);
  }
}

/** onEdit's part for follow-ups: a constant number of service calls, whatever the tabs' sizes. */
export function followUpsOnEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const sheet = e.range.getSheet();
  const name = sheet.getName();
  if (name !== FOLLOW_UPS.name && name !== CALL_LOG.name) return;
  const tracker = openTracker();
  if (name === FOLLOW_UPS.name) statusEdited(tracker, sheet, e.range);
  else callEdited(tracker, sheet, e.range);
}
