/** What a new school year and a closed one change in the tabs themselves. */
import { SUMMARY, TabSchema } from '../core/schema';
import { findSheet } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Every row below the header goes, and `keep` empty rows take their place: two calls, whatever
 * the size. The header row keeps its headers, notes and format; setup lays out the new rows and
 * opens them to the people who write them.
 */
export function emptyBelowHeader(sheet: Sheet, keep: number): void {
  const maxRows = sheet.getMaxRows();
  sheet.insertRowsAfter(1, keep);
  if (maxRows > 1) sheet.deleteRows(keep + 2, maxRows - 1);
}

/** A tab the refresh writes whole (Summary, Families, Sidebar Data): emptied, charts and filter too. */
export function emptyGenerated(ss: Spreadsheet, tab: TabSchema): void {
  const sheet = findSheet(ss, tab);
  if (!sheet) return;
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.getFilter()?.remove();
  sheet.clear();
  // The refresh freezes what it needs again; Sheets never deletes every row below the frozen ones.
  sheet.setFrozenRows(0);
  emptyBelowHeader(sheet, 1);
}

/** A line at the top of the Summary, above what the last refresh wrote (nothing of it is moved out of the tab). */
export function noteOnSummary(ss: Spreadsheet, text: string): void {
  const sheet = findSheet(ss, SUMMARY);
  if (!sheet) return;
  sheet.insertRowsBefore(1, 1);
  sheet.getRange(1, 1).setNumberFormat('@').setValue(text).setFontWeight('bold').setBackground('#fde7c8');
}
