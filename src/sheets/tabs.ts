/** Each tab read into typed records: one getValues per tab. */
import { CALL_LOG, CALL_LOG_LATER_COLUMNS, FOLLOW_UPS, ROSTER, SCHOOLS, STAFF } from '../core/schema';
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
  toStaffMember,
} from '../core/records';
import { cellGetter, isBlankRow, readOptionalTable, readTable, Table } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Staff rows with an email; a person may have a row per school. */
export function readStaff(ss: Spreadsheet): StaffMember[] {
  const table = readTable(ss, STAFF, { optional: ['callGoal'] });
  return table.rows.map((row) => toStaffMember(cellGetter(table, row))).filter((s) => s.email !== '');
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

export function readCalls(ss: Spreadsheet, timeZone: string): CallLogRead {
  const table = readTable(ss, CALL_LOG, { optional: CALL_LOG_LATER_COLUMNS });
  const calls: CallRecord[] = [];
  table.rows.forEach((row, i) => {
    if (!isBlankRow(row)) calls.push(toCallRecord(cellGetter(table, row), i + 2, timeZone));
  });
  return { table, calls };
}

export function readFollowUps(ss: Spreadsheet): { table: Table | null; followUps: FollowUpRecord[] } {
  const table = readOptionalTable(ss, FOLLOW_UPS);
  if (!table) return { table, followUps: [] };
  const followUps: FollowUpRecord[] = [];
  table.rows.forEach((row, i) => {
    if (!isBlankRow(row)) followUps.push(toFollowUpRecord(cellGetter(table, row), i + 2));
  });
  return { table, followUps };
}
