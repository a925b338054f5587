/**
 * Which tracker the document properties belong to, and where it stands in its school year. The
 * properties are never copied with the spreadsheet (File → Make a copy): a copy starts with none,
 * which is how Start a new school year tells a fresh copy from the tracker in use.
 */
import { currentTrackerProperty, setTrackerProperties, trackerProperties } from './properties';

const TRACKER_ID = 'tracker.id';
const YEAR_STARTED = 'year.started';
const YEAR_CLOSED = 'year.closed';

/** Who did a step of the school year, when, and the other tracker it names. */
export interface YearStep {
  /** ISO instant. */
  at: string;
  by: string;
  /** Last year's tracker (a start) or this year's (a close). */
  tracker: string;
}

function step(raw: string | null | undefined): YearStep | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<YearStep>;
    return typeof parsed.at === 'string' && typeof parsed.tracker === 'string'
      ? { at: parsed.at, by: String(parsed.by ?? ''), tracker: parsed.tracker }
      : null;
  } catch {
    return null;
  }
}

/** The spreadsheet id these properties were recorded for; null in a copy nobody set up or started yet. */
export function recordedTrackerId(): string | null {
  return trackerProperties()[TRACKER_ID] ?? null;
}

export function recordTrackerId(id: string): void {
  if (recordedTrackerId() !== id) setTrackerProperties({ [TRACKER_ID]: id });
}

/** This tracker's school year was started here (in a copy of last year's). */
export function yearStarted(): YearStep | null {
  return step(trackerProperties()[YEAR_STARTED]);
}

export function recordYearStarted(started: YearStep): void {
  setTrackerProperties({ [YEAR_STARTED]: JSON.stringify(started) });
}

/** This tracker's school year was closed: as it is now, not as this execution first read it. */
export function yearClosed(): YearStep | null {
  return step(currentTrackerProperty(YEAR_CLOSED));
}

/** As this execution read its properties (for checks that cost no call when the properties were read anyway). */
export function yearClosedAsRead(): YearStep | null {
  return step(trackerProperties()[YEAR_CLOSED]);
}

export function recordYearClosed(closed: YearStep): void {
  setTrackerProperties({ [YEAR_CLOSED]: JSON.stringify(closed) });
}
