/**
 * The tracker spreadsheet as one execution sees it: the spreadsheet, its time zone, today,
 * and the leader's Settings. Read once per execution and passed along.
 */
import { dayOf, Day } from '../core/dates';
import { readSettings, Settings, UnreadableSetting } from '../core/settings';
import { SETTINGS_TAB } from '../core/schema';
import { cellGetter, readOptionalTable } from './table';
import { text } from '../core/records';
import { AlertRoute } from '../core/urgency';
import { FormContext } from './formContext';

export interface Tracker {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The spreadsheet's own time zone: the one its date cells are in. */
  sheetTimeZone: string;
  settings: Settings;
  /** Settings that could not be read and fell back to their defaults, in sentences. */
  settingsProblems: string[];
  /** The settings whose Value cell could not be read, to mark on the Settings tab and name. */
  unreadableSettings: UnreadableSetting[];
  /** The Settings tab's (Setting, Value) pairs as read, first of each name; null without the tab. */
  settingValues: Array<[string, unknown]> | null;
  /** Alert Routes as a submit was told them (src/sheets/formContext.ts); else read when needed. */
  alertRoutes?: AlertRoute[];
  now: Date;
  /** Today in the spreadsheet's time zone. */
  today: Day;
}

function trackerOf(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheetTimeZone: string,
  settingValues: Array<[string, unknown]> | null,
): Tracker {
  // Whole seconds: Logged At then reads back from its cell exactly, and so does its signature.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const today = dayOf(now, sheetTimeZone);
  const problems = settingValues
    ? []
    : ['The Settings tab is missing, so defaults are used. Run Relationship Calls → Set up tracker.'];
  const reading = readSettings(new Map(settingValues ?? []), { today, timeZone: sheetTimeZone });
  return {
    ss,
    sheetTimeZone,
    settings: reading.settings,
    settingsProblems: [...problems, ...reading.problems],
    unreadableSettings: reading.unreadable,
    settingValues,
    now,
    today,
  };
}

/** The spreadsheet's time zone and Settings, read once per execution (Apps Script starts each with fresh globals). */
let read: {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  timeZone: string;
  values: Array<[string, unknown]> | null;
} | null = null;

export function openTracker(): Tracker {
  if (!read) {
    const ss = SpreadsheetApp.getActive();
    const table = readOptionalTable(ss, SETTINGS_TAB);
    let values: Array<[string, unknown]> | null = null;
    if (table) {
      const byName = new Map<string, unknown>();
      for (const row of table.rows) {
        const get = cellGetter(table, row);
        const name = text(get('setting'));
        if (name && !byName.has(name)) byName.set(name, get('value'));
      }
      values = [...byName];
    }
    read = { ss, timeZone: ss.getSpreadsheetTimeZone(), values };
  }
  return trackerOf(read.ss, read.timeZone, read.values);
}

/** Settings were just written by this execution (setup): the next openTracker reads them again. */
export function forgetSettingsRead(): void {
  read = null;
}

/** As a submit was told it (the time zone, Settings and Alert Routes): no tab read. */
export function trackerFromContext(context: FormContext): Tracker {
  return {
    ...trackerOf(SpreadsheetApp.getActive(), context.timeZone, context.settings),
    alertRoutes: context.routes,
  };
}

/** The spreadsheet alone, for checks that need no Settings. */
export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActive();
}
