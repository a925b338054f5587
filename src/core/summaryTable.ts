/**
 * The Summary tab as one rectangle of values, so refreshing it is one setValues; the row
 * numbers of each part let src/sheets format it with a constant number of calls.
 */
import { literalText } from './literal';
import { SchoolProgress, SummaryResult } from './progress';
import { SUMMARY_SCHOOL_HEADERS, SUMMARY_STAFF_HEADERS } from './schema';

export type SummaryCell = string | number;

export interface SummaryLayout {
  /** Rectangular, SUMMARY_WIDTH wide. */
  values: SummaryCell[][];
  /** 1-based sheet row numbers of each part. */
  staffHeaderRow: number;
  staffRows: { first: number; count: number };
  schoolHeaderRow: number;
  /** Includes the district total as its last row. */
  schoolRows: { first: number; count: number };
  districtRow: number;
  /** 1-based column numbers that hold percentages, per table. */
  staffPercentColumn: number;
  schoolPercentColumns: number[];
  stampRow: number;
  notesRows: { first: number; count: number };
}

export const SUMMARY_TITLE = 'Call goal progress';
export const SUMMARY_WIDTH = Math.max(SUMMARY_STAFF_HEADERS.length, SUMMARY_SCHOOL_HEADERS.length);
export const ALL_COUNTED_NOTE = 'Every call in the Call Log was counted.';

function padded(cells: readonly SummaryCell[]): SummaryCell[] {
  return [...cells, ...new Array<SummaryCell>(SUMMARY_WIDTH - cells.length).fill('')];
}

function schoolCells(s: SchoolProgress): SummaryCell[] {
  return [
    literalText(s.school),
    s.staffWithGoals,
    s.metGoal,
    s.exceededGoal,
    // Nobody has a goal: a blank reads truer than 0%.
    s.staffWithGoals === 0 ? '' : s.percentMet,
    s.familiesReached,
    s.rosterFamilies,
    s.percentRosterReached ?? '',
    s.openFollowUps,
  ];
}

export function summaryLayout(result: SummaryResult, refreshedStamp: string): SummaryLayout {
  const values: SummaryCell[][] = [];
  const add = (cells: readonly SummaryCell[]): number => values.push(padded(cells));

  const stampRow = add([SUMMARY_TITLE, `Last refreshed ${refreshedStamp}`]);
  add([]);

  const staffHeaderRow = add(SUMMARY_STAFF_HEADERS);
  for (const s of result.staff) {
    add([
      literalText(s.school),
      literalText(s.name),
      literalText(s.email),
      s.goal,
      s.familiesReached,
      s.attempts,
      s.thisWeek,
      s.percentOfGoal,
      s.status,
      s.lastCall ?? '',
      s.openFollowUps,
    ]);
  }
  add([]);

  const schoolHeaderRow = add(SUMMARY_SCHOOL_HEADERS);
  for (const s of result.schools) add(schoolCells(s));
  const districtRow = add(schoolCells(result.district));
  add([]);

  const notes = result.problems.length > 0 ? result.problems : [ALL_COUNTED_NOTE];
  const notesFirst = values.length + 1;
  for (const note of notes) add([literalText(note)]);

  return {
    values,
    staffHeaderRow,
    staffRows: { first: staffHeaderRow + 1, count: result.staff.length },
    schoolHeaderRow,
    schoolRows: { first: schoolHeaderRow + 1, count: result.schools.length + 1 },
    districtRow,
    staffPercentColumn: SUMMARY_STAFF_HEADERS.indexOf('% of Goal') + 1,
    schoolPercentColumns: [
      SUMMARY_SCHOOL_HEADERS.indexOf('% Met') + 1,
      SUMMARY_SCHOOL_HEADERS.indexOf('% Roster Reached') + 1,
    ],
    stampRow,
    notesRows: { first: notesFirst, count: notes.length },
  };
}
