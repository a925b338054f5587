/**
 * Refreshing the Summary, Families and the schools' states. From the menu, and once a day from
 * upkeep, a full rebuild (src/app/rebuild.ts); otherwise upkeep refreshes only what changed since
 * (src/app/update.ts), and falls back to the full rebuild when that cannot be done. One refresh
 * at a time: a lease in document properties (taken and given back in short holds of the document
 * lock), so a refresh of many seconds never makes a teacher's submit wait on the lock.
 */
import { editedHeaderRow } from '../sheets/editEvent';
import { normalizeName } from '../core/households';
import {
  ALERT_ROUTES,
  CALL_LOG,
  FOLLOW_UPS,
  ROSTER,
  SCHOOLS,
  SETTINGS_TAB,
  STAFF,
  TabSchema,
} from '../core/schema';
import { RowRuns } from '../core/compact';
import { clearEdits, EditInput, pendingEdits, recordEdit } from '../sheets/edits';
import { forgetFormContext } from '../sheets/formContext';
import { busyError, withDocumentLock } from '../sheets/lock';
import {
  currentTrackerProperty,
  deleteTrackerProperty,
  forgetTrackerProperties,
  setTrackerProperties,
} from '../sheets/properties';
import { activeEmail } from '../sheets/session';
import { markSummaryRefreshed, markSummaryStale, summaryFreshness, summaryStale } from '../sheets/state';
import { storeBroken, storeMeta, summaryMemory } from '../sheets/stateStore';
import { findSheet, indexColumns, tabOf } from '../sheets/table';
import { activeSpreadsheet, openTracker, Tracker } from '../sheets/tracker';
import { alert, toast } from '../sheets/ui';
import { summaryRefreshRefusal } from './access';
import { closedYearMessage } from './trackerOrigin';
import { rebuild } from './rebuild';
import { markUnreadableSettings, unreadableNames } from './settings';
import { RefreshOutcome } from './summaryWrite';
import { update } from './update';

const LEASE = 'refresh.lease';
/** Longer than an execution may run (6 minutes): a lease left by a run that died expires. */
const LEASE_MS = 7 * 60_000;

/** Runs `refresh` holding the refresh lease; null when another refresh holds it. */
function withRefreshLease<T>(now: Date, refresh: () => T): T | null {
  const token = `${now.getTime()}.${Math.random().toString(36).slice(2)}`;
  const taken = withDocumentLock(
    30_000,
    () => {
      const held = JSON.parse(currentTrackerProperty(LEASE) ?? 'null') as {
        token: string;
        until: number;
      } | null;
      if (held && held.until > Date.now()) return false;
      setTrackerProperties({ [LEASE]: JSON.stringify({ token, until: Date.now() + LEASE_MS }) });
      return true;
    },
    () => false,
  );
  if (!taken) return null;
  try {
    return refresh();
  } finally {
    withDocumentLock(
      30_000,
      () => {
        if (currentTrackerProperty(LEASE)?.includes(token)) deleteTrackerProperty(LEASE);
      },
      () => undefined,
    );
  }
}

/**
 * The refresh: everything (`full`), or what changed since the last refresh when that is enough.
 * Null when another refresh is running (it shows what this one would have).
 */
export function refreshSummary(tracker: Tracker = openTracker(), full = true): RefreshOutcome | null {
  return withRefreshLease(tracker.now, () => {
    // As they are now that this refresh holds the lease (a refresh may have finished meanwhile).
    forgetTrackerProperties();
    const meta = storeMeta();
    const memory = summaryMemory();
    const edits = pendingEdits();
    const incremental = !full && meta && memory && tracker.now.getTime() < meta.until && !storeBroken();
    const result = (incremental ? update(tracker, { meta, memory, edits }) : null) ?? rebuild(tracker);
    withDocumentLock(
      30_000,
      () => clearEdits(edits?.read ?? []),
      () => undefined,
    );
    markUnreadableSettings(tracker);
    markSummaryRefreshed(tracker.now);
    return result;
  });
}

/** Tabs whose hand edits change what the Summary, Families or the sidebars show. */
const SUMMARY_SOURCES: readonly TabSchema[] = [CALL_LOG, FOLLOW_UPS, SCHOOLS, ROSTER, STAFF, SETTINGS_TAB];
const CONTEXT_SOURCES: readonly TabSchema[] = [SETTINGS_TAB, ALERT_ROUTES];
const HEADER_SOURCES: readonly TabSchema[] = [CALL_LOG, STAFF];
const EDIT_SOURCES: readonly TabSchema[] = [...new Set([...SUMMARY_SOURCES, ...CONTEXT_SOURCES])];

/**
 * A hand edit (onEdit): the Summary is stale, and the edit is recorded for the sidebars and the
 * next refresh: which Call Log and Follow-ups rows, the schools of those Call Log rows, and
 * whether Staff, Roster or Settings changed. A constant number of service calls.
 */
export function noteHandEdit(e: GoogleAppsScript.Events.SheetsOnEdit, now: Date): void {
  const sheet = e.range.getSheet();
  const tab = tabOf(sheet, EDIT_SOURCES);
  if (!tab) return;
  // What submits were told of these (src/sheets/formContext.ts) may no longer hold.
  if (CONTEXT_SOURCES.includes(tab) || (HEADER_SOURCES.includes(tab) && e.range.getRow() === 1))
    forgetFormContext();
  if (!SUMMARY_SOURCES.includes(tab)) return;
  const first = Math.max(e.range.getRow(), 2);
  const last = e.range.getRow() + e.range.getNumRows() - 1;
  const rows: RowRuns = last >= first ? [[first, last]] : [];
  let edit: EditInput | null = null;
  if (tab === CALL_LOG && rows.length > 0) edit = callLogEdit(sheet, first, last);
  else if (tab === FOLLOW_UPS && rows.length > 0) edit = { followUps: rows };
  else if (tab === STAFF) edit = { staff: true };
  else if (tab === ROSTER) edit = { roster: true };
  else if (tab === SETTINGS_TAB) edit = { settings: true };
  if (edit) recordEdit(edit, now, summaryStale(now));
  else markSummaryStale(now);
}

/**
 * What a Call Log edit records: its rows and the schools they name now, so a sidebar of another
 * school reads none of them (a sidebar knows its own school's rows, whatever they name now).
 * Rows past the last refresh too: a refresh reading them as this edit lands must read them again.
 */
function callLogEdit(sheet: GoogleAppsScript.Spreadsheet.Sheet, first: number, last: number): EditInput {
  const index = indexColumns(CALL_LOG, editedHeaderRow(sheet));
  const schools =
    index.school < 0
      ? []
      : sheet
          .getRange(first, index.school + 1, last - first + 1, 1)
          .getValues()
          .map(([school]) => normalizeName(String(school)));
  return { calls: [[first, last]], schools: [...new Set(schools)] };
}

/** A Summary older than this is refreshed by upkeep even when no change was marked (hand edits elsewhere). */
const MAX_SUMMARY_AGE_MS = 60 * 60_000;

/**
 * Upkeep: a full rebuild once a day (the day moves This Week, pace and overdue) or when there is
 * none; else a refresh of what changed, when a call was logged or something was edited.
 */
export function refreshSummaryIfStale(): void {
  const meta = storeMeta();
  if (!meta || Date.now() >= meta.until) {
    refreshSummary(openTracker(), true);
    return;
  }
  const { staleSince, refreshedAt } = summaryFreshness();
  const old = !refreshedAt || Date.now() - refreshedAt.getTime() >= MAX_SUMMARY_AGE_MS;
  if (loggedSinceRefresh() !== null || staleSince || old || pendingEdits())
    refreshSummary(openTracker(), false);
}

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The Call Log as this execution first asked it: the sheet and its last row (null: there is none). */
let seenLog: { sheet: Sheet; lastRow: number } | null | undefined;

/**
 * The Call Log, when it has rows past the last refresh (or there was none yet): a submit marks
 * nothing, so this is how upkeep knows calls were logged. Null when none were. Sheets is asked
 * once per execution (two calls), however many of upkeep's steps ask.
 */
export function loggedSinceRefresh(): { sheet: Sheet; lastRow: number } | null {
  if (seenLog === undefined) {
    const sheet = findSheet(activeSpreadsheet(), CALL_LOG);
    seenLog = sheet && { sheet, lastRow: sheet.getLastRow() };
  }
  const meta = storeMeta();
  return seenLog && (!meta || seenLog.lastRow !== meta.through.row) ? seenLog : null;
}

/** The menu's confirmation: what was refreshed, and what the leader should fix. */
export function refreshMessage(outcome: RefreshOutcome, unreadableSettings: readonly string[]): string {
  const parts = [`Summary and Families refreshed: ${outcome.staffShown} staff.`];
  if (unreadableSettings.length > 0)
    parts.push(
      `Settings not read, defaults used: ${unreadableSettings.join(', ')} (see the note on each in Settings).`,
    );
  const callProblems = outcome.problems.filter((p) => !p.startsWith('Settings: '));
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
  const outcome = refreshSummary(tracker);
  if (!outcome) throw busyError();
  toast(refreshMessage(outcome, unreadableNames(tracker)));
}
