/**
 * Writes the Families tab. The full rebuild writes it school by school (one write per school, a
 * filter on the header row and a constant number of format calls); between rebuilds, the rows of
 * the households that changed are rewritten where they stand, found by the hidden Household key
 * (wherever a person's sort moved them).
 */
import { FamilyCell } from '../core/families';
import { FAMILIES, FamilyStatus } from '../core/schema';
import { getTab } from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const HEADER_BACKGROUND = '#e8f0fe';
const STATUS_COLOURS: Readonly<Record<FamilyStatus, string>> = {
  'Not yet called': '#f4c7c3',
  Trying: '#fce8b2',
  'Hand-off': '#f9cb9c',
  Reached: '#b7e1cd',
};
const WIDTH = FAMILIES.columns.length;
const WHITE = '#ffffff';
const column = (key: string): number => FAMILIES.columns.findIndex((c) => c.key === key) + 1;
const STATUS = column('status');
const KEY = column('household');

function grow(sheet: Sheet, lastRow: number): void {
  const maxRows = sheet.getMaxRows();
  if (lastRow > maxRows) sheet.insertRowsAfter(maxRows, lastRow - maxRows);
}

function colourOf(row: readonly FamilyCell[]): string {
  return STATUS_COLOURS[row[STATUS - 1] as FamilyStatus];
}

/** Rows the full rebuild writes at once: a few writes for a district, its memory kept small. */
const BATCH_ROWS = 5_000;

/** The full rebuild's writer: the header first, then the schools' rows as they are made, a batch at a time. */
export class FamiliesWriter {
  private readonly sheet: Sheet;
  /** The sheet row the buffer's first row goes to: row 1, the header, at first. */
  private next = 1;
  private buffer: FamilyCell[][];
  private readonly colours: string[][] = [];

  constructor(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, header: FamilyCell[]) {
    this.sheet = getTab(ss, FAMILIES);
    // A filter on the old rows would hide new ones; Sheets refuses a second filter anyway.
    this.sheet.getFilter()?.remove();
    this.sheet.clear();
    this.buffer = [header];
  }

  add(rows: FamilyCell[][]): void {
    for (const row of rows) {
      this.buffer.push(row);
      this.colours.push([colourOf(row)]);
    }
    if (this.buffer.length >= BATCH_ROWS) this.flush();
  }

  private flush(): void {
    if (this.buffer.length === 0) return;
    grow(this.sheet, this.next + this.buffer.length - 1);
    this.sheet.getRange(this.next, 1, this.buffer.length, WIDTH).setValues(this.buffer);
    this.next += this.buffer.length;
    this.buffer = [];
  }

  finish(): void {
    this.flush();
    const sheet = this.sheet;
    const rows = this.next - 1;
    sheet.getRange(1, 1, 1, WIDTH).setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(true);
    sheet.setFrozenRows(1);
    if (rows > 1) {
      for (const key of ['lastAttempt', 'reachedOn'])
        sheet.getRange(2, column(key), rows - 1, 1).setNumberFormat('yyyy-mm-dd');
      sheet.getRange(2, STATUS, rows - 1, 1).setBackgrounds(this.colours);
    }
    sheet.getRange(1, 1, rows, WIDTH).createFilter();
    sheet.hideColumns(KEY);
  }
}

/**
 * Rewrites the rows of these households (by key) where they stand: one read of the key column,
 * then a write of values and one of Status colours per run of adjacent rows. False, with nothing
 * written, when a household has no row (the tab is not the one the last rebuild wrote).
 */
export function updateFamilyRows(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  rows: ReadonlyMap<string, FamilyCell[]>,
): boolean {
  if (rows.size === 0) return true;
  const sheet = getTab(ss, FAMILIES);
  const lastRow = sheet.getLastRow();
  if (lastRow < 2) return false;
  const keys = sheet.getRange(2, KEY, lastRow - 1, 1).getValues();
  const rowOf = new Map<string, number>();
  keys.forEach(([key], i) => rowOf.set(String(key), i + 2));
  const targets: Array<[number, FamilyCell[]]> = [];
  for (const [key, cells] of rows) {
    const row = rowOf.get(key);
    if (row === undefined) return false;
    targets.push([row, cells]);
  }
  targets.sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < targets.length;) {
    let j = i;
    while (j + 1 < targets.length && targets[j + 1][0] === targets[j][0] + 1) j++;
    const run = targets.slice(i, j + 1).map(([, cells]) => cells);
    // Values and colours through one range: a family's row has no colour but its Status.
    sheet
      .getRange(targets[i][0], 1, run.length, WIDTH)
      .setValues(run)
      .setBackgrounds(run.map((r) => r.map((_, c) => (c === STATUS - 1 ? colourOf(r) : WHITE))));
    i = j + 1;
  }
  return true;
}
