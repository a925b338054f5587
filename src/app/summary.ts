/** Refreshing the Summary tab: read each tab once, compute in memory, write once. */
import { callRowProblems } from '../core/callChecks';
import { stamp } from '../core/dates';
import { computeSummary, SummaryResult } from '../core/progress';
import { originProblems } from '../core/signature';
import { summaryLayout } from '../core/summaryTable';
import { cellGetter, isBlankRow } from '../sheets/table';
import { readCalls, readFollowUps, readRoster, readSchools, readStaff } from '../sheets/tabs';
import { activeSpreadsheet, openTracker, Tracker } from '../sheets/tracker';
import { writeSummary } from '../sheets/summaryTab';
import { busyError, withDocumentLock } from '../sheets/lock';
import { markSummaryRefreshed, markSummaryStale, signingKey, summaryFreshness } from '../sheets/state';
import { activeEmail } from '../sheets/session';
import { summaryRefreshRefusal } from './access';
import { alert, toast } from '../sheets/ui';

export function summaryOf(tracker: Tracker): SummaryResult {
  const { ss, sheetTimeZone: tz } = tracker;
  const { table, calls } = readCalls(ss, tz);
  const context = { today: tracker.today, callsStartDate: tracker.settings.callsStartDate, timeZone: tz };
  const rows = table.rows.flatMap((row, i) =>
    isBlankRow(row) ? [] : [{ row: i + 2, get: cellGetter(table, row) }],
  );
  const invalidCallRows = rows.filter(({ get }) => callRowProblems(get, context).length > 0).length;
  const callRowsNotFromForm = originProblems(rows, signingKey(), tz).length;
  const result = computeSummary({
    staff: readStaff(ss),
    schools: readSchools(ss, tz),
    roster: readRoster(ss),
    calls,
    followUps: readFollowUps(ss).followUps,
    settings: tracker.settings,
    today: tracker.today,
    invalidCallRows,
    callRowsNotFromForm,
  });
  return {
    ...result,
    problems: [...tracker.settingsProblems.map((p) => `Settings: ${p}`), ...result.problems],
  };
}

export function refreshSummary(): SummaryResult {
  const tracker = openTracker();
  const result = summaryOf(tracker);
  const layout = summaryLayout(
    result,
    `${stamp(tracker.now, tracker.settings.timeZone)} (${tracker.settings.timeZone})`,
  );
  withDocumentLock(
    30_000,
    () => writeSummary(tracker.ss, layout),
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
  const refusal = summaryRefreshRefusal(activeSpreadsheet(), activeEmail());
  if (refusal) {
    markSummaryStale(new Date());
    alert('Refresh summary', refusal);
    return;
  }
  const result = refreshSummary();
  const note =
    result.problems.length > 0 ? ' Some calls need attention: see the notes at the bottom of Summary.' : '';
  toast(`Summary refreshed: ${result.staff.length} staff with goals.${note}`);
}
