/** What the preview server and the page say to each other (JSON), and the page and its add-on frames (postMessage). */

export interface PreviewUser {
  /** '' = an account outside the domain (Session gives no email). */
  email: string;
  label: string;
}

export interface MenuItem {
  caption: string;
  functionName: string;
}
export interface Menu {
  name: string;
  items: Array<MenuItem | { separator: true } | { submenu: Menu }>;
}

/** A sidebar or dialog an execution opened; its HTML is served at /surface/<id>. */
export interface Surface {
  id: number;
  kind: 'sidebar' | 'dialog';
  title: string;
  width?: number;
  height?: number;
  modal?: boolean;
}

export interface Alert {
  title?: string;
  prompt: string;
  buttons?: string;
}

export interface Toast {
  message: string;
  title?: string;
  timeoutSeconds?: number;
}

/** What one execution showed: the records the emulator appended while it ran. */
export interface UiDelta {
  menus: Menu[];
  surfaces: Surface[];
  alerts: Alert[];
  toasts: Toast[];
}

export interface ExecutionInfo {
  fn: string;
  user: string;
  serviceCalls: number;
  ms: number;
  logs: string[];
}

/** A question a menu action asked mid-run (an alert with choices, a prompt): the page asks the person. */
export interface Question {
  kind: 'alert' | 'prompt';
  title?: string;
  prompt: string;
  /** Ui.ButtonSet: OK, OK_CANCEL, YES_NO, YES_NO_CANCEL. */
  buttons: string;
}

/** The person's answer to a question: the button clicked, and for a prompt the text typed. */
export interface Answer {
  kind: 'alert' | 'prompt';
  button: string;
  text: string;
}

export interface ActionResult {
  ui: UiDelta;
  /** The action stopped at a question: answer it, and run the action again with every answer so far. */
  question?: Question;
  /** The script's error message, when it threw. */
  error?: string;
  execution?: ExecutionInfo;
  outboxCount: number;
}

/** POST /api/run: google.script.run from an add-on frame. */
export interface RunResult extends ActionResult {
  ok: boolean;
  value?: unknown;
}

/** One of the preview's spreadsheets (a school tracker, or a district tracker over them). */
export interface SpreadsheetInfo {
  id: string;
  name: string;
  url: string;
}

export interface SheetInfo {
  name: string;
  rows: number;
  columns: number;
}

/** One tab, as people see it. Sparse lists hold only cells that have the property. */
export interface Grid {
  name: string;
  display: string[][];
  /** Row, column (0-based) and the formula, for cells that hold one. */
  formulas: Array<[number, number, string]>;
  notes: Array<[number, number, string]>;
  backgrounds: Array<[number, number, string]>;
  fontColors: Array<[number, number, string]>;
  bold: Array<[number, number]>;
  /** Cells struck through (a withdrawn call's row). */
  struck: Array<[number, number]>;
  wrapped: Array<[number, number]>;
  alignments: Array<[number, number, string]>;
  verticalAlignments: Array<[number, number, string]>;
  frozenRows: number;
  frozenColumns: number;
  columnWidths: number[];
  /** 0-based columns hidden (as Sheets hides them: the column's letter is skipped). */
  hiddenColumns: number[];
  /** The tab's embedded charts, with the values of their ranges read when the tab was read. */
  charts: ChartView[];
}

/**
 * One embedded chart: the first column of its ranges holds the labels, every further column a
 * series (Sheets' default for column data). `error` when its ranges could not be read.
 */
export interface ChartView {
  id: string;
  /** Charts.ChartType, e.g. BAR, COLUMN, PIE. */
  type: string;
  title: string;
  /** Where Sheets would float it: the 0-based anchor cell. */
  anchor: { row: number; col: number };
  labels: string[];
  series: Array<{ name: string; values: Array<number | null>; display: string[] }>;
  /** hAxis / vAxis options that change the drawing. */
  hAxis: AxisView;
  vAxis: AxisView;
  legend: 'none' | 'shown';
  error?: string;
}

export interface AxisView {
  percent: boolean;
  min?: number;
  max?: number;
}

export interface Email {
  to: string;
  cc?: string;
  bcc?: string;
  subject: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  sentAt: string;
  sentBy: string;
}

/** From an add-on frame's google.script shim to the page. */
export type ShimMessage =
  | { channel: 'gas-shim'; type: 'run'; id: number; fn: string; args: unknown[] }
  | { channel: 'gas-shim'; type: 'close' }
  | { channel: 'gas-shim'; type: 'setHeight'; px: number }
  | { channel: 'gas-shim'; type: 'setWidth'; px: number };

/** From the page to an add-on frame. */
export interface ShimReply {
  channel: 'gas-page';
  type: 'result';
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}
