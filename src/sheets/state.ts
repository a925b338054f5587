/**
 * What runs between executions remember, in script properties: small flags the upkeep
 * trigger reads first, so a run with nothing to do costs one properties read.
 */

const SUMMARY_STALE_SINCE = 'summary.staleSince';
const SUMMARY_REFRESHED_AT = 'summary.refreshedAt';
const ALERTS_PENDING_SINCE = 'alerts.pendingMarkedAt';

function properties(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getScriptProperties();
}

/** A logged call or a hand edit: the Summary no longer shows everything. Keeps the first time. */
export function markSummaryStale(now: Date): void {
  const props = properties();
  if (!props.getProperty(SUMMARY_STALE_SINCE)) props.setProperty(SUMMARY_STALE_SINCE, now.toISOString());
}

export interface SummaryFreshness {
  /** When the Summary first missed a change; null when it shows everything. */
  staleSince: Date | null;
  refreshedAt: Date | null;
}

export function summaryFreshness(): SummaryFreshness {
  const all = properties().getProperties();
  const date = (key: string): Date | null => (all[key] ? new Date(all[key]) : null);
  return { staleSince: date(SUMMARY_STALE_SINCE), refreshedAt: date(SUMMARY_REFRESHED_AT) };
}

/**
 * A refresh that read the tabs at `readAt` is written: a change marked after that read stays
 * stale, so the next upkeep run refreshes again.
 */
export function markSummaryRefreshed(readAt: Date): void {
  const props = properties();
  const staleSince = props.getProperty(SUMMARY_STALE_SINCE);
  if (staleSince && new Date(staleSince) <= readAt) props.deleteProperty(SUMMARY_STALE_SINCE);
  props.setProperty(SUMMARY_REFRESHED_AT, readAt.toISOString());
}

/** An alert could not be sent now (or a follow-up was added by the refresh): upkeep sends it. */
export function markAlertsPending(now: Date): void {
  // The latest mark, not the first: a sender clears the flag only when it read after every mark.
  properties().setProperty(ALERTS_PENDING_SINCE, now.toISOString());
}

/** When an alert was last left waiting; null when none waits (upkeep then reads no tab for them). */
export function alertsPendingSince(): Date | null {
  const since = properties().getProperty(ALERTS_PENDING_SINCE);
  return since ? new Date(since) : null;
}

/** A sender that read Follow-ups at `readAt` left nothing waiting: clears the flag unless set after that read. */
export function markAlertsDone(readAt: Date): void {
  const props = properties();
  const since = props.getProperty(ALERTS_PENDING_SINCE);
  if (since && new Date(since) <= readAt) props.deleteProperty(ALERTS_PENDING_SINCE);
}
