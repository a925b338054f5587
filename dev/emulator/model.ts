/**
 * The workbook's state as plain data (no Apps Script surface): sheets and cells, protections, properties,
 * triggers, sent mail. Service classes are views onto this; toJSON/fromJSON persist it.
 */
import type { Rect } from './a1';
import { Formula, type Content } from './cells';

export interface CellProps {
  note?: string;
  background?: string;
  fontWeight?: string;
  fontColor?: string;
  fontStyle?: string;
  /** 'underline' or 'line-through'; absent is 'none'. */
  fontLine?: string;
  fontSize?: number;
  fontFamily?: string;
  wrapStrategy?: string;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  numberFormat?: string;
  validation?: ValidationSpec;
}

/** The keys `clearFormat` removes. */
export const FORMAT_KEYS = [
  'background',
  'fontWeight',
  'fontColor',
  'fontStyle',
  'fontLine',
  'fontSize',
  'fontFamily',
  'wrapStrategy',
  'horizontalAlignment',
  'verticalAlignment',
  'numberFormat',
] as const;

export interface RangeRef {
  sheetId: number;
  rect: Rect;
}

/** A data-validation criteria argument, JSON-safe: dates as `{date: ms}`, ranges as `{range}`. */
export type CriteriaArg =
  string | number | boolean | null | string[] | { date: number } | { range: RangeRef };

export interface ValidationSpec {
  criteria: string;
  args: CriteriaArg[];
  allowInvalid: boolean;
  helpText: string;
}

export interface ConditionalFormatSpec {
  ranges: RangeRef[];
  condition?: { type: string; values: Array<string | number> };
  gradient?: { min?: GradientPoint; mid?: GradientPoint; max?: GradientPoint };
  format: { background?: string; fontColor?: string; bold?: boolean; italic?: boolean };
}

export interface GradientPoint {
  color: string;
  type: string;
  value: string;
}

export interface ChartSpec {
  id: string;
  type: string;
  ranges: RangeRef[];
  position: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
}

export interface ProtectionModel {
  id: string;
  sheetId: number;
  type: 'RANGE' | 'SHEET';
  /** The protected cells (RANGE protections). */
  rect?: Rect;
  description: string;
  warningOnly: boolean;
  editors: string[];
  unprotected: Rect[];
  /**
   * A new protection mirrors the spreadsheet's own permissions (it blocks nobody) until a script changes
   * its editors or its domain edit setting.
   */
  mirrorsSpreadsheet?: boolean;
  /** Everyone in the owner's domain may edit (Protection.setDomainEdit). */
  domainEdit?: boolean;
}

export interface TriggerModel {
  uniqueId: string;
  handlerFunction: string;
  eventType: 'CLOCK' | 'ON_OPEN' | 'ON_EDIT' | 'ON_CHANGE' | 'ON_FORM_SUBMIT';
  triggerSource: 'CLOCK' | 'SPREADSHEETS';
  triggerSourceId: string | null;
  createdBy: string;
  schedule: string;
}

export interface SentMail {
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  sentAt: Date;
  sentBy: string;
}

export interface Sharing {
  editors: string[];
  viewers: string[];
}

export class SheetModel {
  name: string;
  maxRows = 1000;
  maxCols = 26;
  /** contents[row-1][col-1]; holes are empty cells. */
  contents: Array<Array<Content | undefined> | undefined> = [];
  props: Array<Array<CellProps | undefined> | undefined> = [];
  frozenRows = 0;
  frozenCols = 0;
  columnWidths = new Map<number, number | 'auto'>();
  tabColor: string | null = null;
  hidden = false;
  /** Columns a script or a person hid (1-based). */
  hiddenColumns = new Set<number>();
  conditionalFormats: ConditionalFormatSpec[] = [];
  charts: ChartSpec[] = [];
  /** The sheet's basic filter (at most one), by the cells it covers. */
  filter: Rect | null = null;

  constructor(
    readonly id: number,
    name: string,
  ) {
    this.name = name;
  }

  content(row: number, col: number): Content | undefined {
    return this.contents[row - 1]?.[col - 1];
  }

  setContent(row: number, col: number, content: Content | undefined): void {
    const r = (this.contents[row - 1] ??= []);
    if (content === undefined) delete r[col - 1];
    else r[col - 1] = content;
  }

  cellProps(row: number, col: number): CellProps | undefined {
    return this.props[row - 1]?.[col - 1];
  }

  /** The props object of a cell, created when missing. */
  editProps(row: number, col: number): CellProps {
    const r = (this.props[row - 1] ??= []);
    return (r[col - 1] ??= {});
  }

  lastRow(): number {
    for (let r = this.contents.length - 1; r >= 0; r--) {
      const row = this.contents[r];
      if (row && row.some((c) => c !== undefined)) return r + 1;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const row of this.contents) {
      if (!row) continue;
      for (let c = row.length - 1; c >= last; c--) {
        if (row[c] !== undefined) {
          last = c + 1;
          break;
        }
      }
    }
    return last;
  }
}

export class WorkbookModel {
  sheets: SheetModel[] = [];
  activeSheetId = 0;
  nextSheetId = 1;
  protections: ProtectionModel[] = [];
  scriptProperties = new Map<string, string>();
  documentProperties = new Map<string, string>();
  userProperties = new Map<string, Map<string, string>>();
  triggers: TriggerModel[] = [];
  outbox: SentMail[] = [];
  mailUsage = { day: '', count: 0 };
  nextId = 1;
  /** Who the file is shared with besides its owner (lower-case addresses). */
  sharing: Sharing = { editors: [], viewers: [] };
  /** In the owner's trash: openById no longer finds it. */
  trashed = false;

  constructor(
    public id: string,
    public name: string,
    public timeZone: string,
    public owner: string,
  ) {}

  sheetById(id: number): SheetModel | undefined {
    return this.sheets.find((s) => s.id === id);
  }

  sheetByName(name: string): SheetModel | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  /** A fresh id for protections, charts, triggers. */
  newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }
}

// ---- JSON ----

type JsonContent = string | number | boolean | { formula: string };

export interface SheetJson {
  id: number;
  name: string;
  maxRows: number;
  maxCols: number;
  frozenRows: number;
  frozenCols: number;
  columnWidths: Array<[number, number | 'auto']>;
  tabColor: string | null;
  hidden: boolean;
  hiddenColumns?: number[];
  /** [row, col, content?, props?] for every non-empty cell. */
  cells: Array<[number, number, JsonContent | null, CellProps | null]>;
  conditionalFormats: ConditionalFormatSpec[];
  charts: ChartSpec[];
  filter?: Rect | null;
}

export interface WorkbookJson {
  version: 1;
  id: string;
  name: string;
  timeZone: string;
  owner: string;
  activeSheetId: number;
  nextSheetId: number;
  nextId: number;
  sheets: SheetJson[];
  protections: ProtectionModel[];
  scriptProperties: Record<string, string>;
  documentProperties: Record<string, string>;
  userProperties: Record<string, Record<string, string>>;
  triggers: TriggerModel[];
  outbox: Array<Omit<SentMail, 'sentAt'> & { sentAt: string }>;
  mailUsage: { day: string; count: number };
  /** Absent in workbooks saved before the emulator held several spreadsheets. */
  sharing?: Sharing;
  trashed?: boolean;
}

function sheetToJson(s: SheetModel): SheetJson {
  const cells: SheetJson['cells'] = [];
  const rows = Math.max(s.contents.length, s.props.length);
  for (let r = 0; r < rows; r++) {
    const cr = s.contents[r];
    const pr = s.props[r];
    const cols = Math.max(cr?.length ?? 0, pr?.length ?? 0);
    for (let c = 0; c < cols; c++) {
      const content = cr?.[c];
      const props = pr?.[c];
      const hasProps = props !== undefined && Object.keys(props).length > 0;
      if (content === undefined && !hasProps) continue;
      const json = content instanceof Formula ? { formula: content.text } : (content ?? null);
      cells.push([r + 1, c + 1, json, hasProps ? structuredClone(props) : null]);
    }
  }
  return {
    id: s.id,
    name: s.name,
    maxRows: s.maxRows,
    maxCols: s.maxCols,
    frozenRows: s.frozenRows,
    frozenCols: s.frozenCols,
    columnWidths: [...s.columnWidths],
    tabColor: s.tabColor,
    hidden: s.hidden,
    hiddenColumns: [...s.hiddenColumns],
    cells,
    conditionalFormats: structuredClone(s.conditionalFormats),
    charts: structuredClone(s.charts),
    filter: s.filter ? { ...s.filter } : null,
  };
}

function sheetFromJson(j: SheetJson): SheetModel {
  const s = new SheetModel(j.id, j.name);
  s.maxRows = j.maxRows;
  s.maxCols = j.maxCols;
  s.frozenRows = j.frozenRows;
  s.frozenCols = j.frozenCols;
  s.columnWidths = new Map(j.columnWidths);
  s.tabColor = j.tabColor;
  s.hidden = j.hidden;
  s.hiddenColumns = new Set(j.hiddenColumns ?? []);
  for (const [row, col, content, props] of j.cells) {
    if (content !== null) {
      s.setContent(row, col, typeof content === 'object' ? new Formula(content.formula) : content);
    }
    if (props) Object.assign(s.editProps(row, col), structuredClone(props));
  }
  s.conditionalFormats = structuredClone(j.conditionalFormats);
  s.charts = structuredClone(j.charts);
  s.filter = j.filter ? { ...j.filter } : null;
  return s;
}

const toRecord = (m: Map<string, string>): Record<string, string> => Object.fromEntries(m);

/**
 * File → Make a copy, as `owner` (the person making it): a new spreadsheet with the same tabs (their ids,
 * cells, formats, validation, notes, conditional formats, charts, filters), each sheet protection with
 * its description, warning mode and unprotected ranges but no editor but the new owner, and the bound
 * script. Not copied, as in Sheets: range protections, the editors of protections, document and script
 * properties, user properties, triggers, sent mail.
 */
export function copyWorkbook(
  wb: WorkbookModel,
  copy: { id: string; name: string; owner: string },
): WorkbookModel {
  const json = workbookToJson(wb);
  const made = workbookFromJson({
    ...json,
    id: copy.id,
    name: copy.name,
    owner: copy.owner,
    protections: json.protections
      .filter((p) => p.type === 'SHEET')
      .map((p) => ({ ...p, editors: [copy.owner], mirrorsSpreadsheet: false, domainEdit: false })),
    scriptProperties: {},
    documentProperties: {},
    userProperties: {},
    triggers: [],
    outbox: [],
    mailUsage: { day: '', count: 0 },
    // Shared with nobody: "Share it with the same people" is a choice the copy dialog leaves unticked.
    sharing: { editors: [], viewers: [] },
    trashed: false,
  });
  return made;
}

export function workbookToJson(wb: WorkbookModel): WorkbookJson {
  return {
    version: 1,
    id: wb.id,
    name: wb.name,
    timeZone: wb.timeZone,
    owner: wb.owner,
    activeSheetId: wb.activeSheetId,
    nextSheetId: wb.nextSheetId,
    nextId: wb.nextId,
    sheets: wb.sheets.map(sheetToJson),
    protections: structuredClone(wb.protections),
    scriptProperties: toRecord(wb.scriptProperties),
    documentProperties: toRecord(wb.documentProperties),
    userProperties: Object.fromEntries(
      [...wb.userProperties].map(([user, props]) => [user, toRecord(props)]),
    ),
    triggers: structuredClone(wb.triggers),
    outbox: wb.outbox.map((m) => ({ ...m, sentAt: m.sentAt.toISOString() })),
    mailUsage: { ...wb.mailUsage },
    sharing: structuredClone(wb.sharing),
    trashed: wb.trashed,
  };
}

export function workbookFromJson(j: WorkbookJson): WorkbookModel {
  if (j.version !== 1) throw new Error(`Unsupported workbook JSON version ${String(j.version)}`);
  const wb = new WorkbookModel(j.id, j.name, j.timeZone, j.owner);
  wb.sheets = j.sheets.map(sheetFromJson);
  wb.activeSheetId = j.activeSheetId;
  wb.nextSheetId = j.nextSheetId;
  wb.nextId = j.nextId;
  wb.protections = structuredClone(j.protections);
  wb.scriptProperties = new Map(Object.entries(j.scriptProperties));
  wb.documentProperties = new Map(Object.entries(j.documentProperties));
  wb.userProperties = new Map(
    Object.entries(j.userProperties).map(([u, p]) => [u, new Map(Object.entries(p))]),
  );
  wb.triggers = structuredClone(j.triggers);
  wb.outbox = j.outbox.map((m) => ({ ...m, sentAt: new Date(m.sentAt) }));
  wb.mailUsage = { ...j.mailUsage };
  wb.sharing = structuredClone(j.sharing ?? { editors: [], viewers: [] });
  wb.trashed = j.trashed ?? false;
  return wb;
}
