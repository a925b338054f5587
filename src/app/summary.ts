/**
 * Refreshing the Summary, Families and the schools' states. From the menu, and once a day from
 * upkeep, a full rebuild (src/app/rebuild.ts); otherwise upkeep refreshes only what changed since
 * (src/app/update.ts), and falls back to the full rebuild when that cannot be done. One refresh
 * at a time: a lease in document properties (taken and given back in short holds of the document
 * lock), so a refresh of many seconds never makes a teacher's submit wait on the lock.
 */
import { editedHeaderRow } from '../sheets/editEvent';
import { normalizeName } from '../core/households';
import { ALERT_ROUTES, CALL_LOG, FOLLOW_UPS, ROSTER, SCHOOLS, SETTINGS_TAB, STAFF } from '../core/schema';
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
import { indexColumns } from '../sheets/table';
import { activeSpreadsheet, openTracker, Tracker } from '../sheets/tracker';
import { alert, toast } from '../sheets/ui';
import { summaryRefreshRefusal } from './access';
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
const SUMMARY_SOURCES = new Set([
  CALL_LOG.name,
  FOLLOW_UPS.name,
  SCHOOLS.name,
  ROSTER.name,
  STAFF.name,
  SETTINGS_TAB.name,
]);

const CONTEXT_SOURCES = new Set([SETTINGS_TAB.name, ALERT_ROUTES.name]);
const HEADER_SOURCES = new Set([CALL_LOG.name, STAFF.name]);

/**
 * A hand edit (onEdit): the Summary is stale, and the edit is recorded for the sidebars and the
 * next refresh: which Call Log and Follow-ups rows, the schools of those Call Log rows, and
 * whether Staff, Roster or Settings changed. A constant number of service calls.
 */
export function noteHandEdit(e: GoogleAppsScript.Events.SheetsOnEdit, now: Date): void {
  const sheet = e.range.getSheet();
  const name = sheet.getName();
  // What submits were told of these (src/sheets/formContext.ts) may no longer hold.
  if (CONTEXT_SOURCES.has(name) || (HEADER_SOURCES.has(name) && e.range.getRow() === 1)) forgetFormContext();
  if (!SUMMARY_SOURCES.has(name)) return;
  const first = Math.max(e.range.getRow(), 2);
  const last = e.range.getRow() + e.range.getNumRows() - 1;
  const rows: RowRuns = last >= first ? [[first, last]] : [];
  let edit: EditInput | null = null;
  if (name === CALL_LOG.name && rows.length > 0) edit = callLogEdit(sheet, first, last);
  else if (name === FOLLOW_UPS.name && rows.length > 0) edit = { followUps: rows };
  else if (name === STAFF.name) edit = { staff: true };
  else if (name === ROSTER.name) edit = { roster: true };
  else if (name === SETTINGS_TAB.name) edit = { settings: true };
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
  // A submit marks nothing: the log having rows past the last refresh says a call was logged.
  const log = activeSpreadsheet().getSheetByName(CALL_LOG.name);
  const logged = log !== null && log.getLastRow() !== meta.through.row;
  if (staleSince || old || logged || pendingEdits()) refreshSummary(openTracker(), false);
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
