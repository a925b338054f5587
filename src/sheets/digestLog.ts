/** The Digest Log tab: a report, one row per email attempt, appended; never read to decide anything. */
import { DigestLogRow } from '../core/digestLog';
import { DIGEST_LOG } from '../core/schema';
import { appendRows, findSheet, readHeaderRow, rowFor } from './table';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * Appends the rows after the tab's last row in one write. False when this person may not write
 * the tab (it is the owner's and Leaders'): the caller keeps the rows for a run that may.
 */
export function appendDigestLog(ss: Spreadsheet, rows: readonly DigestLogRow[]): boolean {
  if (rows.length === 0) return true;
  if (!findSheet(ss, DIGEST_LOG)) return false;
  const table = readHeaderRow(ss, DIGEST_LOG);
  try {
    appendRows(
      table,
      rows.map((r) => rowFor(table, { ...r, sentAt: new Date(r.sentAt) })),
      table.sheet.getLastRow(),
    );
    return true;
  } catch (error) {
    // A protection refuses the write: Sheets says the range is protected.
    if (error instanceof Error && /protected/i.test(error.message)) return false;
    throw error;
  }
}
