/** Refreshing the Summary tab: read each tab once, compute in memory, write once. */
import { callRowProblems } from '../core/callChecks';
import { stamp } from '../core/dates';
import { computeSummary, SummaryInput, SummaryResult } from '../core/progress';
import { summaryLayout } from '../core/summaryTable';
import { cellGetter, isBlankRow } from '../sheets/table';
import { readCalls, readFollowUps, readRoster, readSchools, readStaff } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import { writeSummary } from '../sheets/summaryTab';
import { busyError, withDocumentLock } from '../sheets/lock';
import { markSummaryRefreshed, summaryFreshness } from '../sheets/state';
import { toast } from '../sheets/ui';
import { reconcileFollowUps } from './followUps';

/** Every tab the Summary needs, read once. */
function summaryInputOf(tracker: Tracker): SummaryInput {
  const { ss, sheetTimeZone: tz } = tracker;
  const { table, calls } = readCalls(ss, tz);
  const context = { today: tracker.today, callsStartDate: tracker.settings.callsStartDate, timeZone: tz };
  const invalidCallRows = table.rows.filter(
    (row) => !isBlankRow(row) && callRowProblems(cellGetter(table, row), context).length > 0,
  ).length;
  return {
    staff: readStaff(ss),
    schools: readSchools(ss, tz),
    roster: readRoster(ss),
    calls,
    followUps: readFollowUps(ss, tz).followUps,
    settings: tracker.settings,
    today: tracker.today,
    invalidCallRows,
  };
}

function summarize(tracker: Tracker, input: SummaryInput): SummaryResult {
  const result = computeSummary(input);
  return {
    ...result,
    problems: [...tracker.settingsProblems.map((p) => `Settings: ${p}`), ...result.problems],
  };
}

export function summaryOf(tracker: Tracker): SummaryResult {
  return summarize(tracker, summaryInputOf(tracker));
}

export function refreshSummary(): SummaryResult {
  const tracker = openTracker();
  const input = summaryInputOf(tracker);
  let result = summarize(tracker, input);
  withDocumentLock(
    30_000,
    () => {
      // Follow-ups the calls call for and nobody wrote (typed on the sheet, hand-offs) are added here.
      const added = reconcileFollowUps(tracker, input.calls, input.roster, input.schools);
      if (added.length > 0)
        result = summarize(tracker, { ...input, followUps: [...input.followUps, ...added] });
      const stamped = `${stamp(tracker.now, tracker.settings.timeZone)} (${tracker.settings.timeZone})`;
      writeSummary(tracker.ss, summaryLayout(result, stamped));
    },
    () => {
      throw busyError();
    },
  );
  markSummaryRefreshed(tracker.now);
  return result;
}

/** A Summary older than this is refreshed by upkeep even when no change was marked (hand edits elsewhere). */
const MAX_SUMMARY_AGE_MS = 60 * 60_000;

/** Upkeep: refresh when a call or an edit marked the Summary stale, or when it is an hour old. */
export function refreshSummaryIfStale(): void {
  const { staleSince, refreshedAt } = summaryFreshness();
  const old = !refreshedAt || Date.now() - refreshedAt.getTime() >= MAX_SUMMARY_AGE_MS;
  if (staleSince || old) refreshSummary();
}

export function refreshSummaryFromMenu(): void {
  const result = refreshSummary();
  const note =
    result.problems.length > 0 ? ' Some calls need attention: see the notes at the bottom of Summary.' : '';
  toast(`Summary refreshed: ${result.staff.length} staff with goals.${note}`);
}
