/** Refreshing the Summary and Families tabs: read each tab once, compute in memory, write each once. */
import { callRowProblems } from '../core/callChecks';
import { stamp } from '../core/dates';
import { computeFamilies, familiesValues, FamilyRow } from '../core/families';
import { buildHouseholdIndex } from '../core/households';
import { computeSummary, SummaryResult } from '../core/progress';
import { summaryLayout } from '../core/summaryTable';
import { cellGetter, isBlankRow } from '../sheets/table';
import { readCalls, readFollowUps, readRoster, readSchools, readStaff } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import { writeFamilies } from '../sheets/familiesTab';
import { writeSummary } from '../sheets/summaryTab';
import { busyError, withDocumentLock } from '../sheets/lock';
import { markSummaryRefreshed, summaryFreshness } from '../sheets/state';
import { toast } from '../sheets/ui';
import { markUnreadableSettings, unreadableNames } from './settings';

interface Computed {
  summary: SummaryResult;
  families: FamilyRow[];
}

function compute(tracker: Tracker): Computed {
  const { ss, sheetTimeZone: tz } = tracker;
  const { table, calls } = readCalls(ss, tz);
  const context = { today: tracker.today, callsStartDate: tracker.settings.callsStartDate, timeZone: tz };
  const invalidCallRows = table.rows.filter(
    (row) => !isBlankRow(row) && callRowProblems(cellGetter(table, row), context).length > 0,
  ).length;
  const staff = readStaff(ss);
  const roster = readRoster(ss);
  // One household index for both tabs: a family is the same family on Summary and on Families.
  const households = buildHouseholdIndex(roster);
  const result = computeSummary({
    staff,
    schools: readSchools(ss, tz),
    roster,
    calls,
    followUps: readFollowUps(ss, tz).followUps,
    settings: tracker.settings,
    today: tracker.today,
    invalidCallRows,
    households,
  });
  const families = computeFamilies({
    roster,
    calls,
    staff,
    settings: tracker.settings,
    today: tracker.today,
    households,
  });
  return {
    summary: {
      ...result,
      problems: [...tracker.settingsProblems.map((p) => `Settings: ${p}`), ...result.problems],
    },
    families,
  };
}

export function summaryOf(tracker: Tracker): SummaryResult {
  return compute(tracker).summary;
}

export function refreshSummary(tracker: Tracker = openTracker()): SummaryResult {
  const { summary, families } = compute(tracker);
  const layout = summaryLayout(
    summary,
    `${stamp(tracker.now, tracker.settings.timeZone)} (${tracker.settings.timeZone})`,
    unreadableNames(tracker),
  );
  withDocumentLock(
    30_000,
    () => {
      writeSummary(tracker.ss, layout);
      writeFamilies(tracker.ss, familiesValues(families));
      markUnreadableSettings(tracker);
    },
    () => {
      throw busyError();
    },
  );
  markSummaryRefreshed(tracker.now);
  return summary;
}

/** A Summary older than this is refreshed by upkeep even when no change was marked (hand edits elsewhere). */
const MAX_SUMMARY_AGE_MS = 60 * 60_000;

/** Upkeep: refresh when a call or an edit marked the Summary stale, or when it is an hour old. */
export function refreshSummaryIfStale(): void {
  const { staleSince, refreshedAt } = summaryFreshness();
  const old = !refreshedAt || Date.now() - refreshedAt.getTime() >= MAX_SUMMARY_AGE_MS;
  if (staleSince || old) refreshSummary(openTracker());
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
  const tracker = openTracker();
  const result = refreshSummary(tracker);
  toast(refreshMessage(result, unreadableNames(tracker)));
}
