/**
 * Reads and writes tabs by header text — never by position — so users may add columns
 * anywhere and reorder them. One getValues per tab read, one setValues per table written.
 */
import { accessReason, formerReason, tabAccess } from '../core/access';
import { Column, TabSchema } from '../core/schema';
import { literalText } from '../core/literal';
import { setTrackerProperties, trackerProperties } from './properties';
import { growRows, noRoomMessage } from './room';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How every protection the add-on makes is described: people tell them from their own by it. */
export const PROTECTION_PREFIX = 'Relationship Calls: ';

export const SETUP_HINT = 'Run Relationship Calls → Set up tracker to repair it.';

/** The tracker's layout is not what the add-on needs; the message says what and how to fix it. */
export class TrackerLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrackerLayoutError';
  }
}

export interface Table {
  readonly tab: TabSchema;
  readonly sheet: Sheet;
  /** Row 1 as typed, trimmed. */
  readonly headers: string[];
  /** Data rows (sheet rows 2..), every row as wide as the header row. */
  readonly rows: unknown[][];
  /** 0-based column index per column key; -1 when the tab has no such header. */
  readonly index: Readonly<Record<string, number>>;
}

export function headerKey(text: string): string {
  return text.trim().toLowerCase();
}

/** Maps each schema column to where its header stands in `headers` (-1 when missing). */
export function indexColumns(tab: TabSchema, headers: readonly unknown[]): Record<string, number> {
  const positions = new Map<string, number>();
  headers.forEach((h, i) => {
    const key = headerKey(String(h));
    if (key && !positions.has(key)) positions.set(key, i);
  });
  const index: Record<string, number> = {};
  for (const column of tab.columns) index[column.key] = positions.get(headerKey(column.header)) ?? -1;
  return index;
}

export function missingColumns(
  tab: TabSchema,
  index: Readonly<Record<string, number>>,
  columns?: readonly Column[],
): Column[] {
  return (columns ?? tab.columns).filter((c) => index[c.key] === -1);
}

export function missingColumnMessage(tab: TabSchema, missing: readonly Column[]): string {
  const names = missing.map((c) => `"${c.header}"`).join(', ');
  const plural = missing.length > 1 ? 's' : '';
  return `The ${tab.name} tab has no ${names} column${plural} in row 1. ${SETUP_HINT}`;
}

// ---- tabs found by identity

/**
 * Setup records the sheet id of each tab it owns (document properties, where no editor types), so
 * a renamed tab is still found: by that id in one call, never by looking through every sheet.
 * Before setup recorded a tab (an older tracker, a fresh copy of one), it is found by its name.
 */
const TAB_IDS = 'tabs.ids';

function recordedIds(): Readonly<Record<string, number>> {
  const raw = trackerProperties()[TAB_IDS];
  if (!raw) return {};
  try {
    return JSON.parse(raw) as Record<string, number>;
  } catch {
    return {};
  }
}

/** The sheet id setup recorded for `tab`, or null when it has none. */
export function recordedSheetId(tab: TabSchema): number | null {
  const id = recordedIds()[tab.name];
  return typeof id === 'number' ? id : null;
}

/** Records which sheet each tab is (by name), keeping what was recorded for the others: one write. */
export function recordTabs(sheets: ReadonlyArray<readonly [TabSchema, Sheet]>): void {
  const ids = { ...recordedIds() };
  for (const [tab, sheet] of sheets) ids[tab.name] = sheet.getSheetId();
  if (JSON.stringify(ids) !== JSON.stringify(recordedIds()))
    setTrackerProperties({ [TAB_IDS]: JSON.stringify(ids) });
}

/** The sheet setup recorded for `tab`, whatever it is named now; null without a record or when it was deleted. */
export function recordedSheet(ss: Spreadsheet, tab: TabSchema): Sheet | null {
  const id = recordedSheetId(tab);
  return id === null ? null : ss.getSheetById(id);
}

/** The sheet that has this name now (any sheet: one of the tracker's, or a tab of people's own). */
export function sheetNamed(ss: Spreadsheet, name: string): Sheet | null {
  return ss.getSheetByName(name);
}

/**
 * The tab, whatever it is named now: the sheet setup recorded for it, else the sheet with its
 * name (no record yet, or the recorded one was deleted); null when neither exists.
 */
export function findSheet(ss: Spreadsheet, tab: TabSchema): Sheet | null {
  return recordedSheet(ss, tab) ?? sheetNamed(ss, tab.name);
}

/**
 * The sheet that carries the add-on's own protection of `tab` (its description names the tab), in
 * a tracker whose record cannot be read here (another tracker, opened by id) or that has none (set
 * up before tabs were recorded): two calls.
 */
export function sheetProtectedAs(ss: Spreadsheet, tab: TabSchema): Sheet | null {
  const access = tabAccess(tab);
  const descriptions = [accessReason(tab, access), formerReason(tab, access)].map(
    (d) => PROTECTION_PREFIX + d,
  );
  for (const type of [SpreadsheetApp.ProtectionType.SHEET, SpreadsheetApp.ProtectionType.RANGE]) {
    const found = ss.getProtections(type).find((p) => descriptions.includes(p.getDescription()));
    if (found) return found.getRange().getSheet();
  }
  return null;
}

/**
 * A tab of another tracker (opened by id, whose recorded ids are its own): by its name, else by
 * the add-on's protection of it, so a renamed tab is still found.
 */
export function findSheetIn(other: Spreadsheet, tab: TabSchema): Sheet | null {
  return sheetNamed(other, tab.name) ?? sheetProtectedAs(other, tab);
}

/** Whether `sheet` is the tracker's tab `tab` (onEdit asks of the edited sheet): one call. */
export function isTab(sheet: Sheet, tab: TabSchema): boolean {
  const id = recordedSheetId(tab);
  return id === null ? sheet.getName() === tab.name : sheet.getSheetId() === id;
}

/** Which of `tabs` the sheet is, or null (a tab of the users' own): one call. */
export function tabOf(sheet: Sheet, tabs: readonly TabSchema[]): TabSchema | null {
  const ids = recordedIds();
  const byId = tabs.filter((t) => typeof ids[t.name] === 'number');
  const byName = tabs.filter((t) => typeof ids[t.name] !== 'number');
  const id = byId.length > 0 ? sheet.getSheetId() : null;
  const name = byName.length > 0 ? sheet.getName() : null;
  return byId.find((t) => ids[t.name] === id) ?? byName.find((t) => t.name === name) ?? null;
}

/** A new tab for `tab`, recorded as the tracker's at once. */
export function createTab(ss: Spreadsheet, tab: TabSchema, position?: number): Sheet {
  const sheet = position === undefined ? ss.insertSheet(tab.name) : ss.insertSheet(tab.name, position);
  recordTabs([[tab, sheet]]);
  return sheet;
}

export function getTab(ss: Spreadsheet, tab: TabSchema): Sheet {
  const sheet = findSheet(ss, tab);
  if (!sheet) throw new TrackerLayoutError(`The "${tab.name}" tab is missing. ${SETUP_HINT}`);
  return sheet;
}

/**
 * Reads a whole tab with one getValues. Every column of the schema must have its header,
 * unless `optional` lists it; a missing one is a TrackerLayoutError naming it.
 */
export function readTable(
  ss: Spreadsheet,
  tab: TabSchema,
  options: { optional?: readonly string[] } = {},
): Table {
  return readSheet(getTab(ss, tab), tab, options);
}

/** Like readTable, for a tab the tracker can work without (Roster): null when it is missing. */
export function readOptionalTable(
  ss: Spreadsheet,
  tab: TabSchema,
  options: { optional?: readonly string[] } = {},
): Table | null {
  const sheet = findSheet(ss, tab);
  return sheet ? readSheet(sheet, tab, options) : null;
}

function readSheet(sheet: Sheet, tab: TabSchema, options: { optional?: readonly string[] }): Table {
  const values = sheet.getDataRange().getValues();
  const headers = (values[0] ?? []).map((h) => String(h).trim());
  const index = indexColumns(tab, headers);
  const required = tab.columns.filter((c) => !(options.optional ?? []).includes(c.key));
  const missing = missingColumns(tab, index, required);
  if (missing.length > 0) throw new TrackerLayoutError(missingColumnMessage(tab, missing));
  return { tab, sheet, headers, rows: values.slice(1), index };
}

/** A tab's header row alone (one read of row 1): for reading a few rows or columns of a big tab. */
export function readHeaderRow(
  ss: Spreadsheet,
  tab: TabSchema,
  options: { optional?: readonly string[] } = {},
): Table {
  return sheetHeaderRow(getTab(ss, tab), tab, options);
}

/** readHeaderRow of a sheet already found. */
export function sheetHeaderRow(
  sheet: Sheet,
  tab: TabSchema,
  options: { optional?: readonly string[] } = {},
): Table {
  // The whole of row 1 in one call; blank cells after the last header are not columns.
  const headers = sheet
    .getRange('1:1')
    .getValues()[0]
    .map((h) => String(h).trim());
  while (headers.length > 1 && headers[headers.length - 1] === '') headers.pop();
  return headerTable(sheet, tab, headers, options);
}

/** The table of a header row read before (src/sheets/formContext.ts keeps some): no read. */
export function headerTable(
  sheet: Sheet,
  tab: TabSchema,
  headers: readonly string[],
  options: { optional?: readonly string[] } = {},
): Table {
  const index = indexColumns(tab, headers);
  const required = tab.columns.filter((c) => !(options.optional ?? []).includes(c.key));
  const missing = missingColumns(tab, index, required);
  if (missing.length > 0) throw new TrackerLayoutError(missingColumnMessage(tab, missing));
  return { tab, sheet, headers: [...headers], rows: [], index };
}

/** A column's letters in A1 notation: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Every data cell of one column (row 2 down), as an open-ended range: no need to know the last row. */
export function columnBelowHeader(table: Table, key: string): GoogleAppsScript.Spreadsheet.Range {
  const letters = columnLetters(table.index[key] + 1);
  return table.sheet.getRange(`${letters}2:${letters}`);
}

/** Sheet rows `first`..`last` (1-based, inclusive), as wide as the header row: one read. */
export function readRowsOf(table: Table, first: number, last: number): unknown[][] {
  if (last < first) return [];
  return table.sheet.getRange(first, 1, last - first + 1, table.headers.length).getValues();
}

/** Some columns of a big tab, read a block of rows at a time (long text nobody needs stays in the sheet). */
export interface ColumnsReader {
  /** The header row's index over only the columns read: rows of `read` hold those columns. */
  table: Table;
  lastRow: number;
  /** Sheet rows `first`..`last`, one read per run of adjacent columns. */
  read(first: number, last: number): unknown[][];
}

export function columnsReader(
  ss: Spreadsheet,
  tab: TabSchema,
  keys: readonly string[],
  options: { optional?: readonly string[] } = {},
): ColumnsReader {
  const header = readHeaderRow(ss, tab, options);
  const lastRow = header.sheet.getLastRow();
  const positions = [...new Set(keys.map((k) => header.index[k]).filter((i) => i >= 0))].sort(
    (a, b) => a - b,
  );
  const index: Record<string, number> = {};
  for (const [key, at] of Object.entries(header.index)) index[key] = positions.indexOf(at);
  const table = { ...header, headers: positions.map((p) => header.headers[p]), index };
  return {
    table,
    lastRow,
    read(first, last) {
      const count = last - first + 1;
      if (count <= 0) return [];
      const rows: unknown[][] = Array.from({ length: count }, () => new Array<unknown>(positions.length));
      for (let i = 0; i < positions.length;) {
        let j = i;
        while (j + 1 < positions.length && positions[j + 1] === positions[j] + 1) j++;
        const values = header.sheet.getRange(first, positions[i] + 1, count, j - i + 1).getValues();
        for (let r = 0; r < count; r++) for (let c = 0; c <= j - i; c++) rows[r][i + c] = values[r][c];
        i = j + 1;
      }
      return rows;
    },
  };
}

/** Rows read near each other are read as one block when the gap between them is at most this. */
const NEARBY_ROWS = 20;

/** Some rows of a tab, whole rows wide: one read per run of nearby rows, never one per row. */
export function readRowsAt(table: Table, rows: readonly number[]): Map<number, unknown[]> {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const found = new Map<number, unknown[]>();
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] - sorted[j] <= NEARBY_ROWS) j++;
    const block = readRowsOf(table, sorted[i], sorted[j]);
    for (let k = i; k <= j; k++) found.set(sorted[k], block[sorted[k] - sorted[i]]);
    i = j + 1;
  }
  return found;
}

/**
 * Only the columns `keys` of a tab, every data row, with one read per run of adjacent columns:
 * long text nobody needs stays in the sheet. The rows hold only those columns (the table's
 * index says where), so a district's log costs no memory for the columns left out.
 */
export function readColumns(
  ss: Spreadsheet,
  tab: TabSchema,
  keys: readonly string[],
  options: { optional?: readonly string[] } = {},
): Table {
  const reader = columnsReader(ss, tab, keys, options);
  return { ...reader.table, rows: reader.read(2, reader.lastRow) };
}

/** A getter over one row by column key: '' for a column the tab does not have. */
export function cellGetter(table: Pick<Table, 'index'>, row: readonly unknown[]): (key: string) => unknown {
  return (key) => {
    const i = table.index[key];
    return i === undefined || i < 0 ? '' : row[i];
  };
}

/** Whether a row holds nothing at all (people leave blank rows between data). */
export function isBlankRow(row: readonly unknown[]): boolean {
  return row.every((v) => v === '' || v === null || v === false);
}

/**
 * User text stays literal text, never a formula or a number: a column formatted as plain text
 * ('@') keeps it as typed; anywhere else an apostrophe prefix does (Sheets drops it from the value).
 */
function literalCell(column: Column | undefined, value: unknown, numberFormat: string): unknown {
  if (typeof value !== 'string' || numberFormat === '@') return value;
  if (column && (column.type === 'date' || column.type === 'dateTime')) return value;
  return literalText(value);
}

/**
 * The row a record becomes under this tab's headers: schema columns in their place, other
 * columns (the users' own) left blank.
 */
export function rowFor(table: Pick<Table, 'tab' | 'index' | 'headers'>, record: object): unknown[] {
  const row: unknown[] = table.headers.map(() => '');
  const values = record as Readonly<Record<string, unknown>>;
  for (const column of table.tab.columns) {
    const i = table.index[column.key];
    const value = values[column.key];
    if (i >= 0 && value !== undefined) row[i] = value;
  }
  return row;
}

/** The schema column under each header (undefined for people's own columns). */
function columnsOf(table: Pick<Table, 'tab' | 'headers'>): Array<Column | undefined> {
  return table.headers.map((h) => table.tab.columns.find((c) => headerKey(c.header) === headerKey(h)));
}

/**
 * Grows the sheet so that `lastRow` fits (with room below on the tabs teachers write: see
 * growRows). When the person running this may not add rows (a teacher on a full tab), the
 * TrackerLayoutError says when there will be room; nothing was written.
 */
export function makeRoom(table: Pick<Table, 'sheet' | 'tab'>, lastRow: number): void {
  const maxRows = table.sheet.getMaxRows();
  if (lastRow > maxRows && growRows(table.sheet, maxRows, lastRow) === 'refused')
    throw new TrackerLayoutError(noRoomMessage(table.tab));
}

/** The cells a record row becomes where the target cells have `formats`: text stays literal text. */
export function literalRow(
  table: Pick<Table, 'tab' | 'headers'>,
  row: readonly unknown[],
  formats: readonly string[],
): unknown[] {
  const columns = columnsOf(table);
  return row.map((value, c) => literalCell(columns[c], value, formats[c] ?? ''));
}

/**
 * Appends rows after `lastRow` with one setValues, growing the sheet first when it is full
 * (Sheets refuses a range past its last row). A constant number of calls for any row count.
 * When the person running this may not add rows (a teacher on a full tab), nothing is written
 * and the TrackerLayoutError says when there will be room.
 */
export function appendRows(table: Table, rows: unknown[][], lastRow: number): number {
  if (rows.length === 0) return lastRow + 1;
  makeRoom(table, lastRow + rows.length);
  const range = table.sheet.getRange(lastRow + 1, 1, rows.length, table.headers.length);
  const formats = range.getNumberFormats();
  range.setValues(rows.map((row, r) => literalRow(table, row, formats[r])));
  return lastRow + 1;
}

/**
 * Writes the schema columns `record` has (by key) on sheet row `row`, in one write of the row:
 * every other cell keeps its value or formula (people's own columns too), and text stays literal.
 */
export function rewriteRow(table: Table, row: number, record: object): void {
  const range = table.sheet.getRange(row, 1, 1, table.headers.length);
  const [values] = range.getValues();
  const [formulas] = range.getFormulas();
  const [formats] = range.getNumberFormats();
  const given = record as Readonly<Record<string, unknown>>;
  const columns = columnsOf(table);
  range.setValues([
    values.map((value, c) => {
      const column = columns[c];
      if (column && given[column.key] !== undefined)
        return literalCell(column, given[column.key], formats[c]);
      return formulas[c] || literalCell(column, value, formats[c]);
    }),
  ]);
}

/** Strikes a whole row through: a call withdrawn as logged by mistake stays readable, visibly not counted. */
export function strikeThrough(table: Table, row: number): void {
  table.sheet.getRange(row, 1, 1, table.headers.length).setFontLine('line-through');
}
