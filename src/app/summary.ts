/** Refreshing the Summary and Families tabs: read each tab once, compute in memory, write each once. */
import { callRowProblems } from '../core/callChecks';
import { stamp } from '../core/dates';
import { computeFamilies, familiesValues } from '../core/families';
import { buildHouseholdIndex, HouseholdIndex } from '../core/households';
import { computeSummary, SummaryResult } from '../core/progress';
import { summaryLayout } from '../core/summaryTable';
import { CallRecord, FollowUpRecord, RosterStudent, School, StaffMember, text } from '../core/records';
import { CALL_LOG, FOLLOW_UPS, ROSTER, SCHOOLS, SETTINGS_TAB, STAFF, TabSchema } from '../core/schema';
import { EncodedSnapshot, encodeSnapshot, snapshotBuilder } from '../core/snapshot';
import { CoveredRow, coveredRow, markSnapshotsDirty, storeSnapshots } from '../sheets/snapshotStore';
import { cellGetter, Table, tabOf } from '../sheets/table';
import { readCalls, readFollowUps, readRoster, readSchools, readStaff } from '../sheets/tabs';
import { activeSpreadsheet, openTracker, Tracker } from '../sheets/tracker';
import { writeFamilies } from '../sheets/familiesTab';
import { writeSummary } from '../sheets/summaryTab';
import { busyError, withDocumentLock } from '../sheets/lock';
import {
  markSummaryRefreshed,
  markSummaryStale,
  newerRefreshWritten,
  summaryFreshness,
} from '../sheets/state';
import { activeEmail } from '../sheets/session';
import { alert, toast } from '../sheets/ui';
import { summaryRefreshRefusal } from './access';
import { closedYearMessage } from './trackerOrigin';
import { ownFollowUps, reconcileFollowUps } from './followUps';
import { identifyCalls } from './handEdits';
import { markOrigins } from './origin';
import { markUnreadableSettings, unreadableNames } from './settings';
import { districtPercentMet, publishRollup, readRollupState } from './rollup';

/** The Call Log columns the refresh uses: long text stays in the sheet (Check call log reads it). */
const REFRESH_COLUMNS = CALL_LOG.columns.filter((c) => c.type !== 'longText').map((c) => c.key);

/** Every tab the refresh reads, read once. */
export interface DistrictData {
  staff: StaffMember[];
  schools: School[];
  roster: RosterStudent[];
  calls: CallRecord[];
  followUps: FollowUpRecord[];
  invalidCallRows: number;
  /** The Call Log's last row read, for the snapshots. */
  through: CoveredRow;
}

/**
 * How many rows break the rules; each call's origin against its signature (the form's and
 * intact, typed, or changed by hand since) is set on the call.
 */
function rowChecks(tracker: Tracker, table: Table, calls: readonly CallRecord[]): number {
  const tz = tracker.sheetTimeZone;
  const context = { today: tracker.today, callsStartDate: tracker.settings.callsStartDate, timeZone: tz };
  let invalidCallRows = 0;
  for (const call of calls) {
    if (callRowProblems(cellGetter(table, table.rows[call.row - 2]), context).length > 0) invalidCallRows++;
  }
  markOrigins(table, calls, tz);
  return invalidCallRows;
}

export function readDistrict(tracker: Tracker): DistrictData {
  const { ss, sheetTimeZone: tz } = tracker;
  const { table, calls } = readCalls(ss, tz, REFRESH_COLUMNS);
  const invalidCallRows = rowChecks(tracker, table, calls);
  const lastRow = table.rows[table.rows.length - 1];
  return {
    staff: readStaff(ss),
    schools: readSchools(ss, tz),
    roster: readRoster(ss),
    calls,
    followUps: ownFollowUps(readFollowUps(ss, tz).followUps).own,
    invalidCallRows,
    through: { row: table.rows.length + 1, callId: lastRow ? text(lastRow[table.index.callId]) : '' },
  };
}

export function summaryOf(
  tracker: Tracker,
  data: DistrictData = readDistrict(tracker),
  households: HouseholdIndex = buildHouseholdIndex(data.roster),
): SummaryResult {
  const result = computeSummary({ ...data, settings: tracker.settings, today: tracker.today, households });
  return {
    ...result,
    problems: [...tracker.settingsProblems.map((p) => `Settings: ${p}`), ...result.problems],
  };
}

/** Every school's snapshot as stored, built and encoded one school at a time (a district's would not fit at once). */
function encodedSnapshots(
  tracker: Tracker,
  data: DistrictData,
  households: HouseholdIndex,
): EncodedSnapshot[] {
  const builder = snapshotBuilder({
    ...data,
    households,
    callsStartDate: tracker.settings.callsStartDate,
    today: tracker.today,
    handOffAfter: tracker.settings.attemptsBeforeHandOff,
  });
  return builder.schools.map((school) => encodeSnapshot(builder.build(school)));
}

/**
 * Reads outside the lock (a district's log takes seconds to read; teachers' submits must not
 * wait for it) and writes inside it, unless a refresh that read later has written already.
 */
export function refreshSummary(tracker: Tracker = openTracker()): SummaryResult {
  const data = readDistrict(tracker);
  // One household index for all three: a family is the same family on Summary, Families and the sidebar.
  const households = buildHouseholdIndex(data.roster);
  // Follow-ups the calls call for and nobody wrote (rows typed on the sheet, hand-offs): added
  // first, in a short hold of the lock, so that everything computed below counts them.
  withDocumentLock(
    30_000,
    () => {
      // Rows typed without a Call ID, or copied with another row's, get their own first: no call is skipped.
      if (identifyCalls(tracker.ss, data.calls, tracker.now) > 0) markSummaryStale(tracker.now);
      data.followUps = reconcileFollowUps(tracker, data.calls, data.roster, data.schools, households);
    },
    () => {
      throw busyError();
    },
  );
  const result = summaryOf(tracker, data, households);
  let snapshots = encodedSnapshots(tracker, data, households);
  const rollup = readRollupState(tracker.ss);
  withDocumentLock(
    30_000,
    () => {
      if (newerRefreshWritten(tracker.now)) return;
      storeSnapshots(
        tracker.ss,
        snapshots,
        { through: data.through, callsStartDate: tracker.settings.callsStartDate },
        tracker.now,
      );
      // Stored: let go of them before the Summary and Families are made, so a district's are not held at once.
      snapshots = [];
      writeSummary(
        tracker.ss,
        summaryLayout(
          result,
          `${stamp(tracker.now, tracker.settings.timeZone)} (${tracker.settings.timeZone})`,
          unreadableNames(tracker),
          districtPercentMet(tracker, rollup),
        ),
      );
      publishRollup(
        tracker,
        rollup,
        {
          summary: result,
          schools: data.schools.map((s) => s.school),
          calls: data.calls,
          followUps: data.followUps,
          settings: tracker.settings,
          today: tracker.today,
        },
        data.staff,
      );
      writeFamilies(
        tracker.ss,
        familiesValues(
          computeFamilies({ ...data, settings: tracker.settings, today: tracker.today, households }),
        ),
      );
      markUnreadableSettings(tracker);
      markSummaryRefreshed(tracker.now);
    },
    () => {
      throw busyError();
    },
  );
  return result;
}

/** Tabs whose hand edits change what the sidebar snapshots say (the Call Log only on rows they cover). */
const SNAPSHOT_SOURCES: readonly TabSchema[] = [ROSTER, STAFF, SETTINGS_TAB];
const SUMMARY_SOURCES: readonly TabSchema[] = [CALL_LOG, FOLLOW_UPS, SCHOOLS, ...SNAPSHOT_SOURCES];

/**
 * A hand edit (onEdit, a simple trigger: properties only): the Summary is stale, and the
 * snapshots too when the edit touched what they were built from, so teachers' sidebars read
 * the tabs themselves until the next refresh.
 */
export function noteHandEdit(e: GoogleAppsScript.Events.SheetsOnEdit, now: Date): void {
  const tab = tabOf(e.range.getSheet(), SUMMARY_SOURCES);
  if (!tab) return;
  markSummaryStale(now);
  if (SNAPSHOT_SOURCES.includes(tab) || (tab === CALL_LOG && e.range.getRow() <= coveredRow()))
    markSnapshotsDirty(now);
}

/** A Summary older than this is refreshed by upkeep even when no change was marked (hand edits elsewhere). */
const MAX_SUMMARY_AGE_MS = 60 * 60_000;

/** Upkeep: refresh when a call or an edit marked the Summary stale, or when it is an hour old. */
export function refreshSummaryIfStale(): void {
  const { staleSince, refreshedAt } = summaryFreshness();
  const old = !refreshedAt || Date.now() - refreshedAt.getTime() >= MAX_SUMMARY_AGE_MS;
  if (staleSince || old) refreshSummary();
}

/** The menu's confirmation: what was refreshed, and what the leader should fix. */
export function refreshMessage(result: SummaryResult, unreadableSettings: readonly string[]): string {
  const parts = [`Summary and Families refreshed: ${result.staff.length} staff.`];
  if (unreadableSettings.length > 0)
    parts.push(
      `Settings not read, defaults used: ${unreadableSettings.join(', ')} (see the note on each in Settings).`,
    );
  const callProblems = result.problems.filter((p) => !p.startsWith('Settings: '));
  if (callProblems.length > 0)
    parts.push('Some calls need attention: see the notes at the bottom of Summary.');
  return parts.join(' ');
}

export function refreshSummaryFromMenu(): void {
  const closed = closedYearMessage();
  if (closed) return alert('Refresh summary', `${closed} Its Summary stays as it was when the year closed.`);
  const refusal = summaryRefreshRefusal(activeSpreadsheet(), activeEmail());
  if (refusal) {
    markSummaryStale(new Date());
    alert('Refresh summary', refusal);
    return;
  }
  const tracker = openTracker();
  const result = refreshSummary(tracker);
  toast(refreshMessage(result, unreadableNames(tracker)));
}
