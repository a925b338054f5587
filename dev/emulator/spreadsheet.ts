/** SpreadsheetApp, Spreadsheet, Sheet and Range. */
import { type Rect, parseA1, rectToA1, resolveA1 } from './a1';
import { AUTOMATIC_FORMAT, Formula, formatDateSerial, formatNumber } from './cells';
import { EmbeddedChart, EmbeddedChartBuilder } from './charts';
import { ConditionalFormatRule, ConditionalFormatRuleBuilder, InterpolationType } from './conditional';
import { Filter } from './filter';
import { instantToSerial } from './dates';
import { fileAccess } from './drive';
import { type CellsMoved, type Host, NEEDS, ServiceObject } from './host';
import { type CellProps, FORMAT_KEYS, SheetModel } from './model';
import { Protection, ProtectionType, newProtection } from './protection';
import { makeRange, provideRanges } from './rangeRefs';
import { User } from './session';
import { TextFinder } from './textFinder';
import {
  assertCanEditCells,
  assertCanEditSheet,
  deleteLines,
  insertLines,
  readValue,
  readValues,
  setProp,
  spreadsheetZone,
  writeFormulas,
  writeValues,
} from './sheetOps';
import { Ui } from './ui';
import { DataValidation, DataValidationBuilder, DataValidationCriteria } from './validation';

export const WrapStrategy = Object.freeze({ WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' });

const COORDINATES = 'The coordinates of the range are outside the dimensions of the sheet.';

const NAMED_COLORS: Record<string, string> = {
  black: '#000000',
  white: '#ffffff',
  red: '#ff0000',
  green: '#008000',
  blue: '#0000ff',
  yellow: '#ffff00',
  orange: '#ffa500',
  purple: '#800080',
  gray: '#808080',
  grey: '#808080',
};

/** Sheets reports colors as lowercase #rrggbb. */
function normalizeColor(host: Host, color: unknown): string | undefined {
  if (color === null || color === undefined || color === '') return undefined;
  const c = String(color).trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(c)) return c;
  if (/^#[0-9a-f]{3}$/.test(c)) return '#' + [...c.slice(1)].map((h) => h + h).join('');
  if (c in NAMED_COLORS) return NAMED_COLORS[c];
  throw host.notImplemented(`color ${String(color)}`);
}

/** A font line as Sheets keeps it: 'underline' or 'line-through'; null and 'none' clear it. */
function fontLineOf(host: Host, line: unknown): string | undefined {
  if (line === null || line === 'none') return undefined;
  if (line === 'underline' || line === 'line-through') return line;
  throw host.notImplemented(`font line ${String(line)}`);
}

function signatureError(host: Host, method: string): Error {
  return host.exception(`The parameters don't match the method signature for SpreadsheetApp.${method}.`);
}

/** Throws Sheets' messages when a grid does not have the range's shape. */
function checkShape(host: Host, data: unknown, rect: Rect, method: string): unknown[][] {
  if (!Array.isArray(data) || !data.every((row) => Array.isArray(row))) throw signatureError(host, method);
  if (data.length !== rect.numRows) {
    throw host.exception(
      `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${rect.numRows}.`,
    );
  }
  for (const row of data as unknown[][]) {
    if (row.length !== rect.numCols) {
      throw host.exception(
        `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${rect.numCols}.`,
      );
    }
  }
  return data as unknown[][];
}

function checkRect(host: Host, sheet: SheetModel, rect: Rect): Rect {
  const { row, col, numRows, numCols } = rect;
  if (![row, col, numRows, numCols].every((n) => typeof n === 'number' && Number.isFinite(n))) {
    throw signatureError(host, 'Sheet.getRange');
  }
  if (row < 1) throw host.exception('The starting row of the range is too small.');
  if (col < 1) throw host.exception('The starting column of the range is too small.');
  if (numRows < 1) throw host.exception('The number of rows in the range must be at least 1.');
  if (numCols < 1) throw host.exception('The number of columns in the range must be at least 1.');
  if (row + numRows - 1 > sheet.maxRows || col + numCols - 1 > sheet.maxCols)
    throw host.exception(COORDINATES);
  return {
    row: Math.floor(row),
    col: Math.floor(col),
    numRows: Math.floor(numRows),
    numCols: Math.floor(numCols),
  };
}

function sheetView(host: Host, sheet: SheetModel): EmuSheet {
  return new EmuSheet(host, sheet);
}

function liveSheet(host: Host, sheet: SheetModel): SheetModel {
  if (!host.wb.sheets.includes(sheet)) throw host.exception('The sheet has been deleted.');
  return sheet;
}

export class SpreadsheetApp extends ServiceObject {
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly ProtectionType = ProtectionType;
  readonly WrapStrategy = WrapStrategy;
  readonly InterpolationType = InterpolationType;

  constructor(host: Host) {
    super(host, 'SpreadsheetApp');
  }

  getActive(): EmuSpreadsheet {
    this.host.require('SpreadsheetApp.getActive', NEEDS.spreadsheet);
    return new EmuSpreadsheet(this.host);
  }
  getActiveSpreadsheet(): EmuSpreadsheet {
    this.host.require('SpreadsheetApp.getActiveSpreadsheet', NEEDS.spreadsheet);
    return new EmuSpreadsheet(this.host);
  }
  getActiveSheet(): EmuSheet {
    this.host.require('SpreadsheetApp.getActiveSheet', NEEDS.spreadsheet);
    return new EmuSpreadsheet(this.host).getActiveSheet();
  }
  /**
   * Another spreadsheet, as the person the script runs as (a trigger's, its creator) may see it.
   * Needs the full spreadsheets scope and an authorized run (never a simple trigger). A file that
   * is not in Drive (deleted, in the trash, a wrong id) and one not shared with that person fail
   * with Sheets' two messages.
   */
  openById(id: string): EmuSpreadsheet {
    this.host.require('SpreadsheetApp.openById', NEEDS.otherSpreadsheets);
    const key = String(id);
    const wb = this.host.drive.find(key);
    if (!wb) {
      throw this.host.exception(
        `Document ${key} is missing (perhaps it was deleted, or you don't have read access?)`,
      );
    }
    if (wb !== this.host.bound && !fileAccess(wb, this.host.actingUser()))
      throw this.host.exception('You do not have permission to access the requested document.');
    return this.host.within(wb, () => new EmuSpreadsheet(this.host));
  }
  getUi(): Ui {
    this.host.require('SpreadsheetApp.getUi', NEEDS.menus);
    return new Ui(this.host);
  }
  flush(): void {
    this.host.require('SpreadsheetApp.flush', NEEDS.spreadsheet);
  }
  newDataValidation(): DataValidationBuilder {
    return new DataValidationBuilder(this.host);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder(this.host);
  }
}

export class EmuSpreadsheet extends ServiceObject {
  constructor(host: Host) {
    super(host, 'Spreadsheet');
  }

  getId(): string {
    return this.host.wb.id;
  }
  getName(): string {
    return this.host.wb.name;
  }
  rename(name: string): void {
    this.host.assertFileEditable();
    this.host.wb.name = String(name);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.host.wb.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.host.wb.timeZone;
  }
  getOwner(): User {
    return new User(this.host, this.host.wb.owner);
  }
  getSheets(): EmuSheet[] {
    return this.host.wb.sheets.map((s) => sheetView(this.host, s));
  }
  getNumSheets(): number {
    return this.host.wb.sheets.length;
  }
  getSheetByName(name: string): EmuSheet | null {
    const sheet = this.host.wb.sheetByName(String(name));
    return sheet ? sheetView(this.host, sheet) : null;
  }
  getSheetById(id: number): EmuSheet | null {
    const sheet = this.host.wb.sheetById(id);
    return sheet ? sheetView(this.host, sheet) : null;
  }
  insertSheet(nameOrIndex?: string | number, index?: number): EmuSheet {
    this.host.assertFileEditable();
    const wb = this.host.wb;
    let name = typeof nameOrIndex === 'string' ? nameOrIndex : undefined;
    const at = typeof nameOrIndex === 'number' ? nameOrIndex : (index ?? wb.sheets.length);
    if (name === undefined) {
      let n = wb.sheets.length + 1;
      while (wb.sheetByName(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    if (wb.sheetByName(name)) {
      throw this.host.exception(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    const sheet = new SheetModel(wb.nextSheetId++, name);
    wb.sheets.splice(Math.max(0, Math.min(at, wb.sheets.length)), 0, sheet);
    wb.activeSheetId = sheet.id;
    return sheetView(this.host, sheet);
  }
  deleteSheet(sheet: EmuSheet): void {
    if (!(sheet instanceof EmuSheet)) throw signatureError(this.host, 'Spreadsheet.deleteSheet');
    const wb = this.host.wb;
    if (wb.sheets.length === 1) throw this.host.exception("You can't remove all the sheets in a document.");
    assertCanEditSheet(this.host, sheet.model, this.host.actingUser());
    wb.sheets = wb.sheets.filter((s) => s !== sheet.model);
    wb.protections = wb.protections.filter((p) => p.sheetId !== sheet.model.id);
    if (wb.activeSheetId === sheet.model.id) wb.activeSheetId = wb.sheets[0].id;
  }
  getActiveSheet(): EmuSheet {
    const wb = this.host.wb;
    return sheetView(this.host, wb.sheetById(wb.activeSheetId) ?? wb.sheets[0]);
  }
  setActiveSheet(sheet: EmuSheet): EmuSheet {
    if (!(sheet instanceof EmuSheet)) throw signatureError(this.host, 'Spreadsheet.setActiveSheet');
    this.host.wb.activeSheetId = sheet.model.id;
    return sheet;
  }
  toast(message: unknown, title?: unknown, timeoutSeconds?: number): void {
    this.host.ui.toasts.push({
      message: String(message),
      ...(title !== undefined ? { title: String(title) } : {}),
      ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}),
    });
  }
  getRange(a1: string): EmuRange {
    const parsed = parseA1(String(a1));
    if (!parsed) throw this.host.exception('Range not found');
    const wb = this.host.wb;
    const sheet = parsed.sheetName
      ? wb.sheetByName(parsed.sheetName)
      : (wb.sheetById(wb.activeSheetId) ?? wb.sheets[0]);
    if (!sheet) throw this.host.exception('Range not found');
    return makeRange(
      this.host,
      sheet,
      checkRect(this.host, sheet, resolveA1(parsed, sheet.maxRows, sheet.maxCols)),
    );
  }
  getProtections(type: string): Protection[] {
    return this.host.wb.protections
      .filter((p) => p.type === String(type))
      .map((p) => new Protection(this.host, p));
  }
}

export class EmuSheet extends ServiceObject {
  constructor(
    host: Host,
    readonly model: SheetModel,
  ) {
    super(host, 'Sheet');
  }

  private _edit(): SheetModel {
    const sheet = liveSheet(this.host, this.model);
    assertCanEditSheet(this.host, sheet, this.host.actingUser());
    return sheet;
  }

  getName(): string {
    return this.model.name;
  }
  setName(name: string): this {
    const sheet = this._edit();
    const other = this.host.wb.sheetByName(String(name));
    if (other && other !== sheet) {
      throw this.host.exception(
        `A sheet with the name "${String(name)}" already exists. Please enter another name.`,
      );
    }
    sheet.name = String(name);
    return this;
  }
  getSheetId(): number {
    return this.model.id;
  }
  getIndex(): number {
    return this.host.wb.sheets.indexOf(this.model) + 1;
  }
  getParent(): EmuSpreadsheet {
    return new EmuSpreadsheet(this.host);
  }
  /** Ranges of this sheet by A1 notation, to act on them at once (one call, however many cells). */
  getRangeList(a1Notations: string[]): EmuRangeList {
    const sheet = liveSheet(this.host, this.model);
    if (!Array.isArray(a1Notations) || a1Notations.length === 0)
      throw signatureError(this.host, 'Sheet.getRangeList');
    return new EmuRangeList(
      this.host,
      a1Notations.map((a1) => {
        const parsed = parseA1(String(a1));
        if (!parsed || parsed.sheetName) throw this.host.exception('Range not found');
        return makeRange(
          this.host,
          sheet,
          checkRect(this.host, sheet, resolveA1(parsed, sheet.maxRows, sheet.maxCols)),
        );
      }),
    );
  }
  getRange(rowOrA1: number | string, column?: number, numRows?: number, numColumns?: number): EmuRange {
    const sheet = liveSheet(this.host, this.model);
    if (typeof rowOrA1 === 'string') {
      const parsed = parseA1(rowOrA1);
      if (!parsed || parsed.sheetName) throw this.host.exception('Range not found');
      return makeRange(
        this.host,
        sheet,
        checkRect(this.host, sheet, resolveA1(parsed, sheet.maxRows, sheet.maxCols)),
      );
    }
    const rect = { row: rowOrA1, col: column as number, numRows: numRows ?? 1, numCols: numColumns ?? 1 };
    return makeRange(this.host, sheet, checkRect(this.host, sheet, rect));
  }
  getDataRange(): EmuRange {
    const rect = {
      row: 1,
      col: 1,
      numRows: Math.max(1, this.model.lastRow()),
      numCols: Math.max(1, this.model.lastColumn()),
    };
    return makeRange(this.host, this.model, rect);
  }
  getLastRow(): number {
    return this.model.lastRow();
  }
  getLastColumn(): number {
    return this.model.lastColumn();
  }
  getMaxRows(): number {
    return this.model.maxRows;
  }
  getMaxColumns(): number {
    return this.model.maxCols;
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    const sheet = this._edit();
    if (afterPosition < 1 || afterPosition > sheet.maxRows) throw this.host.exception(COORDINATES);
    insertLines(this.host, sheet, 'row', afterPosition + 1, howMany);
    return this;
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    const sheet = this._edit();
    if (beforePosition < 1 || beforePosition > sheet.maxRows) throw this.host.exception(COORDINATES);
    insertLines(this.host, sheet, 'row', beforePosition, howMany);
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRowsBefore(beforePosition, 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    const sheet = this._edit();
    if (afterPosition < 1 || afterPosition > sheet.maxCols) throw this.host.exception(COORDINATES);
    insertLines(this.host, sheet, 'col', afterPosition + 1, howMany);
    return this;
  }
  insertColumnAfter(afterPosition: number): this {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    const sheet = this._edit();
    if (beforePosition < 1 || beforePosition > sheet.maxCols) throw this.host.exception(COORDINATES);
    insertLines(this.host, sheet, 'col', beforePosition, howMany);
    return this;
  }
  insertColumnBefore(beforePosition: number): this {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  /** Protected cells in the deleted lines block a person who may not edit them, as the sheet protection does. */
  private _deleteLines(axis: 'row' | 'col', at: number, howMany: number): this {
    const sheet = this._edit();
    const rect =
      axis === 'row'
        ? { row: at, col: 1, numRows: howMany, numCols: sheet.maxCols }
        : { row: 1, col: at, numRows: sheet.maxRows, numCols: howMany };
    const inside =
      at >= 1 && howMany >= 1 && at + howMany - 1 <= (axis === 'row' ? sheet.maxRows : sheet.maxCols);
    if (inside) assertCanEditCells(this.host, sheet, rect, this.host.actingUser());
    deleteLines(this.host, sheet, axis, at, howMany);
    return this;
  }
  deleteRows(rowPosition: number, howMany: number): this {
    return this._deleteLines('row', rowPosition, howMany);
  }
  deleteRow(rowPosition: number): this {
    return this._deleteLines('row', rowPosition, 1);
  }
  deleteColumns(columnPosition: number, howMany: number): this {
    return this._deleteLines('col', columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): this {
    return this._deleteLines('col', columnPosition, 1);
  }
  override _cellsMoved(method: string, args: readonly unknown[]): CellsMoved | null {
    return method === 'appendRow' && Array.isArray(args[0]) ? { written: args[0].length } : null;
  }

  /** Writes after the last row with content, growing the sheet like Sheets does; strings are user-entered. */
  appendRow(rowContents: unknown[]): this {
    const sheet = liveSheet(this.host, this.model);
    if (!Array.isArray(rowContents)) throw signatureError(this.host, 'Sheet.appendRow');
    if (rowContents.length === 0) return this;
    const row = sheet.lastRow() + 1;
    const rect = { row, col: 1, numRows: 1, numCols: rowContents.length };
    const actor = this.host.actingUser();
    assertCanEditCells(this.host, sheet, rect, actor);
    const grow = {
      rows: Math.max(0, row - sheet.maxRows),
      cols: Math.max(0, rowContents.length - sheet.maxCols),
    };
    sheet.maxRows += grow.rows;
    sheet.maxCols += grow.cols;
    try {
      writeValues(this.host, sheet, rect, [rowContents], actor);
    } catch (e) {
      sheet.maxRows -= grow.rows;
      sheet.maxCols -= grow.cols;
      throw e;
    }
    return this;
  }
  setFrozenRows(rows: number): void {
    this._edit().frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.model.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this._edit().frozenCols = columns;
  }
  getFrozenColumns(): number {
    return this.model.frozenCols;
  }
  setColumnWidth(column: number, width: number): this {
    this._edit().columnWidths.set(column, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    const sheet = this._edit();
    for (let c = startColumn; c < startColumn + numColumns; c++) sheet.columnWidths.set(c, width);
    return this;
  }
  /** 100 unless set; after autoResizeColumns the width depends on fonts, so reading it is not implemented. */
  getColumnWidth(column: number): number {
    const width = this.model.columnWidths.get(column) ?? 100;
    if (width === 'auto') throw this.host.notImplemented('Sheet.getColumnWidth after autoResizeColumns');
    return width;
  }
  autoResizeColumns(startColumn: number, numColumns: number): this {
    const sheet = this._edit();
    for (let c = startColumn; c < startColumn + numColumns; c++) sheet.columnWidths.set(c, 'auto');
    return this;
  }
  autoResizeColumn(column: number): this {
    return this.autoResizeColumns(column, 1);
  }
  clear(options?: ClearOptions): this {
    makeRange(this.host, this.model, this._all()).clear(options);
    return this;
  }
  clearContents(): this {
    makeRange(this.host, this.model, this._all()).clearContent();
    return this;
  }
  clearFormats(): this {
    makeRange(this.host, this.model, this._all()).clearFormat();
    return this;
  }
  clearNotes(): this {
    makeRange(this.host, this.model, this._all()).clearNote();
    return this;
  }
  private _all(): Rect {
    return { row: 1, col: 1, numRows: this.model.maxRows, numCols: this.model.maxCols };
  }
  /** A sheet has at most one sheet protection: protecting a protected sheet returns the existing one. */
  protect(): Protection {
    const sheet = liveSheet(this.host, this.model);
    const existing = this.host.wb.protections.find((p) => p.sheetId === sheet.id && p.type === 'SHEET');
    return new Protection(this.host, existing ?? newProtection(this.host, sheet.id, 'SHEET'));
  }
  getProtections(type: string): Protection[] {
    return this.host.wb.protections
      .filter((p) => p.sheetId === this.model.id && p.type === String(type))
      .map((p) => new Protection(this.host, p));
  }
  newChart(): EmbeddedChartBuilder {
    return new EmbeddedChartBuilder(this.host, {
      id: this.host.wb.newId('chart-'),
      type: '',
      ranges: [],
      position: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
      options: {},
    });
  }
  insertChart(chart: EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChart)) throw signatureError(this.host, 'Sheet.insertChart');
    const sheet = this._edit();
    if (sheet.charts.some((c) => c.id === chart.spec.id))
      throw this.host.exception('The chart is already inserted.');
    sheet.charts.push(structuredClone(chart.spec));
  }
  updateChart(chart: EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChart)) throw signatureError(this.host, 'Sheet.updateChart');
    const sheet = this._edit();
    const i = sheet.charts.findIndex((c) => c.id === chart.spec.id);
    if (i < 0) throw this.host.exception('The chart is not on this sheet.');
    sheet.charts[i] = structuredClone(chart.spec);
  }
  removeChart(chart: EmbeddedChart): void {
    if (!(chart instanceof EmbeddedChart)) throw signatureError(this.host, 'Sheet.removeChart');
    const sheet = this._edit();
    sheet.charts = sheet.charts.filter((c) => c.id !== chart.spec.id);
  }
  getCharts(): EmbeddedChart[] {
    return this.model.charts.map((c) => new EmbeddedChart(this.host, c));
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    if (!Array.isArray(rules) || !rules.every((r) => r instanceof ConditionalFormatRule)) {
      throw signatureError(this.host, 'Sheet.setConditionalFormatRules');
    }
    this._edit().conditionalFormats = rules.map((r) => structuredClone(r.spec));
  }
  getConditionalFormatRules(): ConditionalFormatRule[] {
    return this.model.conditionalFormats.map((spec) => new ConditionalFormatRule(this.host, spec));
  }
  getFilter(): Filter | null {
    return this.model.filter ? new Filter(this.host, this.model) : null;
  }
  clearConditionalFormatRules(): void {
    this._edit().conditionalFormats = [];
  }
  activate(): this {
    this.host.wb.activeSheetId = liveSheet(this.host, this.model).id;
    return this;
  }
  setTabColor(color: string | null): this {
    this._edit().tabColor = normalizeColor(this.host, color) ?? null;
    return this;
  }
  getTabColor(): string | null {
    return this.model.tabColor;
  }
  hideSheet(): this {
    const sheet = this._edit();
    if (this.host.wb.sheets.every((s) => s === sheet || s.hidden)) {
      throw this.host.exception("You can't hide all the sheets in a document.");
    }
    sheet.hidden = true;
    return this;
  }
  showSheet(): this {
    this._edit().hidden = false;
    return this;
  }
  isSheetHidden(): boolean {
    return this.model.hidden;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    const sheet = this._edit();
    if (columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > sheet.maxCols)
      throw this.host.exception(COORDINATES);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) sheet.hiddenColumns.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    const sheet = this._edit();
    if (columnIndex < 1 || numColumns < 1 || columnIndex + numColumns - 1 > sheet.maxCols)
      throw this.host.exception(COORDINATES);
    for (let c = columnIndex; c < columnIndex + numColumns; c++) sheet.hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(columnPosition: number): boolean {
    return this.model.hiddenColumns.has(columnPosition);
  }
}

export interface ClearOptions {
  contentsOnly?: boolean;
  formatOnly?: boolean;
  validationsOnly?: boolean;
  commentsOnly?: boolean;
  skipFilteredRows?: boolean;
}

type Grid<T> = T[][];

/** Range calls that move every cell of the range, or one cell (the top-left), to or from the script. */
const RANGE_READS_ALL = new Set([
  'getValues',
  'getDisplayValues',
  'getFormulas',
  'getNotes',
  'getBackgrounds',
  'getNumberFormats',
  'getDataValidations',
  'getWrapStrategies',
]);
const RANGE_READS_ONE = new Set([
  'getValue',
  'getDisplayValue',
  'getFormula',
  'getNote',
  'getBackground',
  'getNumberFormat',
  'getDataValidation',
]);
const RANGE_WRITES = new Set([
  'setValues',
  'setValue',
  'setFormulas',
  'setFormula',
  'setNotes',
  'setNote',
  'setBackgrounds',
  'setNumberFormats',
  'setDataValidations',
  'setWrapStrategies',
]);

/** Ranges of one sheet acted on together: each write is one call, checked cell by cell like Range's. */
export class EmuRangeList extends ServiceObject {
  constructor(
    host: Host,
    private readonly ranges: EmuRange[],
  ) {
    super(host, 'RangeList');
  }

  override _cellsMoved(method: string): CellsMoved | null {
    if (method !== 'setValue') return null;
    return { written: this.ranges.reduce((n, r) => n + r.rect.numRows * r.rect.numCols, 0) };
  }

  getRanges(): EmuRange[] {
    return [...this.ranges];
  }

  /** Sets every cell of every range to `value`, as typed (a leading = makes a formula). */
  setValue(value: unknown): this {
    for (const range of this.ranges) range.setValue(value);
    return this;
  }
}

export class EmuRange extends ServiceObject {
  constructor(
    host: Host,
    readonly sheet: SheetModel,
    readonly rect: Rect,
  ) {
    super(host, 'Range');
  }

  override _cellsMoved(method: string): CellsMoved | null {
    const area = this.rect.numRows * this.rect.numCols;
    if (RANGE_READS_ALL.has(method)) return { read: area };
    if (RANGE_READS_ONE.has(method)) return { read: 1 };
    if (RANGE_WRITES.has(method)) return { written: area };
    return null;
  }

  /** The sheet, checked for edit permission by the acting user. */
  private _edit(): SheetModel {
    const sheet = liveSheet(this.host, this.sheet);
    assertCanEditCells(this.host, sheet, this.rect, this.host.actingUser());
    return sheet;
  }
  private _grid<T>(cell: (row: number, col: number) => T): Grid<T> {
    const { row, col, numRows, numCols } = this.rect;
    const out: Grid<T> = new Array(numRows);
    for (let i = 0; i < numRows; i++) {
      const line: T[] = new Array(numCols);
      for (let j = 0; j < numCols; j++) line[j] = cell(row + i, col + j);
      out[i] = line;
    }
    return out;
  }
  private _prop<K extends keyof CellProps>(key: K, fallback: NonNullable<CellProps[K]>): Grid<CellProps[K]> {
    const sheet = liveSheet(this.host, this.sheet);
    return this._grid((r, c) => sheet.cellProps(r, c)?.[key] ?? fallback);
  }
  private _setEach<K extends keyof CellProps>(key: K, value: CellProps[K] | undefined): this {
    setProp(this._edit(), this.rect, key, value);
    return this;
  }
  private _setGrid<K extends keyof CellProps>(
    key: K,
    values: unknown,
    method: string,
    convert: (v: unknown) => CellProps[K] | undefined,
  ): this {
    const grid = checkShape(this.host, values, this.rect, method);
    const sheet = this._edit();
    const converted = grid.map((row) => row.map(convert));
    const { row, col } = this.rect;
    converted.forEach((line, i) =>
      line.forEach((v, j) => {
        if (v !== undefined) sheet.editProps(row + i, col + j)[key] = v;
        else delete sheet.cellProps(row + i, col + j)?.[key];
      }),
    );
    return this;
  }

  getRow(): number {
    return this.rect.row;
  }
  getColumn(): number {
    return this.rect.col;
  }
  getNumRows(): number {
    return this.rect.numRows;
  }
  getNumColumns(): number {
    return this.rect.numCols;
  }
  getLastRow(): number {
    return this.rect.row + this.rect.numRows - 1;
  }
  getLastColumn(): number {
    return this.rect.col + this.rect.numCols - 1;
  }
  getA1Notation(): string {
    return rectToA1(this.rect);
  }
  getSheet(): EmuSheet {
    return sheetView(this.host, liveSheet(this.host, this.sheet));
  }
  getGridId(): number {
    return this.sheet.id;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): EmuRange {
    const rect = {
      row: this.rect.row + rowOffset,
      col: this.rect.col + columnOffset,
      numRows: numRows ?? this.rect.numRows,
      numCols: numColumns ?? this.rect.numCols,
    };
    return makeRange(this.host, this.sheet, checkRect(this.host, this.sheet, rect));
  }
  getCell(row: number, column: number): EmuRange {
    if (row < 1 || column < 1 || row > this.rect.numRows || column > this.rect.numCols) {
      throw this.host.exception(COORDINATES);
    }
    const rect = { row: this.rect.row + row - 1, col: this.rect.col + column - 1, numRows: 1, numCols: 1 };
    return makeRange(this.host, this.sheet, rect);
  }
  activate(): this {
    this.host.wb.activeSheetId = liveSheet(this.host, this.sheet).id;
    return this;
  }
  isBlank(): boolean {
    const { row, col, numRows, numCols } = this.rect;
    for (let r = row; r < row + numRows; r++) {
      for (let c = col; c < col + numCols; c++) if (this.sheet.content(r, c) !== undefined) return false;
    }
    return true;
  }

  createTextFinder(findText: string): TextFinder {
    return new TextFinder(this.host, this, String(findText));
  }

  getValues(): unknown[][] {
    return readValues(this.host, liveSheet(this.host, this.sheet), this.rect);
  }
  getValue(): unknown {
    return readValue(this.host, liveSheet(this.host, this.sheet), this.rect.row, this.rect.col);
  }
  setValues(values: unknown[][]): this {
    const grid = checkShape(this.host, values, this.rect, 'Range.setValues');
    writeValues(this.host, liveSheet(this.host, this.sheet), this.rect, grid, this.host.actingUser());
    return this;
  }
  /** Sets every cell of the range to the value. */
  setValue(value: unknown): this {
    const grid = this._grid(() => value);
    writeValues(this.host, liveSheet(this.host, this.sheet), this.rect, grid, this.host.actingUser());
    return this;
  }
  getDisplayValues(): string[][] {
    const host = this.host;
    const sheet = liveSheet(host, this.sheet);
    const zone = spreadsheetZone(host);
    const notImplemented = (what: string) => host.notImplemented(what);
    return this._grid((r, c) => {
      const value = readValue(host, sheet, r, c, zone);
      const format = sheet.cellProps(r, c)?.numberFormat;
      if (value instanceof Date) {
        return formatDateSerial(instantToSerial(value.getTime(), zone), format ?? '', notImplemented);
      }
      if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
      if (typeof value === 'number') return formatNumber(value, format, notImplemented);
      return value;
    });
  }
  getDisplayValue(): string {
    return this.getCell(1, 1).getDisplayValues()[0][0];
  }
  getFormulas(): string[][] {
    const sheet = liveSheet(this.host, this.sheet);
    return this._grid((r, c) => {
      const content = sheet.content(r, c);
      return content instanceof Formula ? content.text : '';
    });
  }
  getFormula(): string {
    return this.getCell(1, 1).getFormulas()[0][0];
  }
  setFormulas(formulas: string[][]): this {
    const grid = checkShape(this.host, formulas, this.rect, 'Range.setFormulas');
    writeFormulas(this.host, liveSheet(this.host, this.sheet), this.rect, grid, this.host.actingUser());
    return this;
  }
  /** Sets the formula in every cell of the range. */
  setFormula(formula: string): this {
    const grid = this._grid(() => formula);
    writeFormulas(this.host, liveSheet(this.host, this.sheet), this.rect, grid, this.host.actingUser());
    return this;
  }

  getNotes(): string[][] {
    return this._prop('note', '') as string[][];
  }
  getNote(): string {
    return this.getNotes()[0][0];
  }
  setNote(note: string | null): this {
    return this._setEach('note', note === null || note === '' ? undefined : String(note));
  }
  setNotes(notes: unknown[][]): this {
    return this._setGrid('note', notes, 'Range.setNotes', (n) =>
      n === null || n === undefined || n === '' ? undefined : String(n),
    );
  }
  clearNote(): this {
    return this._setEach('note', undefined);
  }

  getBackgrounds(): string[][] {
    return this._prop('background', '#ffffff') as string[][];
  }
  getBackground(): string {
    return this.getBackgrounds()[0][0];
  }
  setBackground(color: string | null): this {
    return this._setEach('background', normalizeColor(this.host, color));
  }
  setBackgrounds(colors: unknown[][]): this {
    return this._setGrid('background', colors, 'Range.setBackgrounds', (c) => normalizeColor(this.host, c));
  }
  getFontWeights(): string[][] {
    return this._prop('fontWeight', 'normal') as string[][];
  }
  getFontWeight(): string {
    return this.getFontWeights()[0][0];
  }
  setFontWeight(weight: string | null): this {
    return this._setEach('fontWeight', weight === 'bold' ? 'bold' : undefined);
  }
  setFontWeights(weights: unknown[][]): this {
    return this._setGrid('fontWeight', weights, 'Range.setFontWeights', (w) =>
      w === 'bold' ? 'bold' : undefined,
    );
  }
  getFontColors(): string[][] {
    return this._prop('fontColor', '#000000') as string[][];
  }
  getFontColor(): string {
    return this.getFontColors()[0][0];
  }
  setFontColor(color: string | null): this {
    return this._setEach('fontColor', normalizeColor(this.host, color));
  }
  setFontColors(colors: unknown[][]): this {
    return this._setGrid('fontColor', colors, 'Range.setFontColors', (c) => normalizeColor(this.host, c));
  }
  getFontStyles(): string[][] {
    return this._prop('fontStyle', 'normal') as string[][];
  }
  getFontStyle(): string {
    return this.getFontStyles()[0][0];
  }
  setFontStyle(style: string | null): this {
    return this._setEach('fontStyle', style === 'italic' ? 'italic' : undefined);
  }
  getFontLines(): string[][] {
    return this._prop('fontLine', 'none') as string[][];
  }
  getFontLine(): string {
    return this.getFontLines()[0][0];
  }
  setFontLine(fontLine: string | null): this {
    return this._setEach('fontLine', fontLineOf(this.host, fontLine));
  }
  setFontLines(fontLines: unknown[][]): this {
    return this._setGrid('fontLine', fontLines, 'Range.setFontLines', (l) => fontLineOf(this.host, l));
  }
  getFontSizes(): number[][] {
    return this._prop('fontSize', 10) as number[][];
  }
  getFontSize(): number {
    return this.getFontSizes()[0][0];
  }
  setFontSize(size: number): this {
    return this._setEach('fontSize', size === 10 ? undefined : size);
  }
  getFontFamily(): string {
    return (this._prop('fontFamily', 'Arial') as string[][])[0][0];
  }
  setFontFamily(family: string | null): this {
    return this._setEach('fontFamily', family ?? undefined);
  }
  getWrap(): boolean {
    return this.getWrapStrategy() === 'WRAP';
  }
  getWraps(): boolean[][] {
    return (this._prop('wrapStrategy', 'OVERFLOW') as string[][]).map((row) => row.map((w) => w === 'WRAP'));
  }
  setWrap(wrap: boolean): this {
    return this._setEach('wrapStrategy', wrap ? 'WRAP' : undefined);
  }
  getWrapStrategy(): string {
    return (this._prop('wrapStrategy', 'OVERFLOW') as string[][])[0][0];
  }
  getWrapStrategies(): string[][] {
    return this._prop('wrapStrategy', 'OVERFLOW') as string[][];
  }
  setWrapStrategy(strategy: string): this {
    if (!(String(strategy) in WrapStrategy)) throw signatureError(this.host, 'Range.setWrapStrategy');
    return this._setEach('wrapStrategy', strategy === 'OVERFLOW' ? undefined : String(strategy));
  }
  setWrapStrategies(strategies: unknown[][]): this {
    return this._setGrid('wrapStrategy', strategies, 'Range.setWrapStrategies', (s) => {
      if (!(String(s) in WrapStrategy)) throw signatureError(this.host, 'Range.setWrapStrategies');
      return s === 'OVERFLOW' ? undefined : String(s);
    });
  }
  getHorizontalAlignment(): string {
    return (this._prop('horizontalAlignment', 'general') as string[][])[0][0];
  }
  getHorizontalAlignments(): string[][] {
    return this._prop('horizontalAlignment', 'general') as string[][];
  }
  setHorizontalAlignment(alignment: string | null): this {
    const a = alignment === null || alignment === 'normal' ? undefined : alignment;
    if (a !== undefined && !['left', 'center', 'right'].includes(a)) {
      throw this.host.exception(`Invalid horizontal alignment: ${a}`);
    }
    return this._setEach('horizontalAlignment', a);
  }
  getVerticalAlignment(): string {
    return (this._prop('verticalAlignment', 'bottom') as string[][])[0][0];
  }
  getVerticalAlignments(): string[][] {
    return this._prop('verticalAlignment', 'bottom') as string[][];
  }
  setVerticalAlignment(alignment: string | null): this {
    const a = alignment === null || alignment === 'bottom' ? undefined : alignment;
    if (a !== undefined && !['top', 'middle'].includes(a))
      throw this.host.exception(`Invalid vertical alignment: ${a}`);
    return this._setEach('verticalAlignment', a);
  }
  getNumberFormats(): string[][] {
    return this._prop('numberFormat', AUTOMATIC_FORMAT) as string[][];
  }
  getNumberFormat(): string {
    return this.getNumberFormats()[0][0];
  }
  setNumberFormat(format: string): this {
    return this._setEach('numberFormat', String(format));
  }
  setNumberFormats(formats: unknown[][]): this {
    return this._setGrid('numberFormat', formats, 'Range.setNumberFormats', (f) => String(f));
  }

  getDataValidations(): Array<Array<DataValidation | null>> {
    const sheet = liveSheet(this.host, this.sheet);
    return this._grid((r, c) => {
      const spec = sheet.cellProps(r, c)?.validation;
      return spec ? new DataValidation(this.host, spec) : null;
    });
  }
  getDataValidation(): DataValidation | null {
    return this.getCell(1, 1).getDataValidations()[0][0];
  }
  setDataValidation(rule: DataValidation | null): this {
    if (rule !== null && !(rule instanceof DataValidation))
      throw signatureError(this.host, 'Range.setDataValidation');
    return this._setEach('validation', rule ? structuredClone(rule.spec) : undefined);
  }
  setDataValidations(rules: Array<Array<DataValidation | null>>): this {
    return this._setGrid('validation', rules, 'Range.setDataValidations', (rule) => {
      if (rule !== null && !(rule instanceof DataValidation)) {
        throw signatureError(this.host, 'Range.setDataValidations');
      }
      return rule ? structuredClone(rule.spec) : undefined;
    });
  }
  clearDataValidations(): this {
    return this._setEach('validation', undefined);
  }
  /** A checkbox rule on every cell, and every cell set to the unchecked value (false). */
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const builder = new DataValidationBuilder(this.host);
    const rule = builder.requireCheckbox(checkedValue, uncheckedValue).build();
    const sheet = this._edit();
    setProp(sheet, this.rect, 'validation', structuredClone(rule.spec));
    const unchecked = checkedValue === undefined ? false : uncheckedValue === undefined ? '' : uncheckedValue;
    writeValues(
      this.host,
      sheet,
      this.rect,
      this._grid(() => unchecked),
      this.host.actingUser(),
    );
    return this;
  }
  removeCheckboxes(): this {
    const sheet = this._edit();
    const { row, col, numRows, numCols } = this.rect;
    for (let r = row; r < row + numRows; r++) {
      for (let c = col; c < col + numCols; c++) {
        const props = sheet.cellProps(r, c);
        if (props?.validation?.criteria !== 'CHECKBOX') continue;
        delete props.validation;
        if (typeof sheet.content(r, c) === 'boolean') sheet.setContent(r, c, undefined);
      }
    }
    return this;
  }

  /**
   * Without options: contents, formats and data validations (notes stay). With options, only the parts asked
   * for (`commentsOnly` = notes).
   */
  clear(options?: ClearOptions): this {
    const sheet = this._edit();
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    const { row, col, numRows, numCols } = this.rect;
    for (let r = row; r < row + numRows; r++) {
      for (let c = col; c < col + numCols; c++) {
        if (!any || o.contentsOnly) sheet.setContent(r, c, undefined);
        const props = sheet.cellProps(r, c);
        if (!props) continue;
        if (!any || o.formatOnly) for (const key of FORMAT_KEYS) delete props[key];
        if (!any || o.validationsOnly) delete props.validation;
        if (o.commentsOnly) delete props.note;
      }
    }
    return this;
  }
  clearContent(): this {
    return this.clear({ contentsOnly: true });
  }
  clearFormat(): this {
    return this.clear({ formatOnly: true });
  }
  protect(): Protection {
    const sheet = liveSheet(this.host, this.sheet);
    return new Protection(this.host, newProtection(this.host, sheet.id, 'RANGE', { ...this.rect }));
  }
  /** Sheets allows one filter per sheet. */
  createFilter(): Filter {
    const sheet = this._edit();
    if (sheet.filter)
      throw this.host.exception("You can't create a filter in a sheet that already has a filter.");
    sheet.filter = { ...this.rect };
    return new Filter(this.host, sheet);
  }
  getFilter(): Filter | null {
    return this.sheet.filter ? new Filter(this.host, this.sheet) : null;
  }
}

provideRanges({
  make: (host, sheet, rect) => new EmuRange(host, sheet, { ...rect }),
  refOf: (value) =>
    value instanceof EmuRange ? { sheetId: value.sheet.id, rect: { ...value.rect } } : undefined,
});
