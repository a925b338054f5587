/**
 * Creates or repairs the tracker's tabs from the schema: headers, frozen header row, widths,
 * formats, validation and protections by role (src/core/access.ts). Idempotent: it compares
 * before it writes, so a second run writes nothing. It never deletes, moves, clears or
 * overwrites what people typed.
 *
 * Run again on a healthy tracker it does a constant amount of work, whatever the number of rows:
 * each tab is found by its recorded id, its header row and first data row are read in one range,
 * and the formats and rules of a column are read at its ends (the first data row, and the last
 * row of the tabs that grow), never down the whole column. What setup left (the layout version,
 * the protections and their editors) is recorded in document properties: while nothing about
 * them changed, the protections are counted, not read one by one.
 */
import { accessReason, editorsFor, formerReason, TabAccess, tabAccess } from '../core/access';
import { cellToDay, startOfDay } from '../core/dates';
import { hash53 } from '../core/ids';
import { CALL_LOG, Column, DISTRICT_TABS, SETTINGS_TAB, TABS, TabSchema } from '../core/schema';
import { forgetSettingsRead } from './tracker';
import { SettingDefinition, settingHelp, SETTING_DEFINITIONS, SettingsContext } from '../core/settings';
import { StaffMember, text } from '../core/records';
import { SUMMARY_WIDTH } from '../core/summaryTable';
import { setTrackerProperties, trackerProperties } from './properties';
import { busyError, withDocumentLock } from './lock';
import { keepRoom, openRows } from './room';
import {
  appendRows,
  columnLetters,
  createTab,
  findSheet,
  headerKey,
  isBlankRow,
  PROTECTION_PREFIX,
  readTable,
  recordedSheet,
  recordedSheetId,
  recordTabs,
  rowFor,
  sheetNamed,
  sheetProtectedAs,
  Table,
} from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Protection = GoogleAppsScript.Spreadsheet.Protection;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;

const HEADER_BACKGROUND = '#e8f0fe';

/** What a setup run changed, in words for the leader. */
export interface SetupChanges {
  created: string[];
  headersAdded: string[];
  repaired: string[];
  /** What setup could not put right by itself, and what the leader should do. */
  problems: string[];
}

export function noChanges(): SetupChanges {
  return { created: [], headersAdded: [], repaired: [], problems: [] };
}

/** Tabs where leaders type by hand: a bad value is refused on the spot. Elsewhere it is flagged. */
const REJECT_INVALID = new Set(['Staff', 'Schools']);

const NUMBER_FORMATS: Partial<Record<Column['type'], string>> = {
  text: '@',
  longText: '@',
  email: '@',
  emails: '@',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm',
  wholeNumber: '0',
};

const SETTING_DATE_FORMAT = 'yyyy-mm-dd';
const SETTING_FORMATS: Partial<Record<SettingDefinition['kind']['type'], string>> = {
  date: SETTING_DATE_FORMAT,
  wholeNumber: '0',
};

/** Columns the Summary's chart stands on, to the right of its table (src/sheets/summaryTab.ts). */
const SUMMARY_CHART_COLUMNS = 8;

/** How wide the refresh writes each tab it rewrites whole: setup trims them to no less. */
export const WRITTEN_WIDTH = (tab: TabSchema): number =>
  tab.columns.length > 0 ? tab.columns.length : SUMMARY_WIDTH + SUMMARY_CHART_COLUMNS;

/**
 * Everything this version of setup lays out, as one fingerprint: when a new version changes a
 * choice, a help text, a format, a rule or who edits what, the next run compares every rule in
 * full and checks every protection; otherwise the rules it finds are the ones it wrote. Computed
 * when setup asks, not as the script loads: every execution (each onEdit, each form call) loads it.
 */
function layoutVersion(): string {
  return hash53(
    JSON.stringify([
      [...TABS, ...DISTRICT_TABS].map((t) => [
        t.name,
        t.columns,
        tabAccess(t),
        accessReason(t, tabAccess(t)),
        WRITTEN_WIDTH(t),
      ]),
      SETTING_DEFINITIONS.map((d) => [d.name, d.kind, settingHelp(d)]),
      [...REJECT_INVALID],
      NUMBER_FORMATS,
      SETTING_FORMATS,
    ]),
  ).toString(36);
}

// ---- what setup left

const LAYOUT_RECORD = 'layout.record';

interface LayoutRecord {
  version: string;
  /** The editors each kind of protection was given, from Staff. */
  editors: string;
  /** How many protections the spreadsheet had when setup finished (theirs and people's own). */
  protections: number;
  /** The open rows (A1) of each tab teachers write. */
  open: Record<string, string>;
}

function layoutRecord(): LayoutRecord | null {
  const raw = trackerProperties()[LAYOUT_RECORD];
  if (!raw) return null;
  try {
    return JSON.parse(raw) as LayoutRecord;
  } catch {
    return null;
  }
}

// ---- rules

function ruleFor(tab: TabSchema, column: Column): DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation();
  switch (column.type) {
    case 'choice':
      builder.requireValueInList([...(column.choices ?? [])], true);
      break;
    case 'checkbox':
      builder.requireCheckbox();
      break;
    case 'date':
    case 'dateTime':
      builder.requireDate();
      break;
    case 'wholeNumber':
      builder.requireNumberGreaterThanOrEqualTo(column.min ?? 0);
      break;
    case 'email':
      builder.requireTextIsEmail();
      break;
    default:
      return null;
  }
  return builder.setAllowInvalid(!REJECT_INVALID.has(tab.name)).setHelpText(column.help).build();
}

const HAS_RULE = new Set<Column['type']>(['choice', 'checkbox', 'date', 'dateTime', 'wholeNumber', 'email']);

function sameRule(a: DataValidation | null, b: DataValidation): boolean {
  if (!a) return false;
  return (
    a.getCriteriaType() === b.getCriteriaType() &&
    JSON.stringify(a.getCriteriaValues()) === JSON.stringify(b.getCriteriaValues()) &&
    a.getHelpText() === b.getHelpText() &&
    a.getAllowInvalid() === b.getAllowInvalid()
  );
}

// ---- finding each tab

/**
 * The sheet that is `tab`, under its own name again when someone renamed it (and says so), or
 * null when the tracker has none: never a second, empty tab beside a renamed one.
 */
function locateTab(
  ss: Spreadsheet,
  tab: TabSchema,
  changes: SetupChanges,
): { sheet: Sheet; renamed: boolean; recorded: boolean } | null {
  const byId = recordedSheet(ss, tab);
  const sheet =
    byId ?? sheetNamed(ss, tab.name) ?? (recordedSheetId(tab) === null ? sheetProtectedAs(ss, tab) : null);
  if (!sheet) return null;
  const recorded = byId !== null;
  const name = sheet.getName();
  if (name === tab.name) return { sheet, renamed: false, recorded };
  if (sheetNamed(ss, tab.name)) {
    changes.problems.push(
      `The ${tab.name} tab is named "${name}", and another tab is named "${tab.name}". The add-on keeps using "${name}"; rename or delete the other tab, then run Set up tracker again to give ${tab.name} its name back.`,
    );
    return { sheet, renamed: false, recorded };
  }
  sheet.setName(tab.name);
  changes.repaired.push(`${tab.name}: the tab had been renamed "${name}"; its name is back`);
  return { sheet, renamed: true, recorded };
}

// ---- one tab

/** A tab as setup left it, for the steps that follow (protections, Settings, the overdue highlight). */
export interface TabState {
  tab: TabSchema;
  sheet: Sheet;
  /** Created, renamed back or given new headers by this run: its protections are checked in full. */
  changed: boolean;
  /** Found by the id setup recorded for it (nothing to record again). */
  recorded: boolean;
  /** Row 1 as typed, trimmed, without the blank cells after the last header. */
  headers: string[];
  maxRows: number;
  maxCols: number;
}

/** The formats, rules (and in a full check, wrapping) of one row, read in one range. */
interface RowLayout {
  formats: string[];
  rules: Array<DataValidation | null>;
  wraps: GoogleAppsScript.Spreadsheet.WrapStrategy[] | null;
}

function rowLayout(range: Range, row: number, wraps: boolean): RowLayout {
  return {
    formats: range.getNumberFormats()[row],
    rules: range.getDataValidations()[row],
    wraps: wraps ? range.getWrapStrategies()[row] : null,
  };
}

/** The tab's rows, asked only when a repair needs them (a tab that does not grow is read at row 2 alone). */
function rowsOf(state: TabState): number {
  if (!state.maxRows) state.maxRows = state.sheet.getMaxRows();
  return state.maxRows;
}

/** Rows 2 down to the last of one column. */
function columnBody(state: TabState, column: number): Range {
  return state.sheet.getRange(2, column, Math.max(rowsOf(state) - 1, 1), 1);
}

/**
 * Rows 1 and 2 in one range, whatever the tab's width, and how many rows it holds. A tab cut down
 * to its header row has no row 2: it is read alone (Sheets refuses a range past the last row).
 */
function topRows(state: TabState): { range: Range; rows: number } {
  try {
    const rows = state.maxRows === 1 ? 1 : 2;
    return { range: state.sheet.getRange(rows === 1 ? '1:1' : '1:2'), rows };
  } catch {
    const rows = Math.min(rowsOf(state), 2);
    return { range: state.sheet.getRange(rows === 1 ? '1:1' : '1:2'), rows };
  }
}

/** Row 1: appends the contract headers that are missing, after the last header (adding columns when the tab has none left). */
function ensureHeaders(
  sheet: Sheet,
  tab: TabSchema,
  state: TabState,
  isNew: boolean,
  changes: SetupChanges,
): boolean {
  const present = new Set(state.headers.map(headerKey));
  const missing = tab.columns.filter((c) => !present.has(headerKey(c.header)));
  if (missing.length === 0) return false;
  const start = state.headers.length + 1;
  const needed = start + missing.length - 1;
  if (needed > state.maxCols) {
    sheet.insertColumnsAfter(state.maxCols, needed - state.maxCols);
    state.maxCols = needed;
  }
  sheet.getRange(1, start, 1, missing.length).setValues([missing.map((c) => c.header)]);
  state.headers.push(...missing.map((c) => c.header));
  missing.forEach((c, i) => {
    if (c.width) sheet.setColumnWidth(start + i, c.width);
  });
  sheet
    .getRange(1, 1, 1, state.headers.length)
    .setFontWeight('bold')
    .setBackground(HEADER_BACKGROUND)
    .setWrap(true)
    .setVerticalAlignment('middle');
  if (!isNew) changes.headersAdded.push(...missing.map((c) => `${tab.name} → ${c.header}`));
  return true;
}

/**
 * Formats, validation and wrapping of each schema column, wherever its header now stands, as
 * read at the column's ends: a column whose format or rule differs there is set again on every
 * row (one write). Between runs of a version, a rule found is the one setup wrote; a new
 * version (`full`) compares each rule in full.
 */
function ensureColumns(
  state: TabState,
  ends: readonly RowLayout[],
  full: boolean,
  isNew: boolean,
  changes: SetupChanges,
): void {
  const { tab, headers } = state;
  const repaired: string[] = [];
  for (const column of tab.columns) {
    const at = headers.findIndex((h) => headerKey(h) === headerKey(column.header));
    if (at < 0) continue;
    const format = NUMBER_FORMATS[column.type];
    if (format && ends.some((end) => end.formats[at] !== format)) {
      columnBody(state, at + 1).setNumberFormat(format);
      repaired.push(`${column.header} format`);
    }
    if (HAS_RULE.has(column.type)) {
      const rule = full ? ruleFor(tab, column) : null;
      const wrong = ends.some((end) => (rule ? !sameRule(end.rules[at] ?? null, rule) : !end.rules[at]));
      if (wrong) {
        columnBody(state, at + 1).setDataValidation(rule ?? ruleFor(tab, column));
        repaired.push(`${column.header} ${column.type === 'checkbox' ? 'tick boxes' : 'validation'}`);
      }
    }
    const wrap = SpreadsheetApp.WrapStrategy.WRAP;
    if (column.type === 'longText' && ends.some((end) => end.wraps && end.wraps[at] !== wrap))
      columnBody(state, at + 1).setWrapStrategy(wrap);
  }
  if (!isNew && repaired.length > 0)
    changes.repaired.push(
      `${tab.name}: ${repaired.join(', ')} (every row, down to row ${rowsOf(state).toLocaleString('en-US')})`,
    );
}

/**
 * Columns after the last one in use hold nothing but count toward the spreadsheet's 10 million
 * cells: they go. Never a column with a header or anything typed in it.
 */
function trimColumns(state: TabState, used: number, changes: SetupChanges, isNew: boolean): void {
  if (state.maxCols <= used) return;
  const keep = Math.max(used, state.sheet.getLastColumn(), 1);
  if (keep >= state.maxCols) return;
  state.sheet.deleteColumns(keep + 1, state.maxCols - keep);
  if (!isNew)
    changes.repaired.push(
      `${state.tab.name}: removed ${state.maxCols - keep} empty columns after column ${columnLetters(keep)}`,
    );
  state.maxCols = keep;
}

/**
 * Finds (or creates) one tab and repairs its layout. A laid-out tab costs one range read of its
 * first two rows, plus the last row of the tabs that grow; a tab the refresh rewrites, two calls.
 */
export function ensureTab(
  ss: Spreadsheet,
  tab: TabSchema,
  position: number,
  full: boolean,
  changes: SetupChanges,
  closed = false,
): TabState {
  const found = locateTab(ss, tab, changes);
  const isNew = !found;
  const sheet = found?.sheet ?? shortWrite(() => findSheet(ss, tab) ?? createTab(ss, tab, position));
  if (isNew) changes.created.push(tab.name);
  const state: TabState = {
    tab,
    sheet,
    changed: isNew || Boolean(found?.renamed),
    recorded: Boolean(found?.recorded),
    headers: [],
    maxRows: 0,
    maxCols: 0,
  };
  const grows = tabAccess(tab) === 'rowsOpen';
  // A tab the refresh rewrites whole gets its headers and formats from the refresh, not from setup.
  if (tab.columns.length === 0 || tab.rewritten) {
    if (isNew) tab.columns.forEach((c, i) => c.width && sheet.setColumnWidth(i + 1, c.width));
    if (full || isNew) {
      state.maxRows = sheet.getMaxRows();
      state.maxCols = sheet.getMaxColumns();
      trimColumns(state, WRITTEN_WIDTH(tab), changes, isNew);
      if (tab.hidden && !sheet.isSheetHidden()) sheet.hideSheet();
    }
    return state;
  }
  // The last row is read on the tabs that grow, and in a full check: elsewhere row 2 is the end people paste over.
  const lastToo = grows || full;
  if (lastToo) state.maxRows = sheet.getMaxRows();
  const wraps = full && tab.columns.some((c) => c.type === 'longText');
  const { range: top, rows: topCount } = topRows(state);
  const [row1] = top.getValues();
  state.maxCols = row1.length;
  state.headers = row1.map((h) => String(h).trim());
  while (state.headers.length > 0 && state.headers[state.headers.length - 1] === '') state.headers.pop();
  const ends: RowLayout[] = topCount === 2 ? [rowLayout(top, 1, wraps)] : [];
  if (lastToo && state.maxRows > 2) {
    const last = sheet.getRange(state.maxRows, 1, 1, state.maxCols);
    ends.push(rowLayout(last, 0, wraps));
  }
  if (ensureHeaders(sheet, tab, state, isNew, changes)) state.changed = true;
  if (isNew || full || state.changed) {
    if (sheet.getFrozenRows() !== 1) {
      sheet.setFrozenRows(1);
      if (!isNew) changes.repaired.push(`${tab.name}: froze the header row`);
    }
  }
  ensureColumns(state, ends, full, isNew, changes);
  trimColumns(state, state.headers.length, changes, isNew);
  if (grows && !closed) state.maxRows = keepRoom(sheet, state.maxRows);
  return state;
}

// ---- protections

/** Who the protected tabs are for: the owner, and Staff (whose roles say who edits what). */
export interface ProtectionPeople {
  owner: string;
  staff: readonly StaffMember[];
}

/**
 * Makes a protection a real one whose editors are exactly `editors` (the owner always stays).
 * A protection Sheets just made mirrors the spreadsheet's own sharing, so every editor could
 * still edit it: `fresh` sets its editors even when the list reads the same. Domain-wide edit is
 * turned off, or everyone in the district could edit. True when anything changed.
 */
function restrictTo(protection: Protection, editors: readonly string[], fresh: boolean): boolean {
  let changed = false;
  let setAll = fresh;
  if (protection.isWarningOnly()) {
    protection.setWarningOnly(false);
    setAll = true;
    changed = true;
  }
  const current = protection.getEditors().map((u) => u.getEmail().toLowerCase());
  const add = setAll ? [...editors] : editors.filter((e) => !current.includes(e));
  const remove = current.filter((e) => !editors.includes(e));
  if (add.length > 0) protection.addEditors(add);
  if (remove.length > 0) protection.removeEditors(remove);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
  return changed || add.length > 0 || remove.length > 0;
}

/**
 * Warning-only protection of the Call Log columns the add-on fills: the sidebar writes them as
 * the teacher, so a real protection would block the teacher's own submit.
 */
function ensureWarning(
  sheet: Sheet,
  description: string,
  range: Range,
  changes: SetupChanges,
  isNew: boolean,
): void {
  const existing = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .find((p) => p.getDescription() === description);
  if (existing) {
    if (existing.getRange().getA1Notation() !== range.getA1Notation()) {
      existing.setRange(range);
      changes.repaired.push(
        `${CALL_LOG.name}: the warning "${description.slice(PROTECTION_PREFIX.length)}" now covers every row`,
      );
    }
    if (!existing.isWarningOnly()) existing.setWarningOnly(true);
    return;
  }
  range.protect().setDescription(description).setWarningOnly(true);
  if (!isNew)
    changes.repaired.push(`${CALL_LOG.name}: protected (${description.slice(PROTECTION_PREFIX.length)})`);
}

/** The open rows of a tab teachers write, in A1 notation, from its size (no call); none once the year is closed. */
function openRowsA1(state: TabState, closed: boolean): string {
  return closed ? '' : `A2:${columnLetters(state.maxCols)}${Math.max(state.maxRows, 2)}`;
}

/**
 * The tab's real protection of the whole sheet, editors by role; on the tabs teachers write, its
 * data rows are left open (rows 2 down to the last). An earlier version protected only their header
 * row, which let anyone rename or delete them: that protection makes way for this one.
 */
function ensureRoleProtection(
  state: TabState,
  people: ProtectionPeople,
  changes: SetupChanges,
  closed: boolean,
): void {
  const { tab, sheet } = state;
  const isNew = changes.created.includes(tab.name);
  const access = tabAccess(tab);
  const description = PROTECTION_PREFIX + accessReason(tab, access);
  const editors = editorsFor(access, people.owner, people.staff);
  const former = formerReason(tab, access);
  if (former) {
    const old = sheet
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .find((p) => p.getDescription() === PROTECTION_PREFIX + former);
    old?.remove();
  }
  // A sheet has one sheet protection: an earlier version's warning-only one is made real.
  let protection: Protection | undefined = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET)[0];
  const fresh = !protection;
  protection ??= sheet.protect();
  if (protection.getDescription() !== description) protection.setDescription(description);
  if (access === 'rowsOpen') {
    const current = protection.getUnprotectedRanges().map((r) => r.getA1Notation());
    const open = openRowsA1(state, closed);
    if (current.join() !== open) {
      protection.setUnprotectedRanges(closed ? [] : [openRows(sheet)]);
      if (!fresh && !isNew && !closed)
        changes.repaired.push(
          `${tab.name}: rows 2 to ${state.maxRows.toLocaleString('en-US')} left open to everyone`,
        );
    }
  }
  if (restrictTo(protection, editors, fresh) && !isNew) {
    changes.repaired.push(
      fresh
        ? `${tab.name}: protected (${accessReason(tab, access)})`
        : `${tab.name}: editors brought up to date (${editors.join(', ')})`,
    );
  }
  if (tab.name !== CALL_LOG.name) return;
  for (const column of tab.columns.filter((c) => c.auto)) {
    const at = state.headers.findIndex((h) => headerKey(h) === headerKey(column.header));
    if (at < 0) continue;
    ensureWarning(
      sheet,
      `${PROTECTION_PREFIX}${column.header} is filled in by the add-on`,
      columnBody(state, at + 1),
      changes,
      isNew,
    );
  }
}

function editorsKey(people: ProtectionPeople): string {
  const levels: TabAccess[] = ['leaders', 'leadersAndPrincipals', 'rowsOpen'];
  return JSON.stringify(levels.map((level) => editorsFor(level, people.owner, people.staff)));
}

function protectionCount(ss: Spreadsheet): number {
  return (
    ss.getProtections(SpreadsheetApp.ProtectionType.SHEET).length +
    ss.getProtections(SpreadsheetApp.ProtectionType.RANGE).length
  );
}

/**
 * Every tab's protections, checked one by one only when something may have changed them: a new
 * version, a tab created or renamed or given headers, different Leaders or Principals on Staff,
 * rows open to teachers that no longer reach the last row, or a protection added or removed
 * since setup last counted them (two calls). Then what it left is recorded.
 */
function ensureProtections(
  ss: Spreadsheet,
  states: readonly TabState[],
  people: ProtectionPeople,
  full: boolean,
  changes: SetupChanges,
  closed: boolean,
): void {
  const record = layoutRecord();
  const editors = editorsKey(people);
  const open = Object.fromEntries(
    states.filter((s) => tabAccess(s.tab) === 'rowsOpen').map((s) => [s.tab.name, openRowsA1(s, closed)]),
  );
  let count = protectionCount(ss);
  const same =
    !full &&
    record !== null &&
    record.editors === editors &&
    record.protections === count &&
    JSON.stringify(record.open) === JSON.stringify(open) &&
    states.every((s) => !s.changed);
  if (!same) {
    for (const state of states) ensureRoleProtection(state, people, changes, closed);
    count = protectionCount(ss);
  }
  const next: LayoutRecord = { version: layoutVersion(), editors, protections: count, open };
  if (JSON.stringify(next) !== JSON.stringify(record))
    setTrackerProperties({ [LAYOUT_RECORD]: JSON.stringify(next) });
}

/**
 * Every tab, its layout and its protections, in the order setup creates them; the tabs are
 * recorded by id. Returns what each tab is now, for the steps that read them next. Once the
 * school year is `closed`, no row is open to teachers and no room is kept for new ones.
 */
export function layOutTabs(
  ss: Spreadsheet,
  tabs: readonly TabSchema[],
  people: ProtectionPeople,
  changes: SetupChanges,
  closed = false,
): { tabs: ReadonlyMap<TabSchema, TabState>; full: boolean } {
  const full = layoutRecord()?.version !== layoutVersion();
  const states = tabs.map((tab, i) => ensureTab(ss, tab, i, full, changes, closed));
  recordTabs(states.filter((s) => !s.recorded).map((s) => [s.tab, s.sheet] as const));
  ensureProtections(ss, states, people, full, changes, closed);
  return { tabs: new Map(states.map((s) => [s.tab, s])), full };
}

/** A write setup makes next to people's (rows appended, a tab created): under the document lock, briefly. */
export function shortWrite<T>(write: () => T): T {
  return withDocumentLock(30_000, write, () => {
    throw busyError();
  });
}

/**
 * Brings the editors of every tab's protection up to date with the Leaders (and Principals) on
 * Staff, without creating or moving anything: what upkeep does after Staff was edited.
 */
export function syncProtectionEditors(
  ss: Spreadsheet,
  tabs: readonly TabSchema[],
  people: ProtectionPeople,
): void {
  for (const tab of tabs) {
    const sheet = findSheet(ss, tab);
    if (!sheet) continue;
    const access = tabAccess(tab);
    const description = PROTECTION_PREFIX + accessReason(tab, access);
    const protection = sheet
      .getProtections(SpreadsheetApp.ProtectionType.SHEET)
      .find((p) => p.getDescription() === description);
    if (protection) restrictTo(protection, editorsFor(access, people.owner, people.staff), false);
  }
}

// ---- Settings

/** The Value cell's validation: a date, a list or a whole number, with the setting's help. */
function settingRule(def: SettingDefinition): DataValidation | null {
  const builder = SpreadsheetApp.newDataValidation();
  switch (def.kind.type) {
    case 'date':
      builder.requireDate();
      break;
    case 'choice':
      builder.requireValueInList([...def.kind.choices], true);
      break;
    case 'wholeNumber':
      builder.requireNumberBetween(def.kind.min, def.kind.max);
      break;
    default:
      return null;
  }
  return builder.setAllowInvalid(false).setHelpText(settingHelp(def)).build();
}

const SETTING_HAS_RULE = new Set<SettingDefinition['kind']['type']>(['date', 'choice', 'wholeNumber']);

/** A new setting's value as a cell holds it: a date cell for dates, a number for whole numbers. */
function defaultCell(def: SettingDefinition, context: SettingsContext): unknown {
  const value = def.defaultText(context);
  if (def.kind.type === 'date') return startOfDay(value, context.timeZone);
  if (def.kind.type === 'wholeNumber') return Number(value);
  return value;
}

/** The Settings tab as setup left it, and the notes and backgrounds of its Value cells (to mark unreadable values). */
export interface SettingsRead {
  table: Table;
  valueNotes: string[][];
  valueBackgrounds: string[][];
  /** The note on the Setting header: which tracker this spreadsheet is, or was copied from. */
  headerNote: string;
}

/** Leaves `note` on the Setting header of the Settings tab. */
export function writeSettingsHeaderNote(table: Table, note: string): void {
  table.sheet.getRange(1, table.index.setting + 1).setNote(note);
}

/** The notes of the Setting column and the rules, formats, notes and backgrounds of the Value column, in one range read. */
function settingCells(table: Table): {
  notes: string[][];
  rules: Array<Array<DataValidation | null>>;
  formats: string[][];
  valueNotes: string[][];
  valueBackgrounds: string[][];
  headerNote: string;
  write(what: 'notes' | 'rules' | 'formats', column: string[][] | Array<Array<DataValidation | null>>): void;
} {
  const rows = Math.max(table.rows.length, 1);
  const first = Math.min(table.index.setting, table.index.value);
  const width = Math.abs(table.index.value - table.index.setting) + 1;
  // From the header row down: the Setting header's note says which tracker this is (src/core/schoolYear.ts).
  const range = table.sheet.getRange(1, first + 1, rows + 1, width);
  const at = (key: 'setting' | 'value') => table.index[key] - first;
  const [headerNotes, ...allNotes] = range.getNotes();
  const body = <T>(grid: T[][]): T[][] => grid.slice(1);
  const notes = allNotes.map((row) => [row[at('setting')]]);
  const rules = body(range.getDataValidations()).map((row) => [row[at('value')]]);
  const formats = body(range.getNumberFormats()).map((row) => [row[at('value')]]);
  return {
    notes,
    rules,
    formats,
    valueNotes: allNotes.map((row) => [row[at('value')]]),
    valueBackgrounds: body(range.getBackgrounds()).map((row) => [row[at('value')]]),
    headerNote: headerNotes[at('setting')],
    write(what, column) {
      const key = what === 'notes' ? 'setting' : 'value';
      const cells = table.sheet.getRange(2, table.index[key] + 1, rows, 1);
      if (what === 'notes') cells.setNotes(column as string[][]);
      else if (what === 'rules') cells.setDataValidations(column as Array<Array<DataValidation | null>>);
      else cells.setNumberFormats(column as string[][]);
    },
  };
}

/**
 * Adds the settings that are missing (of `definitions`: a district tracker has a few), with their defaults; settings people changed stay. Every
 * setting's Value cell gets the validation and help that match it; a date typed as YYYY-MM-DD
 * text becomes the same day as a date cell, so the date validation accepts it. One read of the
 * tab and one of its notes, rules, formats and backgrounds; a rule is compared in full only in
 * a `full` check. Returns the tab as it now is.
 */
export function ensureSettings(
  ss: Spreadsheet,
  context: SettingsContext,
  changes: SetupChanges,
  full = true,
  definitions: readonly SettingDefinition[] = SETTING_DEFINITIONS,
): SettingsRead {
  let table = readTable(ss, SETTINGS_TAB);
  const wasEmpty = !table.rows.some((row) => !isBlankRow(row));
  const present = new Set(table.rows.map((row) => text(row[table.index.setting]).toLowerCase()));
  const missing = definitions.filter((d) => !present.has(d.name.toLowerCase()));
  if (missing.length > 0) {
    const lastRow = table.rows.length + 1;
    const added = table;
    shortWrite(() => {
      // Dates and numbers go in as dates and numbers, under the formats their validation expects.
      added.sheet
        .getRange(lastRow + 1, added.index.value + 1, missing.length, 1)
        .setNumberFormats(missing.map((d) => [SETTING_FORMATS[d.kind.type] ?? '@']));
      appendRows(
        added,
        missing.map((d) => rowFor(added, { setting: d.name, value: defaultCell(d, context) })),
        lastRow,
      );
      added.sheet.getRange(lastRow + 1, added.index.value + 1, missing.length, 1).setWrap(true);
    });
    if (!wasEmpty) changes.repaired.push(`Settings: added ${missing.map((d) => d.name).join(', ')}`);
    table = readTable(ss, SETTINGS_TAB);
    full = true;
  }

  const cells = settingCells(table);
  const repaired = { notes: false, rules: false, formats: false };
  const seen = new Set<string>();
  table.rows.forEach((row, r) => {
    const name = text(row[table.index.setting]).toLowerCase();
    const def = definitions.find((d) => d.name.toLowerCase() === name);
    if (!def || seen.has(name)) return;
    seen.add(name);
    const help = settingHelp(def);
    if (cells.notes[r][0] !== help) {
      cells.notes[r][0] = help;
      repaired.notes = true;
    }
    if (SETTING_HAS_RULE.has(def.kind.type)) {
      const rule = full ? settingRule(def) : null;
      const current = cells.rules[r][0];
      if (rule ? !sameRule(current, rule) : current === null) {
        cells.rules[r][0] = rule ?? settingRule(def);
        repaired.rules = true;
      }
    }
    if (def.kind.type === 'date') {
      if (cells.formats[r][0] !== SETTING_DATE_FORMAT) {
        cells.formats[r][0] = SETTING_DATE_FORMAT;
        repaired.formats = true;
      }
      const value = row[table.index.value];
      const day = typeof value === 'string' ? cellToDay(value, context.timeZone) : null;
      if (day) {
        table.sheet.getRange(r + 2, table.index.value + 1).setValue(startOfDay(day, context.timeZone));
        changes.repaired.push(`Settings: ${def.name} ${day} is now a date cell`);
      }
    }
  });
  if (repaired.notes) cells.write('notes', cells.notes);
  if (repaired.formats) cells.write('formats', cells.formats);
  if (repaired.rules) cells.write('rules', cells.rules);
  if (!wasEmpty && (repaired.notes || repaired.rules))
    changes.repaired.push('Settings: help and validation of each value');
  // What this execution read of Settings before may be out of date now.
  forgetSettingsRead();
  return {
    table,
    valueNotes: cells.valueNotes,
    valueBackgrounds: cells.valueBackgrounds,
    headerNote: cells.headerNote,
  };
}
