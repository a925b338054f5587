/**
 * The tracker spreadsheet as one execution sees it: the spreadsheet, its time zone, today,
 * and the leader's Settings. Read once per execution and passed along.
 */
import { dayOf, Day } from '../core/dates';
import { readSettings, Settings, UnreadableSetting } from '../core/settings';
import { SETTINGS_TAB } from '../core/schema';
import { cellGetter, readOptionalTable } from './table';
import { text } from '../core/records';

export interface Tracker {
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The spreadsheet's own time zone: the one its date cells are in. */
  sheetTimeZone: string;
  settings: Settings;
  /** Settings that could not be read and fell back to their defaults, in sentences. */
  settingsProblems: string[];
  /** The settings whose Value cell could not be read, to mark on the Settings tab and name. */
  unreadableSettings: UnreadableSetting[];
  now: Date;
  /** Today in the spreadsheet's time zone. */
  today: Day;
}

export function openTracker(): Tracker {
  const ss = SpreadsheetApp.getActive();
  const sheetTimeZone = ss.getSpreadsheetTimeZone();
  // Whole seconds: Logged At then reads back from its cell exactly, and so does its signature.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const today = dayOf(now, sheetTimeZone);
  const values = new Map<string, unknown>();
  const problems: string[] = [];
  const table = readOptionalTable(ss, SETTINGS_TAB);
  if (table) {
    for (const row of table.rows) {
      const get = cellGetter(table, row);
      const name = text(get('setting'));
      if (name && !values.has(name)) values.set(name, get('value'));
    }
  } else {
    problems.push(
      'The Settings tab is missing, so defaults are used. Run Relationship Calls → Set up tracker.',
    );
  }
  const reading = readSettings(values, { today, timeZone: sheetTimeZone });
  return {
    ss,
    sheetTimeZone,
    settings: reading.settings,
    settingsProblems: [...problems, ...reading.problems],
    unreadableSettings: reading.unreadable,
    now,
    today,
  };
}

/** The spreadsheet alone, for checks that need no Settings. */
export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  return SpreadsheetApp.getActive();
}
