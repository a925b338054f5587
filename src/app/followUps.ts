/**
 * The Follow-ups tab: a row per urgent call (its alert routed by Alert Routes) and per household
 * still unreached after the hand-off number of attempts. A submit adds its urgent row at once;
 * the refresh adds what is missing (calls typed on the sheet, hand-offs) and keeps Days Open
 * current; onEdit stamps Resolved At and closes a follow-up whose Urgent box is unticked.
 */
import { editedHeaderRow } from '../sheets/editEvent';
import { Day } from '../core/dates';
import {
  ALERT_TEXT,
  awaitsSending,
  categoriesOf,
  contactFor,
  daysOpen,
  FollowUpDraft,
  handOffReasonOf,
  isHandOff,
  missingFollowUps,
  PENDING_WHY,
  TICKED_ON_SHEET,
} from '../core/followUps';
import { HouseholdIndex, normalizeName } from '../core/households';
import { CallRecord, FollowUpRecord, isOpenFollowUp, RosterStudent, School, text } from '../core/records';
import { CALL_LOG, CLOSED_STATUSES, FOLLOW_UPS } from '../core/schema';
import { HouseholdFacts } from '../core/snapshot';
import { AlertRoute, detectUrgency, recipientsFor, Urgency } from '../core/urgency';
import { extendOverdueHighlight } from '../sheets/alertSetup';
import { rowLinker } from '../sheets/links';
import { markAlertsPending, markSummaryStale } from '../sheets/state';
import { appendRows, cellGetter, indexColumns, rowFor, Table } from '../sheets/table';
import { findFollowUps, readAlertRoutes, readFollowUps, writeBlockCells } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import { NOTE_PREFIX } from './checks';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Routes are read once per execution. */
const routesRead = new WeakMap<Tracker, AlertRoute[]>();
export function alertRoutes(tracker: Tracker): AlertRoute[] {
  let routes = routesRead.get(tracker) ?? tracker.alertRoutes;
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

/** An alert this execution claimed (its Alert cell holds `token`): only this execution sends it. */
export interface ClaimedAlert {
  /** Where its Alert cell is: the Follow-ups sheet, the row, and the column (0-based). */
  sheet: Sheet;
  row: number;
  alertColumn: number;
  token: string;
  followUp: FollowUpRecord;
  link: string;
  /** The call's note text, or null when Settings leaves notes out of emails. */
  notes: string | null;
}

/**
 * The follow-ups a just-logged call raises: its urgent note, and the hand-off when the call took
 * its household past Attempts Before Hand-off (`handOff`: the household's facts, this call included).
 */
export function followUpsFor(record: CallRecord, handOff: HouseholdFacts | null): FollowUpDraft[] {
  const drafts: FollowUpDraft[] = [];
  if (record.urgent)
    drafts.push({ kind: 'urgent', call: record, reason: record.urgentReason || TICKED_ON_SHEET });
  if (handOff) drafts.push({ kind: 'hand-off', call: record, reason: handOffReasonOf(handOff) });
  return drafts;
}

/** Where a call's follow-ups go: the Follow-ups tab (its header row at least), the schools, the Call Log sheet. */
export interface FollowUpTarget {
  table: Table;
  schools: readonly School[];
  callLog: Sheet | null;
}

interface AppendContext {
  /** Roster students, for the family's phone and email. */
  students: readonly RosterStudent[];
  /** A submit claims its alerts to send them itself; the refresh leaves them pending for upkeep. */
  claimFor: string | null;
}

function schoolOf(schools: readonly School[], name: string): School | undefined {
  const key = normalizeName(name);
  return schools.find((s) => normalizeName(s.school) === key);
}

/**
 * Who the row is assigned to: for an urgent call, whom Alert Routes notify for the categories its
 * reason names (the caller's tick alone goes to the fallback); for a hand-off, the school's
 * Follow-up Emails.
 */
function assigneesOf(tracker: Tracker, draft: FollowUpDraft, school: School | undefined): string[] {
  if (draft.kind === 'hand-off') return school?.followUpEmails ?? [];
  const matches = categoriesOf(draft.reason).map((category) => ({ category, phrase: '' }));
  return recipientsFor(matches, alertRoutes(tracker), school).to;
}

function alertOf(
  tracker: Tracker,
  draft: FollowUpDraft,
  to: readonly string[],
  claimFor: string | null,
): string {
  if (draft.kind === 'hand-off') return ALERT_TEXT.handOff;
  if (!tracker.settings.sendUrgentAlerts) return ALERT_TEXT.off;
  if (to.length === 0) return ALERT_TEXT.pending(PENDING_WHY.nobody(draft.call.school));
  if (claimFor) return ALERT_TEXT.sending(tracker.now, claimFor);
  return ALERT_TEXT.pending(PENDING_WHY.sheet);
}

function draftRecord(
  tracker: Tracker,
  draft: FollowUpDraft,
  row: number,
  schools: readonly School[],
  ctx: AppendContext,
  callLink: (row: number) => string,
): FollowUpRecord {
  const { call } = draft;
  const to = assigneesOf(tracker, draft, schoolOf(schools, call.school));
  const contact = contactFor(ctx.students, call);
  return {
    row,
    callId: call.callId,
    flaggedAt: tracker.now,
    flaggedOn: tracker.today,
    school: call.school,
    staff: call.staffName,
    staffEmail: call.staffEmail,
    student: call.student,
    reason: draft.reason,
    assignedTo: to.join(', '),
    status: 'Open',
    resolution: '',
    resolvedOn: null,
    alert: alertOf(tracker, draft, to, ctx.claimFor),
    callDate: call.callDate,
    callLink: callLink(call.row),
    familyMember: call.familyMember || contact?.familyMember || '',
    phone: contact?.phone ?? '',
    familyEmail: contact?.email ?? '',
  };
}

/** Appends rows after the tab's last row (one write); returns them, and the alerts claimed for `ctx.claimFor`. */
function appendDrafts(
  tracker: Tracker,
  target: FollowUpTarget,
  drafts: readonly FollowUpDraft[],
  ctx: AppendContext,
): { added: FollowUpRecord[]; claimed: ClaimedAlert[] } {
  if (drafts.length === 0) return { added: [], claimed: [] };
  const { table } = target;
  const sheet = table.sheet;
  const lastRow = sheet.getLastRow();
  const callLink = target.callLog ? rowLinker(tracker.ss, target.callLog) : () => '';
  const added = drafts.map((d, i) => draftRecord(tracker, d, lastRow + 1 + i, target.schools, ctx, callLink));
  appendRows(
    table,
    added.map((f) => rowFor(table, { ...f, callDate: f.callDate ?? '', daysOpen: 0 })),
    lastRow,
  );
  const link = rowLinker(tracker.ss, sheet);
  const claimed: ClaimedAlert[] = [];
  added.forEach((f, i) => {
    if (!ctx.claimFor || !f.alert.startsWith('Sending')) return;
    const call = drafts[i].call;
    claimed.push({
      sheet,
      row: f.row,
      alertColumn: table.index.alert,
      token: f.alert,
      followUp: f,
      link: link(f.row),
      notes: tracker.settings.includeNotesInEmails
        ? [call.notes, call.familyStrengths, call.hopesAndDreams].filter((t) => t.trim() !== '').join('\n\n')
        : null,
    });
  });
  if (added.some((f) => f.alert.startsWith('Pending'))) markAlertsPending(tracker.now);
  return { added, claimed };
}

/**
 * Under the document lock, from submitCall: the call's follow-up rows. Returns the alerts this
 * submit claimed (`claimFor` names the submit), to send once the lock is released (`sendClaimedAlerts`).
 */
export function appendFollowUps(
  tracker: Tracker,
  target: FollowUpTarget,
  drafts: readonly FollowUpDraft[],
  students: readonly RosterStudent[],
  claimFor: string,
): ClaimedAlert[] {
  return appendDrafts(tracker, target, drafts, { students, claimFor }).claimed;
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
  households: HouseholdIndex,
): FollowUpRecord[] {
  const { table, followUps } = readFollowUps(tracker.ss, tracker.sheetTimeZone);
  if (!table) return [];
  const missing = missingFollowUps(calls, followUps, households, tracker.settings);
  const callLog = tracker.ss.getSheetByName(CALL_LOG.name);
  const { added } = appendDrafts(tracker, { table, schools, callLog }, missing, {
    students: roster,
    claimFor: null,
  });
  // Rows appended past the end of the sheet: the overdue highlight grows to cover them.
  extendOverdueHighlight(table.sheet);
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
  const headers = editedHeaderRow(sheet);
  const width = headers.length;
  const index = indexColumns(FOLLOW_UPS, headers);
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
  const headers = editedHeaderRow(sheet);
  const width = headers.length;
  const index = indexColumns(CALL_LOG, headers);
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
  const found = findFollowUps(tracker.ss, tracker.sheetTimeZone, callIds);
  if (!found) return;
  const { block, followUps } = found;
  const changed = new Map<string, Set<number>>();
  const set = (f: FollowUpRecord, key: string, value: unknown): void => {
    if (block.table.index[key] < 0) return;
    block.rows[f.row - block.first][block.table.index[key]] = value;
    changed.set(key, (changed.get(key) ?? new Set()).add(f.row));
  };
  for (const f of followUps) {
    if (isHandOff(f) || !isOpenFollowUp(f)) continue;
    set(f, 'status', 'Not urgent');
    if (!f.resolvedOn) set(f, 'resolvedAt', tracker.today);
    if (!f.resolution) set(f, 'resolution', 'Urgent was unticked on the Call Log.');
    if (awaitsSending(f, tracker.now)) set(f, 'alert', ALERT_TEXT.closed);
  }
  // A constant number of writes per column, whatever the number of rows: a row nobody unticked is not rewritten.
  for (const [key, rows] of changed) writeBlockCells(block, key, [...rows]);
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
