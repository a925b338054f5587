/** Each tab read into typed records: one getValues per tab. */
import {
  ALERT_ROUTES,
  CALL_LOG,
  CALL_LOG_LATER_COLUMNS,
  FOLLOW_UPS,
  ROSTER,
  SCHOOLS,
  STAFF,
} from '../core/schema';
import { DEFAULT_ALERT_ROUTES } from '../core/alertRoutes';
import { AlertRoute, parseNotify, parsePhrases } from '../core/urgency';
import {
  CallRecord,
  FollowUpRecord,
  RosterStudent,
  School,
  StaffMember,
  toCallRecord,
  toFollowUpRecord,
  toRosterStudent,
  toSchool,
  text,
  toStaffMember,
} from '../core/records';
import { normalizeEmail } from '../core/validation';
import {
  cellGetter,
  columnBelowHeader,
  columnLetters,
  findSheet,
  isBlankRow,
  readColumns,
  getTab,
  headerTable,
  readHeaderRow,
  readOptionalTable,
  sheetHeaderRow,
  readRowsOf,
  readTable,
  Table,
} from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Staff rows with an email; a person may have a row per school. */
export function readStaff(ss: Spreadsheet): StaffMember[] {
  return staffOf(readTable(ss, STAFF, { optional: ['callGoal'] }));
}

/** Like readStaff, for a tracker that may not have its Staff tab yet (before setup): none then. */
export function readStaffIfAny(ss: Spreadsheet): StaffMember[] {
  const table = readOptionalTable(ss, STAFF, { optional: ['callGoal'] });
  return table ? staffOf(table) : [];
}

function staffOf(table: Table): StaffMember[] {
  return table.rows.map((row) => toStaffMember(cellGetter(table, row))).filter((s) => s.email !== '');
}

/**
 * The Staff rows of one person, found by Sheets' own search on the Email column: a constant
 * number of calls and cells whatever the size of the district. `headers`: Staff's header row as
 * read before (not read again); a search that finds nobody under it reads the header row and
 * searches again, in case the columns moved since.
 */
export function findStaffRows(
  ss: Spreadsheet,
  email: string,
  headers?: readonly string[],
): { rows: StaffMember[]; headers: string[] } {
  if (!email) return { rows: [], headers: [] };
  const options = { optional: ['callGoal'] };
  const table = headers
    ? headerTable(getTab(ss, STAFF), STAFF, headers, options)
    : readHeaderRow(ss, STAFF, options);
  // Not matchEntireCell: spaces typed around an address still find it; the check below is exact.
  const rows = columnBelowHeader(table, 'email')
    .createTextFinder(email)
    .findAll()
    .map((cell) =>
      toStaffMember(
        cellGetter(table, cell.offset(0, -table.index.email, 1, table.headers.length).getValues()[0]),
      ),
    )
    .filter((s) => s.email === normalizeEmail(email));
  if (rows.length === 0 && headers) return findStaffRows(ss, email);
  return { rows, headers: table.headers };
}

export function readSchools(ss: Spreadsheet, timeZone: string): School[] {
  const table = readOptionalTable(ss, SCHOOLS, {
    optional: ['goalDeadline', 'followUpEmails', 'principalEmails'],
  });
  if (!table) return [];
  return table.rows.map((row) => toSchool(cellGetter(table, row), timeZone)).filter((s) => s.school !== '');
}

/** The Roster is optional: without it, each student is their own household. */
export function readRoster(ss: Spreadsheet): RosterStudent[] {
  const table = readOptionalTable(ss, ROSTER, {
    optional: ROSTER.columns.filter((c) => c.key !== 'student' && c.key !== 'school').map((c) => c.key),
  });
  if (!table) return [];
  return table.rows.map((row) => toRosterStudent(cellGetter(table, row))).filter((s) => s.student !== '');
}

export interface CallLogRead {
  table: Table;
  calls: CallRecord[];
}

/** The text fields of a call whose values repeat from row to row (a caller, a school, a day). */
const REPEATED: ReadonlyArray<keyof CallRecord> = [
  'staffEmail',
  'staffName',
  'school',
  'callDate',
  'student',
  'studentId',
  'familyMember',
  'method',
  'outcome',
  'language',
  'interpreter',
  'preferredContact',
  'urgentReason',
];

/** The calls of rows read from sheet row `firstRow` on (blank rows are skipped). */
export function callsOfRows(
  table: Pick<Table, 'index'>,
  rows: readonly unknown[][],
  firstRow: number,
  timeZone: string,
): CallRecord[] {
  const calls: CallRecord[] = [];
  // Each cell arrives as its own string: one copy of each repeated value keeps a district's log
  // in a fraction of the memory.
  const seen = new Map<string, string>();
  const once = (value: string): string => {
    const known = seen.get(value);
    if (known !== undefined) return known;
    seen.set(value, value);
    return value;
  };
  rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const call = toCallRecord(cellGetter(table, row), firstRow + i, timeZone) as unknown as Record<
      string,
      unknown
    >;
    for (const key of REPEATED) {
      const value = call[key];
      if (typeof value === 'string') call[key] = once(value);
    }
    calls.push(call as unknown as CallRecord);
  });
  return calls;
}

/** The whole Call Log; with `columns`, only those (the others read as ''). */
export function readCalls(ss: Spreadsheet, timeZone: string, columns?: readonly string[]): CallLogRead {
  const optional = { optional: CALL_LOG_LATER_COLUMNS };
  const table = columns ? readColumns(ss, CALL_LOG, columns, optional) : readTable(ss, CALL_LOG, optional);
  return { table, calls: callsOfRows(table, table.rows, 2, timeZone) };
}

/** The sheet row of the call with this Call ID, found by Sheets' own search (the log is not read); 0 when none. */
export function findCallRow(log: Table, callId: string): number {
  const found = columnBelowHeader(log, 'callId').createTextFinder(callId).matchEntireCell(true).findNext();
  return found ? found.getRow() : 0;
}

/** Call Log rows `first`..`last` (sheet rows) of a table read by readHeaderRow. */
export function readCallRows(table: Table, first: number, last: number, timeZone: string): CallRecord[] {
  return callsOfRows(table, readRowsOf(table, first, last), first, timeZone);
}

/** Columns later versions added to Follow-ups: a tracker not set up again since still reads. */
export const NEWER_FOLLOW_UP_COLUMNS = [
  'alert',
  'staffEmail',
  'familyMember',
  'phone',
  'familyEmail',
  'callDate',
  'callLink',
  'daysOpen',
  'signature',
  'kind',
  'overdue',
];

/** The Follow-ups header row alone (one read), for finding and writing a few of its rows. */
export function followUpHeader(ss: Spreadsheet): Table {
  return readHeaderRow(ss, FOLLOW_UPS, { optional: NEWER_FOLLOW_UP_COLUMNS });
}

/** Some rows of a tab, read as one block from the first to the last of them. */
export interface RowBlock {
  table: Table;
  /** The sheet row of `rows[0]`. */
  first: number;
  rows: unknown[][];
}

/**
 * The follow-ups of these calls: one read of the Call ID column (not a search per call, so a
 * 500-row untick makes the calls one does), then one read of the block of rows that holds them,
 * so changes go back with a constant number of writes. Null when there are none (or no Follow-ups tab).
 */
export function findFollowUps(
  ss: Spreadsheet,
  timeZone: string,
  callIds: readonly string[],
): { block: RowBlock; followUps: FollowUpRecord[] } | null {
  const sheet = callIds.length > 0 ? findSheet(ss, FOLLOW_UPS) : null;
  if (!sheet) return null;
  const table = sheetHeaderRow(sheet, FOLLOW_UPS, { optional: NEWER_FOLLOW_UP_COLUMNS });
  const lastRow = table.sheet.getLastRow();
  if (lastRow < 2) return null;
  const ids = new Set(callIds);
  const found = table.sheet
    .getRange(2, table.index.callId + 1, lastRow - 1, 1)
    .getValues()
    .flatMap(([id], i) => (ids.has(text(id)) ? [i + 2] : []));
  if (found.length === 0) return null;
  const first = found[0];
  const rows = readRowsOf(table, first, found[found.length - 1]);
  const followUps = found.map((row) => toFollowUpRecord(cellGetter(table, rows[row - first]), row, timeZone));
  return { block: { table, first, rows }, followUps };
}

/**
 * Writes back the block's cells of `key` on the given sheet rows: one call when they hold one
 * value (a RangeList), else one write per run of adjacent rows. Rows in between are never written.
 */
export function writeBlockCells(block: RowBlock, key: string, rows: readonly number[]): void {
  const at = block.table.index[key];
  if (at < 0 || rows.length === 0) return;
  const sorted = [...rows].sort((a, b) => a - b);
  const valueAt = (row: number): unknown => block.rows[row - block.first][at];
  const letters = columnLetters(at + 1);
  if (sorted.every((row) => valueAt(row) === valueAt(sorted[0]))) {
    block.table.sheet.getRangeList(sorted.map((row) => `${letters}${row}`)).setValue(valueAt(sorted[0]));
    return;
  }
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    block.table.sheet
      .getRange(sorted[i], at + 1, j - i + 1, 1)
      .setValues(sorted.slice(i, j + 1).map((row) => [valueAt(row)]));
    i = j + 1;
  }
}

export function readFollowUps(
  ss: Spreadsheet,
  timeZone: string,
): { table: Table | null; followUps: FollowUpRecord[] } {
  const table = readOptionalTable(ss, FOLLOW_UPS, { optional: NEWER_FOLLOW_UP_COLUMNS });
  if (!table) return { table, followUps: [] };
  const followUps: FollowUpRecord[] = [];
  table.rows.forEach((row, i) => {
    if (!isBlankRow(row)) followUps.push(toFollowUpRecord(cellGetter(table, row), i + 2, timeZone));
  });
  return { table, followUps };
}

/** The Alert Routes rows; the default routes while the tab does not exist yet (before setup runs again). */
export function readAlertRoutes(ss: Spreadsheet): AlertRoute[] {
  const table = readOptionalTable(ss, ALERT_ROUTES, { optional: ['notify'] });
  if (!table) return DEFAULT_ALERT_ROUTES.map((r) => ({ ...r }));
  return table.rows
    .map((row) => {
      const get = cellGetter(table, row);
      return {
        category: text(get('category')),
        phrases: parsePhrases(text(get('phrases'))),
        notify: parseNotify(text(get('notify'))),
      };
    })
    .filter((r) => r.category !== '' && r.phrases.length > 0);
}
