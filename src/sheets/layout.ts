/**
 * Creates or repairs the tracker's tabs from the schema: headers, frozen header row, widths,
 * formats, validation and protections by role (src/core/access.ts). Idempotent: it compares before it writes, so a second
 * run writes nothing. It never deletes, moves, clears or overwrites what people typed.
 */
import { accessReason, editorsFor, formerReason, tabAccess } from '../core/access';
import { keepRoom, openRows } from './room';
import { cellToDay, startOfDay } from '../core/dates';
import { CALL_LOG, Column, SETTINGS_TAB, TabSchema } from '../core/schema';
import { SettingDefinition, settingHelp, SETTING_DEFINITIONS, SettingsContext } from '../core/settings';
import { StaffMember, text } from '../core/records';
import {
  appendRows,
  createTab,
  findSheet,
  headerKey,
  isBlankRow,
  readTable,
  recordedSheetId,
  rowFor,
} from './table';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Protection = GoogleAppsScript.Spreadsheet.Protection;

export const PROTECTION_PREFIX = 'Relationship Calls: ';
const HEADER_BACKGROUND = '#e8f0fe';

/** What a setup run changed, in words for the leader. */
export interface SetupChanges {
  created: string[];
  headersAdded: string[];
  repaired: string[];
  /** What setup could not put right by itself, and what the leader should do. */
  problems: string[];
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

function ruleFor(tab: TabSchema, column: Column): GoogleAppsScript.Spreadsheet.DataValidation | null {
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

function sameRule(
  a: GoogleAppsScript.Spreadsheet.DataValidation | null,
  b: GoogleAppsScript.Spreadsheet.DataValidation,
): boolean {
  if (!a) return false;
  return (
    a.getCriteriaType() === b.getCriteriaType() &&
    JSON.stringify(a.getCriteriaValues()) === JSON.stringify(b.getCriteriaValues()) &&
    a.getHelpText() === b.getHelpText() &&
    a.getAllowInvalid() === b.getAllowInvalid()
  );
}

/** Row 1: appends the contract headers that are missing, after the last header. */
function ensureHeaders(sheet: Sheet, tab: TabSchema, isNew: boolean, changes: SetupChanges): string[] {
  const width = Math.max(sheet.getLastColumn(), 1);
  const headers = sheet
    .getRange(1, 1, 1, width)
    .getValues()[0]
    .map((h) => String(h).trim());
  const present = new Set(headers.map(headerKey));
  const missing = tab.columns.filter((c) => !present.has(headerKey(c.header)));
  if (missing.length > 0) {
    const used = headers.filter((h) => h !== '').length === 0 ? 0 : width;
    const start = used + 1;
    sheet.getRange(1, start, 1, missing.length).setValues([missing.map((c) => c.header)]);
    headers.length = used;
    headers.push(...missing.map((c) => c.header));
    missing.forEach((c, i) => {
      if (c.width) sheet.setColumnWidth(start + i, c.width);
    });
    const headerRange = sheet.getRange(1, 1, 1, headers.length);
    headerRange
      .setFontWeight('bold')
      .setBackground(HEADER_BACKGROUND)
      .setWrap(true)
      .setVerticalAlignment('middle');
    if (!isNew) changes.headersAdded.push(...missing.map((c) => `${tab.name} → ${c.header}`));
  }
  if (sheet.getFrozenRows() !== 1) {
    sheet.setFrozenRows(1);
    if (!isNew) changes.repaired.push(`${tab.name}: froze the header row`);
  }
  return headers;
}

function columnBody(sheet: Sheet, columnNumber: number): Range {
  return sheet.getRange(2, columnNumber, Math.max(sheet.getMaxRows() - 1, 1), 1);
}

function rowCount(n: number): string {
  return `${n.toLocaleString('en-US')} row${n === 1 ? '' : 's'}`;
}

/**
 * Formats, validation and wrapping for each schema column, wherever its header now stands, on
 * every row of the sheet (rows added past a new sheet's first 1,000 too). One read of the
 * formats, the rules and the wrapping of the whole tab, then one write per column that needs it:
 * the same number of calls for 1,000 rows as for 50,000.
 */
function ensureColumns(
  sheet: Sheet,
  tab: TabSchema,
  headers: readonly string[],
  isNew: boolean,
  changes: SetupChanges,
): void {
  const rows = Math.max(sheet.getMaxRows() - 1, 1);
  const body = sheet.getRange(2, 1, rows, headers.length);
  const formats = body.getNumberFormats();
  const rules = body.getDataValidations();
  const wraps = tab.columns.some((c) => c.type === 'longText') ? body.getWrapStrategies() : [];
  const repaired: string[] = [];
  for (const column of tab.columns) {
    const at = headers.findIndex((h) => headerKey(h) === headerKey(column.header));
    if (at < 0) continue;
    const format = NUMBER_FORMATS[column.type];
    const wrongFormat = format ? formats.filter((row) => row[at] !== format).length : 0;
    if (format && wrongFormat > 0) {
      columnBody(sheet, at + 1).setNumberFormat(format);
      repaired.push(`${column.header} format on ${rowCount(wrongFormat)}`);
    }
    const rule = ruleFor(tab, column);
    if (rule) {
      // Every row must have a rule; the first row's is compared in full (a rule's getters are calls).
      const missing = rules.filter((row) => row[at] === null).length;
      const wrong = sameRule(rules[0][at], rule) ? missing : rows;
      if (wrong > 0) {
        columnBody(sheet, at + 1).setDataValidation(rule);
        const what = column.type === 'checkbox' ? 'tick boxes' : 'validation';
        repaired.push(`${column.header} ${what} on ${rowCount(wrong)}`);
      }
    }
    if (column.type === 'longText' && wraps.some((row) => row[at] !== SpreadsheetApp.WrapStrategy.WRAP)) {
      columnBody(sheet, at + 1).setWrapStrategy(SpreadsheetApp.WrapStrategy.WRAP);
    }
  }
  if (!isNew && repaired.length > 0) changes.repaired.push(`${tab.name}: ${repaired.join(', ')}`);
}

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
        `${sheet.getName()}: the warning "${description.slice(PROTECTION_PREFIX.length)}" now covers every row`,
      );
    }
    if (!existing.isWarningOnly()) existing.setWarningOnly(true);
    return;
  }
  range.protect().setDescription(description).setWarningOnly(true);
  if (!isNew)
    changes.repaired.push(`${sheet.getName()}: protected (${description.slice(PROTECTION_PREFIX.length)})`);
}

/**
 * The tab's real protection of the whole sheet, editors by role; on the tabs teachers write, its
 * data rows are left open (rows 2 down to the last). An earlier version protected only their header
 * row, which let anyone rename or delete them: that protection makes way for this one.
 */
function ensureRoleProtection(
  sheet: Sheet,
  tab: TabSchema,
  people: ProtectionPeople,
  changes: SetupChanges,
  isNew: boolean,
): void {
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
  let changed = false;
  if (access === 'rowsOpen') {
    const open = openRows(sheet);
    const current = protection.getUnprotectedRanges().map((r) => r.getA1Notation());
    if (current.length !== 1 || current[0] !== open.getA1Notation()) {
      protection.setUnprotectedRanges([open]);
      changed = !fresh;
    }
  }
  changed = restrictTo(protection, editors, fresh) || changed;
  if (changed && !isNew) {
    changes.repaired.push(
      fresh
        ? `${tab.name}: protected (${accessReason(tab, access)})`
        : `${tab.name}: editors brought up to date (${editors.join(', ')})`,
    );
  }
}

function ensureProtections(
  sheet: Sheet,
  tab: TabSchema,
  headers: readonly string[],
  people: ProtectionPeople,
  isNew: boolean,
  changes: SetupChanges,
): void {
  ensureRoleProtection(sheet, tab, people, changes, isNew);
  if (tab.name !== CALL_LOG.name) return;
  for (const column of tab.columns.filter((c) => c.auto)) {
    const at = headers.findIndex((h) => headerKey(h) === headerKey(column.header));
    if (at < 0) continue;
    ensureWarning(
      sheet,
      `${PROTECTION_PREFIX}${column.header} is filled in by the add-on`,
      columnBody(sheet, at + 1),
      changes,
      isNew,
    );
  }
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

/**
 * A tracker set up before tabs were recorded has no record: a tab renamed since is still the
 * sheet that carries the add-on's own protection of it (its description names the tab).
 */
function protectedAs(ss: Spreadsheet, tab: TabSchema): Sheet | null {
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
 * The sheet that is `tab`, under its own name again when someone renamed it (and says so), or
 * null when the tracker has none: never a second, empty tab beside a renamed one.
 */
function locateTab(ss: Spreadsheet, tab: TabSchema, changes: SetupChanges): Sheet | null {
  const sheet = findSheet(ss, tab) ?? (recordedSheetId(tab) === null ? protectedAs(ss, tab) : null);
  if (!sheet) return null;
  const name = sheet.getName();
  if (name === tab.name) return sheet;
  if (ss.getSheetByName(tab.name)) {
    changes.problems.push(
      `The ${tab.name} tab is named "${name}", and another tab is named "${tab.name}". The add-on keeps using "${name}"; rename or delete the other tab, then run Set up tracker again to give ${tab.name} its name back.`,
    );
    return sheet;
  }
  sheet.setName(tab.name);
  changes.repaired.push(`${tab.name}: the tab had been renamed "${name}"; its name is back`);
  return sheet;
}

export function ensureTab(
  ss: Spreadsheet,
  tab: TabSchema,
  position: number,
  people: ProtectionPeople,
  changes: SetupChanges,
): Sheet {
  let sheet = locateTab(ss, tab, changes);
  const isNew = !sheet;
  if (!sheet) {
    sheet = createTab(ss, tab, position);
    changes.created.push(tab.name);
  }
  // A tab the refresh rewrites whole gets its headers and formats from the refresh, not from setup.
  const laidOut = tab.columns.length > 0 && !tab.rewritten;
  const headers = laidOut ? ensureHeaders(sheet, tab, isNew, changes) : [];
  if (laidOut) ensureColumns(sheet, tab, headers, isNew, changes);
  if (isNew && tab.rewritten) {
    const created = sheet;
    tab.columns.forEach((c, i) => c.width && created.setColumnWidth(i + 1, c.width));
  }
  if (tab.hidden && !sheet.isSheetHidden()) sheet.hideSheet();
  ensureProtections(sheet, tab, headers, people, isNew, changes);
  if (tabAccess(tab) === 'rowsOpen') keepRoom(sheet);
  return sheet;
}

const SETTING_DATE_FORMAT = 'yyyy-mm-dd';
const SETTING_FORMATS: Partial<Record<SettingDefinition['kind']['type'], string>> = {
  date: SETTING_DATE_FORMAT,
  wholeNumber: '0',
};

/** The Value cell's validation: a date, a list or a whole number, with the setting's help. */
function settingRule(def: SettingDefinition): GoogleAppsScript.Spreadsheet.DataValidation | null {
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

/** A new setting's value as a cell holds it: a date cell for dates, a number for whole numbers. */
function defaultCell(def: SettingDefinition, context: SettingsContext): unknown {
  const value = def.defaultText(context);
  if (def.kind.type === 'date') return startOfDay(value, context.timeZone);
  if (def.kind.type === 'wholeNumber') return Number(value);
  return value;
}

/**
 * Adds the settings that are missing, with their defaults; settings people changed stay. Every
 * setting's Value cell gets the validation and help that match it; a date typed as YYYY-MM-DD
 * text becomes the same day as a date cell, so the date validation accepts it.
 */
export function ensureSettings(ss: Spreadsheet, context: SettingsContext, changes: SetupChanges): void {
  let table = readTable(ss, SETTINGS_TAB);
  const wasEmpty = !table.rows.some((row) => !isBlankRow(row));
  const present = new Set(table.rows.map((row) => text(row[table.index.setting]).toLowerCase()));
  const missing = SETTING_DEFINITIONS.filter((d) => !present.has(d.name.toLowerCase()));
  if (missing.length > 0) {
    const lastRow = table.rows.length + 1;
    // Dates and numbers go in as dates and numbers, under the formats their validation expects.
    table.sheet
      .getRange(lastRow + 1, table.index.value + 1, missing.length, 1)
      .setNumberFormats(missing.map((d) => [SETTING_FORMATS[d.kind.type] ?? '@']));
    appendRows(
      table,
      missing.map((d) => rowFor(table, { setting: d.name, value: defaultCell(d, context) })),
      lastRow,
    );
    table.sheet.getRange(lastRow + 1, table.index.value + 1, missing.length, 1).setWrap(true);
    if (!wasEmpty) changes.repaired.push(`Settings: added ${missing.map((d) => d.name).join(', ')}`);
    table = readTable(ss, SETTINGS_TAB);
  }

  const rows = table.rows.length;
  const settingCells = table.sheet.getRange(2, table.index.setting + 1, rows, 1);
  const valueCells = table.sheet.getRange(2, table.index.value + 1, rows, 1);
  const notes = settingCells.getNotes();
  const rules = valueCells.getDataValidations();
  const formats = valueCells.getNumberFormats();
  const repaired = { notes: false, rules: false, formats: false };
  const seen = new Set<string>();
  table.rows.forEach((row, r) => {
    const name = text(row[table.index.setting]).toLowerCase();
    const def = SETTING_DEFINITIONS.find((d) => d.name.toLowerCase() === name);
    if (!def || seen.has(name)) return;
    seen.add(name);
    const help = settingHelp(def);
    if (notes[r][0] !== help) {
      notes[r][0] = help;
      repaired.notes = true;
    }
    const rule = settingRule(def);
    if (rule && !sameRule(rules[r][0], rule)) {
      rules[r][0] = rule;
      repaired.rules = true;
    }
    if (def.kind.type === 'date') {
      if (formats[r][0] !== SETTING_DATE_FORMAT) {
        formats[r][0] = SETTING_DATE_FORMAT;
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
  if (repaired.notes) settingCells.setNotes(notes);
  if (repaired.formats) valueCells.setNumberFormats(formats);
  if (repaired.rules) valueCells.setDataValidations(rules);
  if (!wasEmpty && (repaired.notes || repaired.rules))
    changes.repaired.push('Settings: help and validation of each value');
}
