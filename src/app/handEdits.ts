/**
 * Rows people type or paste into the Call Log get what the form gives a row: a Call ID of their
 * own, Logged At, and the caller's Staff Email, Name and School from the editor's own Staff row
 * (the edit event's user), with Entry "Typed" so everyone can tell them from calls logged with the
 * form. A pasted copy of another row keeps nothing that would pass it off as that row: its Call ID
 * is replaced. What onEdit could not do (the editor unknown, a busy lock) the upkeep refresh does
 * before it raises follow-ups: no call is ever skipped for want of a Call ID.
 */
import { callIdFor } from '../core/ids';
import { CallRecord, StaffMember, text } from '../core/records';
import { CALL_INPUT_COLUMNS, CALL_LOG, columnByKey } from '../core/schema';
import { TYPED_ENTRY } from '../core/signature';
import { editedHeaderRow, editedRowValues, forgetEditedRowValues, touches } from '../sheets/editEvent';
import { busyError, withDocumentLock } from '../sheets/lock';
import {
  cellGetter,
  columnBelowHeader,
  indexColumns,
  isTab,
  readHeaderRow,
  readRowsAt,
  Table,
} from '../sheets/table';
import { findStaffRows } from '../sheets/tabs';
import { markSummaryStale } from '../sheets/state';
import { toast } from '../sheets/ui';

type Range = GoogleAppsScript.Spreadsheet.Range;

const EDIT_LOCK_WAIT_MS = 5_000;

/** A Call ID for a row the form did not log: random, so a copy never gets the one it copied. */
function newCallId(editor: string): string {
  return callIdFor(`typed-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`, editor);
}

/** Whether a row holds anything a person typed (an add-on column alone is not a call). */
function hasTypedContent(get: (key: string) => unknown): boolean {
  return CALL_INPUT_COLUMNS.some((c) => {
    const v = get(c.key);
    return v !== '' && v !== null && v !== false;
  });
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Which of these Call IDs also stand on a row outside the edited rows. One Sheets search for all
 * of them says whether any does (a fresh paste: a constant few calls); only then is the Call ID
 * column read once to say which (asking each found cell its row would cost a call per copy).
 */
function idsOutside(log: Table, ids: ReadonlyMap<number, string>, first: number, last: number): Set<string> {
  const wanted = new Set(ids.values());
  if (wanted.size === 0) return new Set();
  const found = columnBelowHeader(log, 'callId')
    .createTextFinder([...wanted].map(escapeRegex).join('|'))
    .useRegularExpression(true)
    .matchEntireCell(true)
    .findAll();
  if (found.length <= ids.size) return new Set();
  const lastRow = log.sheet.getLastRow();
  const outside = new Set<string>();
  log.sheet
    .getRange(2, log.index.callId + 1, lastRow - 1, 1)
    .getValues()
    .forEach(([value], i) => {
      const id = text(value);
      if ((i + 2 < first || i + 2 > last) && wanted.has(id)) outside.add(id);
    });
  return outside;
}

interface Filled {
  row: number;
  values: Record<string, unknown>;
}

/** What the add-on fills in on a typed row, from the editor's own Staff row. */
function identityOf(
  editor: string,
  staff: StaffMember | undefined,
  get: (key: string) => unknown,
  now: Date,
): Record<string, unknown> {
  const values: Record<string, unknown> = { callId: newCallId(editor || 'unknown'), entry: TYPED_ENTRY };
  if (get('loggedAt') === '') values.loggedAt = now;
  if (staff && text(get('staffEmail')) === '') {
    values.staffEmail = staff.email;
    if (text(get('staffName')) === '') values.staffName = staff.name;
    if (text(get('school')) === '') values.school = staff.school;
  }
  return values;
}

/** The edited rows that need their identity: blank Call IDs, and copies of an ID another row has. */
function rowsNeedingIdentity(
  log: Table,
  range: Range,
  first: number,
  last: number,
): { rows: unknown[][]; typed: Map<number, string>; needing: number[] } {
  const rows = editedRowValues(log.sheet, first, last, log.headers.length);
  const typed = new Map<number, string>();
  const blank: number[] = [];
  rows.forEach((values, i) => {
    const get = cellGetter(log, values);
    if (!hasTypedContent(get)) return;
    const id = text(get('callId'));
    if (id) typed.set(first + i, id);
    else blank.push(first + i);
  });
  // A copy is the newer row: the edited one when the ID stands outside, else every repeat after
  // the first. Only an edit that wrote Call IDs can have made one (a paste, a typed ID).
  const copies: number[] = [];
  if (touches(range, log.index.callId)) {
    const outside = idsOutside(log, typed, first, last);
    const seen = new Set<string>();
    for (const [row, id] of typed) {
      if (outside.has(id) || seen.has(id)) copies.push(row);
      seen.add(id);
    }
  }
  return { rows, typed, needing: [...blank, ...copies].sort((a, b) => a - b) };
}

/**
 * onEdit: every typed or pasted Call Log row without a Call ID, or with one that another row
 * already has (a copy), gets its identity. The edited rows are read once; only when some need
 * it is the document lock taken, the rows read again under it and each filled column written
 * once. The editor's Staff row is found by Sheets' search.
 */
export function identifyTypedRows(e: GoogleAppsScript.Events.SheetsOnEdit, editor: string, now: Date): void {
  const range: Range = e.range;
  const sheet = range.getSheet();
  if (!isTab(sheet, CALL_LOG)) return;
  const first = Math.max(range.getRow(), 2);
  const last = range.getRow() + range.getNumRows() - 1;
  if (last < first) return;
  const headers = editedHeaderRow(sheet);
  const index = indexColumns(CALL_LOG, headers);
  if (index.callId < 0 || index.entry < 0) return;
  const log: Table = { tab: CALL_LOG, sheet, headers: headers.map((h) => String(h).trim()), rows: [], index };
  if (rowsNeedingIdentity(log, range, first, last).needing.length === 0) return;
  withDocumentLock(
    EDIT_LOCK_WAIT_MS,
    () => {
      // Again, as the rows stand now that the lock is held.
      forgetEditedRowValues();
      const { rows, typed, needing } = rowsNeedingIdentity(log, range, first, last);
      if (needing.length === 0) return;
      const staff = editor ? findStaffRows(sheet.getParent(), editor).rows[0] : undefined;
      const filled: Filled[] = needing.map((row) => {
        const get = cellGetter(log, rows[row - first]);
        const values = identityOf(editor, staff, get, now);
        // A copy keeps its copied caller: it is marked Typed, and its Logged At is when it appeared.
        if (typed.has(row)) values.loggedAt = now;
        return { row, values };
      });
      writeFilled(log, filled);
      forgetEditedRowValues();
      markSummaryStale(now);
    },
    () =>
      toast(
        'The tracker was busy, so this row did not get its Call ID yet. The tracker gives it one within a few minutes.',
      ),
  );
}

/** Writes the filled cells: one write per column and run of adjacent rows. */
function writeFilled(log: Table, filled: readonly Filled[]): void {
  const keys = [...new Set(filled.flatMap((f) => Object.keys(f.values)))];
  for (const key of keys) {
    const column = log.index[key];
    if (column < 0) continue;
    const rows = filled.filter((f) => key in f.values);
    for (let i = 0; i < rows.length;) {
      let j = i;
      while (j + 1 < rows.length && rows[j + 1].row === rows[j].row + 1) j++;
      const cells = rows.slice(i, j + 1).map((f) => [f.values[key]]);
      const target = log.sheet.getRange(rows[i].row, column + 1, cells.length, 1);
      // Call IDs and Entry are text the add-on chose: kept as written.
      if (columnByKey(CALL_LOG, key).type === 'text') target.setNumberFormat('@');
      target.setValues(cells);
      i = j + 1;
    }
  }
}

/**
 * Whether a call read by the refresh lacks a usable Call ID: blank, or the same as an earlier
 * row's (`seen`: the Call IDs of the rows read before it, in sheet order; this call's is added).
 */
export function needsCallId(call: Pick<CallRecord, 'callId'>, seen: Set<string>): boolean {
  if (!call.callId || seen.has(call.callId)) return true;
  seen.add(call.callId);
  return false;
}

/**
 * The refresh: rows the log holds without a usable Call ID (needsCallId) get one now, in a short
 * hold of the document lock, so every call can be followed up; they are marked typed. `needing` are updated in
 * place. The rows are read again before they are written: a sort since the refresh read them is noticed.
 */
export function identifyCalls(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  needing: CallRecord[],
  now: Date,
): number {
  if (needing.length === 0) return 0;
  return withDocumentLock(
    30_000,
    () => fillCallIds(ss, needing, now),
    () => {
      throw busyError();
    },
  );
}

function fillCallIds(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, needing: CallRecord[], now: Date): number {
  const log = readHeaderRow(ss, CALL_LOG, { optional: ['signature', 'entry'] });
  const current = readRowsAt(
    log,
    needing.map((c) => c.row),
  );
  const filled: Filled[] = [];
  for (const call of needing) {
    const get = cellGetter(log, current.get(call.row) ?? []);
    if (text(get('callId')) !== call.callId || text(get('student')) !== call.student) continue;
    const values: Record<string, unknown> = { callId: newCallId(call.staffEmail), entry: TYPED_ENTRY };
    if (!call.loggedAt) values.loggedAt = now;
    filled.push({ row: call.row, values });
    call.callId = values.callId as string;
    call.entry = TYPED_ENTRY;
    call.origin = 'typed';
  }
  writeFilled(log, filled);
  return filled.length;
}
