/**
 * The edit event as onEdit's handlers see it: its range's position and its sheet's name are
 * asked of Sheets once. Every handler asks for them, and some for every row edited (a 500-row
 * paste would otherwise make thousands of calls); anything else is passed on as it is.
 */
type Range = GoogleAppsScript.Spreadsheet.Range;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const RANGE_GETTERS = ['getRow', 'getColumn', 'getNumRows', 'getNumColumns', 'getLastRow', 'getLastColumn'];
const SHEET_GETTERS = ['getName', 'getSheetId'];

/** `target` with the named no-argument getters answered from their first call, and `fixed` values given. */
function remembering<T extends object>(
  target: T,
  getters: readonly string[],
  fixed: Record<string, unknown>,
): T {
  const answers = new Map<string, unknown>();
  return new Proxy(target, {
    get(object, prop) {
      if (typeof prop === 'string' && prop in fixed) return () => fixed[prop];
      if (typeof prop === 'string' && getters.includes(prop))
        return () => {
          if (!answers.has(prop)) answers.set(prop, (Reflect.get(object, prop) as () => unknown)());
          return answers.get(prop);
        };
      const value: unknown = Reflect.get(object, prop);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
    },
  });
}

export function rememberingEdit(
  e: GoogleAppsScript.Events.SheetsOnEdit,
): GoogleAppsScript.Events.SheetsOnEdit {
  const sheet: Sheet = remembering(e.range.getSheet(), SHEET_GETTERS, {});
  const range: Range = remembering(e.range, RANGE_GETTERS, { getSheet: sheet });
  return { ...e, range };
}

const headerRows = new Map<number, unknown[]>();

/**
 * Row 1 of an edited tab, as wide as its last column: read once however many of onEdit's
 * handlers ask (none of them changes it).
 */
export function editedHeaderRow(sheet: Sheet): unknown[] {
  const id = sheet.getSheetId();
  let row = headerRows.get(id);
  if (!row) headerRows.set(id, (row = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0]));
  return row;
}

/** Whether an edited range covers a column (0-based, as a header index gives it). */
export function touches(range: Range, column: number): boolean {
  return column >= range.getColumn() - 1 && column <= range.getColumn() + range.getNumColumns() - 2;
}

let edited: { key: string; values: unknown[][] } | null = null;

/**
 * The edited rows, as wide as the header row: read once for every handler that looks at them,
 * until one of them writes values there (forgetEditedRowValues).
 */
export function editedRowValues(sheet: Sheet, first: number, last: number, width: number): unknown[][] {
  const key = `${sheet.getSheetId()}:${first}:${last}:${width}`;
  if (edited?.key !== key)
    edited = { key, values: sheet.getRange(first, 1, last - first + 1, width).getValues() };
  return edited.values;
}

/** A handler wrote values on the edited rows: the next one reads them again. */
export function forgetEditedRowValues(): void {
  edited = null;
}
