/**
 * Writes the Families tab: one clear, one setValues, a filter on the header row and a constant
 * number of format calls, whatever the number of households.
 */
import { FamilyCell } from '../core/families';
import { FAMILIES, FamilyStatus } from '../core/schema';
import { getTab } from './table';

const HEADER_BACKGROUND = '#e8f0fe';
const STATUS_COLOURS: Readonly<Record<FamilyStatus, string>> = {
  'Not yet called': '#f4c7c3',
  Trying: '#fce8b2',
  'Hand-off': '#f9cb9c',
  Reached: '#b7e1cd',
};

/** `values` is the header row, then a row per household (familiesValues). */
export function writeFamilies(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, values: FamilyCell[][]): void {
  const sheet = getTab(ss, FAMILIES);
  const width = FAMILIES.columns.length;
  // A filter on the old rows would hide new ones; Sheets refuses a second filter anyway.
  sheet.getFilter()?.remove();
  sheet.clear();
  const rows = values.length;
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const all = sheet.getRange(1, 1, rows, width);
  all.setValues(values);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(true);
  sheet.setFrozenRows(1);
  if (rows > 1) {
    const column = (key: string): number => FAMILIES.columns.findIndex((c) => c.key === key) + 1;
    for (const key of ['lastAttempt', 'reachedOn'])
      sheet.getRange(2, column(key), rows - 1, 1).setNumberFormat('yyyy-mm-dd');
    const status = column('status');
    sheet
      .getRange(2, status, rows - 1, 1)
      .setBackgrounds(values.slice(1).map((row) => [STATUS_COLOURS[row[status - 1] as FamilyStatus]]));
  }
  all.createFilter();
}
