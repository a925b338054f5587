/**
 * Settings that cannot be read are said out loud: the Value cell gets a note and a highlight
 * (taken away once it reads again), the refresh and Summary name it, Check call log lists it.
 */
import { SETTINGS_TAB } from '../core/schema';
import { SETTING_DEFINITIONS, settingFormat, UnreadableSetting } from '../core/settings';
import { text } from '../core/records';
import { SettingsRead } from '../sheets/layout';
import { isTab, readOptionalTable } from '../sheets/table';
import { openTracker, Tracker } from '../sheets/tracker';
import { NOTE_PREFIX, PROBLEM_BACKGROUND } from './checks';

const PLAIN_BACKGROUND = '#ffffff';

export function unreadableNote(u: UnreadableSetting): string {
  const def = SETTING_DEFINITIONS.find((d) => d.name === u.setting);
  const format = def ? ` Type ${settingFormat(def.kind)}.` : '';
  return `${NOTE_PREFIX}${u.message}${format}`;
}

/**
 * Marks each unreadable Value cell and unmarks the ones that read again: one read of the tab,
 * of the column's notes and backgrounds, and one write of each only when something changed.
 */
export function markUnreadableSettings(tracker: Tracker, read?: SettingsRead): void {
  const table = read ? read.table : readOptionalTable(tracker.ss, SETTINGS_TAB);
  if (!table || table.rows.length === 0) return;
  const byName = new Map(tracker.unreadableSettings.map((u) => [u.setting.toLowerCase(), u]));
  const valueColumn = table.index.value + 1;
  const range = table.sheet.getRange(2, valueColumn, table.rows.length, 1);
  const notes = read ? read.valueNotes : range.getNotes();
  const backgrounds = read ? read.valueBackgrounds : range.getBackgrounds();
  let changed = false;
  const seen = new Set<string>();
  table.rows.forEach((row, r) => {
    const name = text(row[table.index.setting]).toLowerCase();
    // A setting typed twice is read from its first row only: only that row is marked.
    const unreadable = seen.has(name) ? undefined : byName.get(name);
    seen.add(name);
    if (unreadable) {
      const note = unreadableNote(unreadable);
      if (notes[r][0] !== note || backgrounds[r][0] !== PROBLEM_BACKGROUND) changed = true;
      notes[r][0] = note;
      backgrounds[r][0] = PROBLEM_BACKGROUND;
    } else if (String(notes[r][0]).startsWith(NOTE_PREFIX)) {
      notes[r][0] = '';
      if (backgrounds[r][0] === PROBLEM_BACKGROUND) backgrounds[r][0] = PLAIN_BACKGROUND;
      changed = true;
    }
  });
  if (!changed) return;
  range.setNotes(notes);
  range.setBackgrounds(backgrounds);
}

/** A leader typed in Settings: the Value cell says at once whether it can be read. */
export function markSettingsEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!isTab(e.range.getSheet(), SETTINGS_TAB)) return;
  markUnreadableSettings(openTracker());
}

/** "Goal Deadline, Digest Hour" — for a message or the Summary's stamp line. */
export function unreadableNames(tracker: Tracker): string[] {
  return tracker.unreadableSettings.map((u) => u.setting);
}
