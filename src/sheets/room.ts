/**
 * Room for new rows on the tabs teachers write (Call Log, Follow-ups). Their sheet protection
 * leaves rows 2 down to the last open to everyone, but adding rows changes the tab itself, which
 * only the owner and the Leaders may do: so the add-on keeps empty rows below the data, grown by
 * leaders' runs (setup, upkeep) before teachers need them, and opens the new rows to everyone.
 */
import { TabSchema } from '../core/schema';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Empty rows kept below the data: a busy district logs a few hundred calls between upkeep runs. */
export const ROOM_ROWS = 1000;

/** What a teacher's sheet protection leaves open: rows 2 down to the last, every column. */
export function openRows(sheet: Sheet): GoogleAppsScript.Spreadsheet.Range {
  return sheet.getRange(2, 1, Math.max(sheet.getMaxRows() - 1, 1), sheet.getMaxColumns());
}

/** The message when a teacher's write needs rows the tab does not have yet. */
export function noRoomMessage(tab: TabSchema): string {
  return `The ${tab.name} tab has no empty row left, and only a Leader can add rows. The tracker adds them within a few minutes (or a Leader runs Relationship Calls → Set up tracker); nothing was saved, so try again then.`;
}

/**
 * Grows the sheet from `maxRows` to hold `needed` rows: exactly that many on a tab whose rows are
 * not open to everyone, `ROOM_ROWS` more on one whose rows are (and those new rows are opened
 * too). Null when done; else the person running this may not add rows (a teacher).
 */
export function growRows(sheet: Sheet, maxRows: number, needed: number): 'refused' | null {
  const protection = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  if (protection && !protection.canEdit()) return 'refused';
  const open = protection ? protection.getUnprotectedRanges().length > 0 : false;
  const rows = needed - maxRows + (open ? ROOM_ROWS : 0);
  if (rows <= 0) return null;
  sheet.insertRowsAfter(maxRows, rows);
  layOutLike(sheet, maxRows, rows);
  if (protection && open) protection.setUnprotectedRanges([openRows(sheet)]);
  return null;
}

/**
 * New rows get the formats, validation (tick boxes, dropdowns) and wrapping of the row above, so
 * what people type there is checked like every other row: one read of that row, three writes.
 */
function layOutLike(sheet: Sheet, above: number, rows: number): void {
  if (above < 2) return;
  const width = sheet.getMaxColumns();
  const model = sheet.getRange(above, 1, 1, width);
  const [formats] = model.getNumberFormats();
  const [rules] = model.getDataValidations();
  const [wraps] = model.getWrapStrategies();
  const block = sheet.getRange(above + 1, 1, rows, width);
  const repeat = <T>(row: T[]): T[][] => Array.from({ length: rows }, () => row);
  block.setNumberFormats(repeat(formats));
  block.setDataValidations(repeat(rules));
  block.setWrapStrategies(repeat(wraps));
}

/**
 * When fewer than half of `ROOM_ROWS` are left empty below the data of a tab whose rows are open,
 * grows the room back (a leader's run). At most two reads when there is room (none for what the
 * caller knows). Returns the sheet's rows now.
 */
export function keepRoom(sheet: Sheet, maxRows = sheet.getMaxRows(), lastRow = sheet.getLastRow()): number {
  if (maxRows - lastRow >= ROOM_ROWS / 2 || growRows(sheet, maxRows, lastRow) === 'refused') return maxRows;
  return sheet.getMaxRows();
}
