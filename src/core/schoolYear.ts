/**
 * One tracker holds one school year. A new year starts in a copy of last year's tracker (File →
 * Make a copy keeps the bound script); the copy is told apart from the tracker it came from by
 * the note setup leaves on the Settings tab (copied with it) and by the document properties
 * (never copied). This module holds the pure parts: the new year's default days, the mark a
 * follow-up carried over gets, and what each step says.
 */
import { Day, isDay } from './dates';
import { spreadsheetLink } from './trackerLink';

/** The same day a year later (Feb 29 becomes Feb 28). */
export function aYearLater(day: Day): Day {
  const [year, month, date] = day.split('-').map(Number);
  const next = `${year + 1}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
  return isDay(next) ? next : `${year + 1}-02-28`;
}

/** "2027–28": the school year whose calls start on `start`. */
export function schoolYearName(start: Day): string {
  const year = Number(start.slice(0, 4));
  return `${year}–${String((year + 1) % 100).padStart(2, '0')}`;
}

/** What an open follow-up carried into the new year says after its reason. */
export const FROM_LAST_YEAR = ' (from last year)';

export function carriedReason(reason: string): string {
  return reason.endsWith(FROM_LAST_YEAR) ? reason : reason + FROM_LAST_YEAR;
}

const ORIGIN_PREFIX = 'Relationship Call Tracker: ';

/** The note setup leaves on the Settings tab's header: which spreadsheet this tracker is. A copy keeps it. */
export function originNote(url: string): string {
  return `${ORIGIN_PREFIX}${url}\nA copy of this spreadsheet keeps this note: Start a new school year reads here which tracker the copy came from.`;
}

/** The tracker a Settings header note names; null when the note is not the add-on's. */
export function originOf(note: string): string | null {
  if (!note.startsWith(ORIGIN_PREFIX)) return null;
  return spreadsheetLink(note.slice(ORIGIN_PREFIX.length).split('\n')[0]);
}

/** A day typed into a prompt: blank means the default; null when it is not a day. */
export function dayAnswer(text: string, fallback: Day): Day | null {
  const typed = text.trim();
  if (typed === '') return fallback;
  return isDay(typed) ? typed : null;
}
