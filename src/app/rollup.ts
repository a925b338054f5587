/**
 * A school tracker's side of the district rollup. Its refresh publishes the school's numbers on
 * the Rollup tab (when the run is the owner's or a Leader's: the tab is theirs) and reads what a
 * district tracker wrote there: the district's % Met for the Summary, and whether a district
 * tracker reads this one, in which case this tracker sends no district digest of its own.
 */
import { editorsFor } from '../core/access';
import { StaffMember } from '../core/records';
import {
  DISTRICT_MARK_KEPT_MS,
  DistrictMark,
  districtPercentFor,
  readRollup,
  rollupValues,
  SchoolNumbers,
} from '../core/rollup';
import { spreadsheetIdOf } from '../core/trackerLink';
import { readOwnRollup, writeRollupRows } from '../sheets/rollupTab';
import { effectiveEmail } from '../sheets/session';
import { Tracker } from '../sheets/tracker';

export interface RollupState {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  values: unknown[][];
  district: DistrictMark | null;
}

/** The Rollup tab as it stands (one read); null on a tracker not set up since the tab came. */
export function readRollupState(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): RollupState | null {
  const read = readOwnRollup(ss);
  if (!read) return null;
  const reading = readRollup(read.values);
  return { ...read, district: reading.ok ? reading.district : null };
}

/** The district's % Met to show beside the school's, from the district tracker Settings names (if it names one). */
export function districtPercentMet(tracker: Tracker, state: RollupState | null): number | null {
  const mark = state?.district ?? null;
  return districtPercentFor(
    mark,
    spreadsheetIdOf(tracker.settings.districtTracker),
    mark ? spreadsheetIdOf(mark.tracker) : null,
    tracker.now,
  );
}

/**
 * Whether a district tracker sends the district digest instead of this one: Settings names a
 * District Tracker, or one read this tracker in the last two weeks.
 */
export function listedInDistrict(tracker: Tracker, state: RollupState | null): boolean {
  if (tracker.settings.districtTracker) return true;
  const at = state?.district?.refreshedAt;
  return !!at && tracker.now.getTime() - at.getTime() <= DISTRICT_MARK_KEPT_MS;
}

/** Writes the school's rows on the Rollup tab; false when this run may not (a principal's refresh: upkeep writes it). */
export function publishRollup(
  tracker: Tracker,
  state: RollupState | null,
  rows: readonly SchoolNumbers[],
  staff: readonly StaffMember[],
): boolean {
  if (!state) return false;
  const owner = tracker.ss.getOwner()?.getEmail().toLowerCase() ?? '';
  if (!editorsFor('leaders', owner, staff).includes(effectiveEmail())) return false;
  writeRollupRows(state.sheet, rollupValues(rows, tracker.now), state.values.length);
  return true;
}
