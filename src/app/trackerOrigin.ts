/**
 * Which tracker this spreadsheet is, for setup and the school year's steps: setup leaves a note on
 * the Settings header naming the tracker (a copy keeps it) and records the spreadsheet's id in its
 * document properties (a copy has none). A fresh copy is a spreadsheet whose note names another
 * tracker and whose properties name none.
 */
import { originNote, originOf } from '../core/schoolYear';
import { spreadsheetIdOf } from '../core/trackerLink';
import { SettingsRead, writeSettingsHeaderNote } from '../sheets/layout';
import { signingKey } from '../sheets/state';
import { recordedTrackerId, recordTrackerId, yearClosedAsRead } from '../sheets/yearState';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const START_NEW_YEAR = 'Start a new school year';

/** A copy nobody started a school year in yet: the tracker it was copied from; else null. */
export function freshCopyOf(ss: Spreadsheet, settings: Pick<SettingsRead, 'headerNote'>): string | null {
  if (recordedTrackerId() !== null || signingKey() !== null) return null;
  const origin = originOf(settings.headerNote);
  return origin && origin !== ss.getUrl() ? origin : null;
}

/** What setup says in a fresh copy, where it lays out the tabs but starts nothing. */
export function freshCopyMessage(origin: string): string {
  return `This spreadsheet is a copy of ${origin}. To make it this school year's tracker, choose Relationship Calls → ${START_NEW_YEAR}: it empties the year's tabs, carries open follow-ups over and links last year's tracker. Until then it has no upkeep trigger and signs nothing.`;
}

/**
 * Setup in a tracker of its own: its Settings header names it (so a copy will know where it came
 * from) and its properties record its id. No call on a tracker whose note and record agree.
 */
export function recordTrackerOrigin(ss: Spreadsheet, settings: SettingsRead): void {
  const id = recordedTrackerId();
  const noted = originOf(settings.headerNote);
  if (id && noted && spreadsheetIdOf(noted) === id) return;
  const url = ss.getUrl();
  if (noted !== url) writeSettingsHeaderNote(settings.table, originNote(url));
  recordTrackerId(ss.getId());
}

/** Said to a teacher's form, a fix, a refresh once this tracker's year was closed; null while it is open. */
export function closedYearMessage(): string | null {
  const closed = yearClosedAsRead();
  return closed
    ? `This tracker's school year was closed on ${closed.at.slice(0, 10)}: nothing more is logged here. Log calls in this year's tracker: ${closed.tracker}`
    : null;
}
