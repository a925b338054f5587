/**
 * The Rollup tab, read and written from both ends: a school tracker's refresh writes its rows
 * (its own columns, from A1), a district tracker reads the tab whole and writes its own columns.
 * Each writes one block, so neither ever clears what the other wrote.
 */
import { ROLLUP_DISTRICT_COLUMNS, ROLLUP_SCHOOL_COLUMNS } from '../core/rollup';
import { Column, ROLLUP } from '../core/schema';
import { findSheet, findSheetIn } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The number format a generated column's cells get. */
export function numberFormatOf(column: Column): string {
  if (column.type === 'percent') return '0%';
  if (column.type === 'dateTime') return 'yyyy-mm-dd hh:mm';
  return column.type === 'wholeNumber' ? '0' : '@';
}

type RollupRead = { sheet: Sheet; values: unknown[][] } | null;

function valuesOf(sheet: Sheet | null): RollupRead {
  return sheet ? { sheet, values: sheet.getDataRange().getValues() } : null;
}

/** This tracker's Rollup tab's cells (one read); null when it has none (not set up since it came). */
export function readOwnRollup(ss: Spreadsheet): RollupRead {
  return valuesOf(findSheet(ss, ROLLUP));
}

/** A school tracker's Rollup tab's cells, read by the district (one read); null when it has none. */
export function readSchoolRollup(school: Spreadsheet): RollupRead {
  return valuesOf(findSheetIn(school, ROLLUP));
}

/**
 * Writes a block of values at (row 1, `column`), each column in its format first: text goes into
 * plain-text cells, which keep it exactly as written (never a formula or a number).
 */
function writeBlock(sheet: Sheet, column: number, columns: readonly Column[], values: unknown[][]): void {
  const range = sheet.getRange(1, column, values.length, columns.length);
  range.setNumberFormats(values.map((_, r) => columns.map((c) => (r === 0 ? '@' : numberFormatOf(c)))));
  range.setValues(values);
}

/**
 * The school's refresh: its header and rows in its own columns; rows it wrote before and no
 * longer has are cleared (only in its columns). `previousRows` is the tab's last row as read.
 */
export function writeRollupRows(sheet: Sheet, values: unknown[][], previousRows: number): void {
  const maxRows = sheet.getMaxRows();
  if (values.length > maxRows) sheet.insertRowsAfter(maxRows, values.length - maxRows);
  writeBlock(sheet, 1, ROLLUP_SCHOOL_COLUMNS, values);
  if (previousRows > values.length)
    sheet
      .getRange(values.length + 1, 1, previousRows - values.length, ROLLUP_SCHOOL_COLUMNS.length)
      .clearContent();
}

/**
 * Where the district's columns are on a Rollup tab read as `headers`: where its first header
 * stands, else right after the school's columns.
 */
export function districtColumnOf(headers: readonly unknown[]): number {
  const first = ROLLUP_DISTRICT_COLUMNS[0].header.toLowerCase();
  const at = headers.findIndex((h) => String(h).trim().toLowerCase() === first);
  return at >= 0 ? at + 1 : ROLLUP_SCHOOL_COLUMNS.length + 1;
}

/** The district tracker: its link, the district's % Met and when, in its own columns of a school's Rollup. */
export function writeDistrictMark(sheet: Sheet, headers: readonly unknown[], values: unknown[][]): void {
  writeBlock(sheet, districtColumnOf(headers), ROLLUP_DISTRICT_COLUMNS, values);
}

/**
 * How the Rollup tab is protected: for real (setup protects it, so only the owner and the Leaders
 * there change it), and whether the person running is one of its editors, who may write the
 * district's columns.
 */
export function rollupProtection(sheet: Sheet): { protected: boolean; canEdit: boolean } {
  const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  if (!protection || protection.isWarningOnly()) return { protected: false, canEdit: false };
  return { protected: true, canEdit: protection.canEdit() };
}
