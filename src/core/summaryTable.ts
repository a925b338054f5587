/**
 * The Summary tab as one rectangle of values, so refreshing it is one setValues; the row
 * numbers of each part let src/sheets format it with a constant number of calls.
 */
import { normalizeName } from './households';
import { literalText } from './literal';
import { sha256 } from './signature';
import { SchoolProgress, StaffProgress, SummaryResult } from './progress';
import { ProgressStatus, SUMMARY_SCHOOL_HEADERS, SUMMARY_STAFF_HEADERS } from './schema';

export type SummaryCell = string | number;

export interface SummaryLayout {
  /** Rectangular, SUMMARY_WIDTH wide. */
  values: SummaryCell[][];
  /** 1-based sheet row numbers of each part, top-down: stamp, schools (and the chart), staff, notes. */
  stampRow: number;
  schoolHeaderRow: number;
  /** Includes the district total as its last row. */
  schoolRows: { first: number; count: number };
  districtRow: number;
  staffHeaderRow: number;
  staffRows: { first: number; count: number };
  notesRows: { first: number; count: number };
  /** 1-based column numbers that hold percentages, per table. */
  staffPercentColumn: number;
  schoolPercentColumns: number[];
  /** 1-based column of the staff Status, and each staff row's status ('' without a goal). */
  staffStatusColumn: number;
  staffStatuses: Array<ProgressStatus | ''>;
  /**
   * Rows to freeze: through the staff table's header when the school overview above it is short,
   * so both headers stay in view; else the title and the school header.
   */
  frozenRows: number;
  /** Where each school's rows are, for a refresh that rewrites only some schools. */
  blocks: SummaryBlocks;
}

/** Where each part of a written Summary is, by normalizeName of the school (kept between refreshes). */
export interface SummaryBlocks {
  stampRow: number;
  schoolRows: Record<string, number>;
  districtRow: number;
  /** Each school's staff rows: [first row, count]. */
  staff: Record<string, [number, number]>;
  /** Each school's staff rows as written, in short (rowPrint): a refresh rewrites only the rows that changed. */
  prints: Record<string, string[]>;
  /** The staff table's School column (1-based): a school's rows are checked by it before they are rewritten. */
  staffSchoolColumn: number;
  staffStatusColumn: number;
  notes: { first: number; count: number };
}

export const SUMMARY_TITLE = 'Call goal progress';
export const SUMMARY_WIDTH = Math.max(SUMMARY_STAFF_HEADERS.length, SUMMARY_SCHOOL_HEADERS.length);
export const ALL_COUNTED_NOTE = 'Every call in the Call Log was counted.';
/** More frozen rows than this would fill a laptop's screen. */
export const MAX_FROZEN_ROWS = 10;

function padded(cells: readonly SummaryCell[]): SummaryCell[] {
  return [...cells, ...new Array<SummaryCell>(SUMMARY_WIDTH - cells.length).fill('')];
}

/** `districtPercentMet`: the district's % Met beside the school's, once a district tracker has read this one. */
export function schoolCells(s: SchoolProgress, districtPercentMet: number | null): SummaryCell[] {
  // Nobody has a goal: a blank reads truer than 0%.
  const share = (n: number): SummaryCell => (s.staffWithGoals === 0 ? '' : n);
  return padded([
    literalText(s.school),
    s.staffWithGoals,
    s.metGoal,
    s.exceededGoal,
    share(s.percentMet),
    districtPercentMet ?? '',
    share(s.percentExceeded),
    s.familiesReached,
    s.rosterFamilies,
    s.percentRosterReached ?? '',
    s.openFollowUps,
    s.overdueFollowUps,
  ]);
}

function staffCells(s: StaffProgress): SummaryCell[] {
  return [
    literalText(s.school),
    literalText(s.name),
    literalText(s.email),
    s.goal ?? '',
    s.familiesReached,
    s.attempts,
    s.thisWeek,
    s.percentOfGoal ?? '',
    s.status ?? '',
    s.lastCall ?? '',
    s.openFollowUps,
    s.overdueFollowUps,
    s.byHand,
  ];
}

/** The stamp line: when it was refreshed, and the settings it could not read (defaults used). */
export function stampText(refreshedStamp: string, unreadableSettings: readonly string[]): string {
  const stamp = `Last refreshed ${refreshedStamp}`;
  if (unreadableSettings.length === 0) return stamp;
  return `${stamp}. Settings not read, defaults used: ${unreadableSettings.join(', ')} (see the note on each in Settings).`;
}

export function summaryLayout(
  result: SummaryResult,
  refreshedStamp: string,
  unreadableSettings: readonly string[] = [],
  districtPercentMet: number | null = null,
): SummaryLayout {
  const values: SummaryCell[][] = [];
  const add = (cells: readonly SummaryCell[]): number => values.push(padded(cells));

  const stampRow = add(stampCells(refreshedStamp, unreadableSettings));
  add([]);

  const schoolHeaderRow = add(SUMMARY_SCHOOL_HEADERS);
  const schoolRows: Record<string, number> = {};
  for (const s of result.schools)
    schoolRows[normalizeName(s.school)] = add(schoolCells(s, districtPercentMet));
  const districtRow = add(schoolCells(result.district, districtPercentMet));
  add([]);

  const staffHeaderRow = add(SUMMARY_STAFF_HEADERS);
  const staffBlocks: Record<string, [number, number]> = {};
  const prints: Record<string, string[]> = {};
  for (const s of result.staff) {
    const cells = padded(staffCells(s));
    const row = add(cells);
    const school = normalizeName(s.school);
    const block = (staffBlocks[school] ??= [row, 0]);
    block[1]++;
    (prints[school] ??= []).push(rowPrint(cells));
  }
  add([]);

  const notesFirst = values.length + 1;
  for (const cells of noteCells(result.problems)) add(cells);
  const notesCount = values.length - notesFirst + 1;

  return {
    values,
    stampRow,
    schoolHeaderRow,
    schoolRows: { first: schoolHeaderRow + 1, count: result.schools.length + 1 },
    districtRow,
    staffHeaderRow,
    staffRows: { first: staffHeaderRow + 1, count: result.staff.length },
    notesRows: { first: notesFirst, count: notesCount },
    staffPercentColumn: SUMMARY_STAFF_HEADERS.indexOf('% of Goal') + 1,
    schoolPercentColumns: [
      SUMMARY_SCHOOL_HEADERS.indexOf('% Met') + 1,
      SUMMARY_SCHOOL_HEADERS.indexOf('District % Met') + 1,
      SUMMARY_SCHOOL_HEADERS.indexOf('% Exceeded Goal') + 1,
      SUMMARY_SCHOOL_HEADERS.indexOf('% Roster Reached') + 1,
    ],
    staffStatusColumn: SUMMARY_STAFF_HEADERS.indexOf('Status') + 1,
    staffStatuses: result.staff.map((s) => s.status ?? ''),
    frozenRows: staffHeaderRow <= MAX_FROZEN_ROWS ? staffHeaderRow : schoolHeaderRow,
    blocks: {
      stampRow,
      schoolRows,
      districtRow,
      staff: staffBlocks,
      prints,
      staffSchoolColumn: SUMMARY_STAFF_HEADERS.indexOf('School') + 1,
      staffStatusColumn: SUMMARY_STAFF_HEADERS.indexOf('Status') + 1,
      notes: { first: notesFirst, count: notesCount },
    },
  };
}

/** The title and the Last refreshed stamp, as the Summary's first row. */
export function stampCells(refreshedStamp: string, unreadableSettings: readonly string[]): SummaryCell[] {
  return padded([SUMMARY_TITLE, literalText(stampText(refreshedStamp, unreadableSettings))]);
}

/** The notes rows: the problems, or that every call was counted. */
export function noteCells(problems: readonly string[]): SummaryCell[][] {
  return (problems.length > 0 ? problems : [ALL_COUNTED_NOTE]).map((note) => padded([literalText(note)]));
}

/** A row of cells in short: rows whose print differs are the rows that changed. */
export function rowPrint(cells: readonly SummaryCell[]): string {
  return Array.from(sha256(JSON.stringify(cells)).slice(0, 5), (b) => b.toString(16).padStart(2, '0')).join(
    '',
  );
}

/** One school's staff rows, as the staff table shows them. */
export function staffBlockCells(staff: readonly StaffProgress[]): SummaryCell[][] {
  return staff.map((s) => padded(staffCells(s)));
}
