/**
 * Cell reads and writes on the model, with the rules that bite: user-entered parsing, data validation that
 * rejects, protections that block, the 50,000-character limit, and row/column insertion that shifts ranges.
 */
import { type Rect, rectToA1, rectsIntersect } from './a1';
import {
  type Content,
  Formula,
  MAX_CELL_CHARS,
  SCRIPT_DATE_FORMAT,
  isDateFormat,
  parseEntered,
  typedFormat,
} from './cells';
import { instantToSerial, resolveZone, serialToInstant, type Zone } from './dates';
import { evaluateFormula, type Scalar } from './formula';
import type { Host } from './host';
import type { CellProps, CriteriaArg, ProtectionModel, RangeRef, SheetModel, ValidationSpec } from './model';

export type CellValue = Scalar | Date;

export function spreadsheetZone(host: Host): Zone {
  const zone = resolveZone(host.wb.timeZone);
  if (!zone) throw new Error(`Invalid spreadsheet time zone ${host.wb.timeZone}`);
  return zone;
}

/** What getValues() returns for a cell: '' when empty, a Date for numbers with a date format. */
export function readValue(host: Host, sheet: SheetModel, row: number, col: number, zone?: Zone): CellValue {
  const content = sheet.content(row, col);
  if (content === undefined) return '';
  if (content instanceof Formula)
    return evaluate(host, sheet, content, new Set([`${sheet.id}:${row}:${col}`]));
  if (typeof content === 'number' && isDateFormat(sheet.cellProps(row, col)?.numberFormat)) {
    return new Date(serialToInstant(content, zone ?? spreadsheetZone(host)));
  }
  return content;
}

/** getValues() of a rect, with the loops inlined (this is the hot path for reading a whole tab). */
export function readValues(host: Host, sheet: SheetModel, rect: Rect): CellValue[][] {
  const zone = spreadsheetZone(host);
  const { row, col, numRows, numCols } = rect;
  const out: CellValue[][] = new Array(numRows);
  for (let i = 0; i < numRows; i++) {
    const contents = sheet.contents[row - 1 + i];
    const props = sheet.props[row - 1 + i];
    const line: CellValue[] = new Array(numCols);
    for (let j = 0; j < numCols; j++) {
      const c = contents?.[col - 1 + j];
      if (c === undefined) line[j] = '';
      else if (typeof c === 'number') {
        const format = props?.[col - 1 + j]?.numberFormat;
        line[j] = format && isDateFormat(format) ? new Date(serialToInstant(c, zone)) : c;
      } else if (c instanceof Formula) line[j] = readValue(host, sheet, row + i, col + j, zone);
      else line[j] = c;
    }
    out[i] = line;
  }
  return out;
}

function evaluate(host: Host, sheet: SheetModel, formula: Formula, seen: Set<string>): Scalar {
  const notImplemented = (what: string) => host.notImplemented(what);
  return evaluateFormula(
    formula.text,
    (sheetName, row, col) => {
      const target = sheetName === undefined ? sheet : host.wb.sheetByName(sheetName);
      if (!target) throw host.notImplemented(`evaluating formula ${formula.text}`);
      const key = `${target.id}:${row}:${col}`;
      if (seen.has(key)) throw host.notImplemented(`evaluating circular formula ${formula.text}`);
      const c = target.content(row, col);
      if (c === undefined) return '';
      return c instanceof Formula ? evaluate(host, target, c, new Set([...seen, key])) : c;
    },
    notImplemented,
  );
}

function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** What a value written to a cell whose number format is `format` stores; undefined = empty. */
function enteredContent(
  host: Host,
  value: unknown,
  format: string | undefined,
  zone: Zone,
): Content | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') {
    if (value.length > MAX_CELL_CHARS) {
      throw host.exception(
        `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
      );
    }
    if (format === '@') return value === '' ? undefined : value;
    return parseEntered(value);
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw host.notImplemented(`writing ${value} to a cell`);
    return value;
  }
  if (typeof value === 'boolean') return value;
  if (isDate(value)) {
    if (Number.isNaN(value.getTime())) throw host.notImplemented('writing an invalid Date to a cell');
    return instantToSerial(value.getTime(), zone);
  }
  throw host.notImplemented(`writing a ${Array.isArray(value) ? 'array' : typeof value} to a cell`);
}

/**
 * The cell's number format after writing `value` (stored as `content`): typing a date, percent or grouped
 * number, or writing a Date, gives the cell a format unless it already has one (a date replaces a non-date).
 */
function formatAfter(
  current: string | undefined,
  value: unknown,
  content: Content | undefined,
): string | undefined {
  if (typeof content !== 'number' || current === '@') return current;
  const typed =
    typeof value === 'string' ? typedFormat(value) : isDate(value) ? SCRIPT_DATE_FORMAT : undefined;
  if (typed && (!current || (isDateFormat(typed) && !isDateFormat(current)))) return typed;
  return current;
}

function store(
  sheet: SheetModel,
  row: number,
  col: number,
  value: unknown,
  content: Content | undefined,
): void {
  sheet.setContent(row, col, content);
  const current = sheet.cellProps(row, col)?.numberFormat;
  const format = formatAfter(current, value, content);
  if (format !== current) sheet.editProps(row, col).numberFormat = format;
}

function cellA1(row: number, col: number): string {
  return rectToA1({ row, col, numRows: 1, numCols: 1 });
}

/**
 * Writes a grid of values the way setValues and a person typing do: checks protections for `actor`, parses
 * each value, rejects the whole write if any cell breaks a reject-invalid validation rule, then stores.
 */
export function writeValues(
  host: Host,
  sheet: SheetModel,
  rect: Rect,
  values: unknown[][],
  actor: string,
): void {
  assertCanEditCells(host, sheet, rect, actor);
  const zone = spreadsheetZone(host);
  const { row, col, numRows, numCols } = rect;
  const contents: Array<Array<Content | undefined>> = new Array(numRows);
  for (let i = 0; i < numRows; i++) {
    const input = values[i];
    const props = sheet.props[row - 1 + i];
    const line: Array<Content | undefined> = new Array(numCols);
    for (let j = 0; j < numCols; j++) {
      const p = props?.[col - 1 + j];
      const content = enteredContent(host, input[j], p?.numberFormat, zone);
      const rule = p?.validation;
      if (rule && !rule.allowInvalid) {
        const format = formatAfter(p.numberFormat, input[j], content);
        if (!validationAccepts(host, rule, content, format)) {
          throw host.exception(
            `The data you entered in cell ${cellA1(row + i, col + j)} violates the data validation rules set on this cell.`,
          );
        }
      }
      line[j] = content;
    }
    contents[i] = line;
  }
  for (let i = 0; i < numRows; i++) {
    for (let j = 0; j < numCols; j++) store(sheet, row + i, col + j, values[i][j], contents[i][j]);
  }
}

/** Stores formulas (strings starting with '='; '' clears). */
export function writeFormulas(
  host: Host,
  sheet: SheetModel,
  rect: Rect,
  formulas: unknown[][],
  actor: string,
) {
  assertCanEditCells(host, sheet, rect, actor);
  const contents: Array<Array<Content | undefined>> = formulas.map((row) =>
    row.map((f) => {
      const text = String(f ?? '');
      if (text.length > MAX_CELL_CHARS) {
        throw host.exception(
          `Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`,
        );
      }
      if (text === '') return undefined;
      return text.startsWith('=') ? new Formula(text) : parseEntered(text);
    }),
  );
  contents.forEach((row, i) => row.forEach((c, j) => sheet.setContent(rect.row + i, rect.col + j, c)));
}

const PROTECTED =
  'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.';

function coveredBy(rect: Rect, holes: Rect[]): boolean {
  if (!holes.length) return false;
  for (let row = rect.row; row < rect.row + rect.numRows; row++) {
    const spans = holes
      .filter((h) => row >= h.row && row < h.row + h.numRows)
      .map((h) => [h.col, h.col + h.numCols] as const)
      .sort((a, b) => a[0] - b[0]);
    let reach = rect.col;
    for (const [start, end] of spans) {
      if (start > reach) break;
      reach = Math.max(reach, end);
    }
    if (reach < rect.col + rect.numCols) return false;
  }
  return true;
}

/** Whether `actor` may edit what `p` protects (warning-only and mirroring protections never block). */
export function protectionAllows(owner: string, p: ProtectionModel, actor: string): boolean {
  if (p.warningOnly || p.mirrorsSpreadsheet || actor === owner || p.editors.includes(actor)) return true;
  return Boolean(p.domainEdit) && domainOf(actor) !== '' && domainOf(actor) === domainOf(owner);
}

function domainOf(email: string): string {
  return email.includes('@') ? email.slice(email.lastIndexOf('@') + 1).toLowerCase() : '';
}

/** Throws like Sheets when `actor` may not edit a cell of `rect` (warning-only protections never block). */
export function assertCanEditCells(host: Host, sheet: SheetModel, rect: Rect, actor: string): void {
  host.assertFileEditable();
  for (const p of host.wb.protections) {
    if (p.sheetId !== sheet.id || protectionAllows(host.wb.owner, p, actor)) continue;
    const blocked =
      p.type === 'RANGE' ? !!p.rect && rectsIntersect(p.rect, rect) : !coveredBy(rect, p.unprotected);
    if (blocked) throw host.exception(PROTECTED);
  }
}

/** Structural changes (insert rows, freeze, widths, rename) are blocked by a sheet protection. */
export function assertCanEditSheet(host: Host, sheet: SheetModel, actor: string): void {
  host.assertFileEditable();
  const blocked = host.wb.protections.some(
    (p) => p.sheetId === sheet.id && p.type === 'SHEET' && !protectionAllows(host.wb.owner, p, actor),
  );
  if (blocked) throw host.exception(PROTECTED);
}

/** Sets (or with `undefined` removes) one property on every cell of the rect. */
export function setProp<K extends keyof CellProps>(
  sheet: SheetModel,
  rect: Rect,
  key: K,
  value: CellProps[K] | undefined,
): void {
  for (let r = rect.row; r < rect.row + rect.numRows; r++) {
    for (let c = rect.col; c < rect.col + rect.numCols; c++) {
      if (value === undefined) {
        const props = sheet.cellProps(r, c);
        if (props) delete props[key];
      } else sheet.editProps(r, c)[key] = value;
    }
  }
}

/** Inserts n empty slots at index (no spread: n may be large). */
function insertHoles<T>(arr: T[], index: number, n: number): void {
  if (index >= arr.length) return;
  const tail = arr.splice(index);
  arr.length = index + n;
  for (const item of tail) arr.push(item);
}

/** Shifts everything at or after `at` along the axis by `n` (rows or columns inserted before `at`). */
export function insertLines(host: Host, sheet: SheetModel, axis: 'row' | 'col', at: number, n: number): void {
  if (axis === 'row') {
    insertHoles(sheet.contents, at - 1, n);
    insertHoles(sheet.props, at - 1, n);
    sheet.maxRows += n;
    if (at <= sheet.frozenRows) sheet.frozenRows += n;
  } else {
    for (const row of sheet.contents) if (row) insertHoles(row, at - 1, n);
    for (const row of sheet.props) if (row) insertHoles(row, at - 1, n);
    sheet.maxCols += n;
    if (at <= sheet.frozenCols) sheet.frozenCols += n;
    const widths = [...sheet.columnWidths].map(([c, w]) => [c >= at ? c + n : c, w] as const);
    sheet.columnWidths = new Map(widths);
    sheet.hiddenColumns = new Set([...sheet.hiddenColumns].map((c) => (c >= at ? c + n : c)));
  }
  const shift = (rect: Rect): void => {
    const start = axis === 'row' ? rect.row : rect.col;
    const size = axis === 'row' ? rect.numRows : rect.numCols;
    if (start >= at) {
      if (axis === 'row') rect.row += n;
      else rect.col += n;
    } else if (start + size > at) {
      if (axis === 'row') rect.numRows += n;
      else rect.numCols += n;
    }
  };
  const onSheet = (ref: RangeRef) => ref.sheetId === sheet.id;
  for (const p of host.wb.protections) {
    if (p.sheetId !== sheet.id) continue;
    if (p.rect) shift(p.rect);
    p.unprotected.forEach(shift);
  }
  for (const s of host.wb.sheets) {
    for (const rule of s.conditionalFormats) rule.ranges.filter(onSheet).forEach((ref) => shift(ref.rect));
    for (const chart of s.charts) chart.ranges.filter(onSheet).forEach((ref) => shift(ref.rect));
  }
  for (const chart of sheet.charts) {
    if (axis === 'row' && chart.position.row >= at) chart.position.row += n;
    if (axis === 'col' && chart.position.col >= at) chart.position.col += n;
  }
}

/**
 * A range's extent after `n` lines from `at` were deleted along `axis`: what came after moves back, a
 * range that spanned the deletion shrinks, and one wholly deleted is gone (null).
 */
function afterDeletion(rect: Rect, axis: 'row' | 'col', at: number, n: number): Rect | null {
  const start = axis === 'row' ? rect.row : rect.col;
  const size = axis === 'row' ? rect.numRows : rect.numCols;
  const end = start + size;
  const kept = Math.max(0, Math.min(end, at) - start) + Math.max(0, end - Math.max(start, at + n));
  if (kept === 0) return null;
  const first = start < at ? start : Math.max(at, start - n);
  return axis === 'row' ? { ...rect, row: first, numRows: kept } : { ...rect, col: first, numCols: kept };
}

/**
 * Deletes `n` rows or columns from `at` (1-based), as Sheet.deleteRows / deleteColumns do: the cells move
 * back, the frozen count, column widths and hidden columns follow, and protections, unprotected ranges, conditional format
 * rules, charts and the filter shrink with the grid (one left with no cells is removed).
 */
export function deleteLines(host: Host, sheet: SheetModel, axis: 'row' | 'col', at: number, n: number): void {
  const max = axis === 'row' ? sheet.maxRows : sheet.maxCols;
  const frozen = axis === 'row' ? sheet.frozenRows : sheet.frozenCols;
  const what = axis === 'row' ? 'rows' : 'columns';
  if (!Number.isInteger(at) || !Number.isInteger(n) || n < 1 || at < 1 || at + n - 1 > max)
    throw host.exception(`Those ${what} are out of bounds.`);
  if (at <= frozen + 1 && at + n - 1 >= max)
    throw host.exception(`Sorry, it is not possible to delete all non-frozen ${what}.`);
  if (axis === 'row') {
    sheet.contents.splice(at - 1, n);
    sheet.props.splice(at - 1, n);
    sheet.maxRows -= n;
    if (at <= sheet.frozenRows) sheet.frozenRows -= Math.min(n, sheet.frozenRows - at + 1);
  } else {
    for (const row of sheet.contents) row?.splice(at - 1, n);
    for (const row of sheet.props) row?.splice(at - 1, n);
    sheet.maxCols -= n;
    if (at <= sheet.frozenCols) sheet.frozenCols -= Math.min(n, sheet.frozenCols - at + 1);
    const widths: Array<[number, number | 'auto']> = [];
    for (const [c, w] of sheet.columnWidths) {
      if (c < at) widths.push([c, w]);
      else if (c >= at + n) widths.push([c - n, w]);
    }
    sheet.columnWidths = new Map(widths);
    const hidden = [...sheet.hiddenColumns].filter((c) => c < at || c >= at + n);
    sheet.hiddenColumns = new Set(hidden.map((c) => (c < at ? c : c - n)));
  }
  const shrink = (rect: Rect) => afterDeletion(rect, axis, at, n);
  const onSheet = (ref: RangeRef) => ref.sheetId === sheet.id;
  const shrinkRefs = (refs: RangeRef[]): RangeRef[] =>
    refs.flatMap((ref) => {
      if (!onSheet(ref)) return [ref];
      const rect = shrink(ref.rect);
      return rect ? [{ ...ref, rect }] : [];
    });
  host.wb.protections = host.wb.protections.filter((p) => {
    if (p.sheetId !== sheet.id) return true;
    p.unprotected = p.unprotected.flatMap((r) => shrink(r) ?? []);
    if (!p.rect) return true;
    const rect = shrink(p.rect);
    if (rect) p.rect = rect;
    return rect !== null;
  });
  for (const s of host.wb.sheets) {
    s.conditionalFormats = s.conditionalFormats.filter((rule) => {
      rule.ranges = shrinkRefs(rule.ranges);
      return rule.ranges.length > 0;
    });
    for (const chart of s.charts) chart.ranges = shrinkRefs(chart.ranges);
  }
  if (sheet.filter) sheet.filter = shrink(sheet.filter);
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function text(v: Content): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** Whether `content` (about to be stored in a cell with number format `format`) satisfies the rule. */
export function validationAccepts(
  host: Host,
  spec: ValidationSpec,
  content: Content | undefined,
  format?: string,
) {
  if (content === undefined || content === '' || content instanceof Formula) return true;
  const zone = resolveZone(host.wb.timeZone);
  const day = (a: CriteriaArg) =>
    Math.floor(
      a !== null && typeof a === 'object' && 'date' in a && zone ? instantToSerial(a.date, zone) : NaN,
    );
  const args = spec.args;
  const num = typeof content === 'number' ? content : NaN;
  const dateDay = typeof content === 'number' && isDateFormat(format) ? Math.floor(content) : NaN;
  switch (spec.criteria) {
    case 'CHECKBOX':
      if (args.length === 0) return typeof content === 'boolean';
      return args.slice(0, 2).some((a) => String(a).toLowerCase() === text(content).toLowerCase());
    case 'DATE_IS_VALID_DATE':
      return !Number.isNaN(dateDay);
    case 'DATE_AFTER':
      return dateDay > day(args[0]);
    case 'DATE_BEFORE':
      return dateDay < day(args[0]);
    case 'DATE_EQUAL_TO':
      return dateDay === day(args[0]);
    case 'DATE_ON_OR_AFTER':
      return dateDay >= day(args[0]);
    case 'DATE_ON_OR_BEFORE':
      return dateDay <= day(args[0]);
    case 'DATE_BETWEEN':
      return dateDay >= day(args[0]) && dateDay <= day(args[1]);
    case 'DATE_NOT_BETWEEN':
      return !Number.isNaN(dateDay) && !(dateDay >= day(args[0]) && dateDay <= day(args[1]));
    case 'NUMBER_BETWEEN':
      return num >= Number(args[0]) && num <= Number(args[1]);
    case 'NUMBER_NOT_BETWEEN':
      return !Number.isNaN(num) && !(num >= Number(args[0]) && num <= Number(args[1]));
    case 'NUMBER_EQUAL_TO':
      return num === Number(args[0]);
    case 'NUMBER_NOT_EQUAL_TO':
      return !Number.isNaN(num) && num !== Number(args[0]);
    case 'NUMBER_GREATER_THAN':
      return num > Number(args[0]);
    case 'NUMBER_GREATER_THAN_OR_EQUAL_TO':
      return num >= Number(args[0]);
    case 'NUMBER_LESS_THAN':
      return num < Number(args[0]);
    case 'NUMBER_LESS_THAN_OR_EQUAL_TO':
      return num <= Number(args[0]);
    case 'TEXT_CONTAINS':
      return text(content).includes(String(args[0]));
    case 'TEXT_DOES_NOT_CONTAIN':
      return !text(content).includes(String(args[0]));
    case 'TEXT_EQUAL_TO':
      return text(content) === String(args[0]);
    case 'TEXT_IS_VALID_EMAIL':
      return typeof content === 'string' && EMAIL.test(content);
    case 'TEXT_IS_VALID_URL':
      return typeof content === 'string' && /^https?:\/\/\S+$/i.test(content);
    case 'VALUE_IN_LIST':
      return Array.isArray(args[0]) && args[0].includes(text(content));
    case 'VALUE_IN_RANGE': {
      const a = args[0];
      if (a === null || typeof a !== 'object' || !('range' in a)) return false;
      const sheet = host.wb.sheetById(a.range.sheetId);
      if (!sheet) return false;
      const want = text(content);
      const { row, col, numRows, numCols } = a.range.rect;
      for (let r = row; r < row + numRows; r++) {
        for (let c = col; c < col + numCols; c++) {
          const v = readValue(host, sheet, r, c);
          if (v !== '' && text(v instanceof Date ? String(v) : v) === want) return true;
        }
      }
      return false;
    }
    case 'CUSTOM_FORMULA':
      throw host.notImplemented(`evaluating data validation formula ${String(args[0])}`);
    default:
      throw host.notImplemented(`data validation criteria ${spec.criteria}`);
  }
}
