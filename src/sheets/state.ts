/**
 * What runs between executions remember, in script properties: small flags the upkeep
 * trigger reads first, so a run with nothing to do costs one properties read.
 */
import {
  currentScriptProperty,
  deleteScriptProperty,
  scriptProperties,
  setScriptProperties,
} from './properties';

const SUMMARY_STALE_SINCE = 'summary.staleSince';
const SUMMARY_REFRESHED_AT = 'summary.refreshedAt';

/**
 * A logged call or a hand edit: the Summary no longer shows everything. Always written (one
 * call): a refresh that read before `now` must not clear it.
 */
export function markSummaryStale(now: Date): void {
  setScriptProperties({ [SUMMARY_STALE_SINCE]: now.toISOString() });
}

export interface SummaryFreshness {
  /** When the Summary first missed a change; null when it shows everything. */
  staleSince: Date | null;
  refreshedAt: Date | null;
}

/** Whether a refresh that read later than `readAt` has written the Summary already (checked under the lock). */
export function newerRefreshWritten(readAt: Date): boolean {
  const refreshedAt = currentScriptProperty(SUMMARY_REFRESHED_AT);
  return refreshedAt !== null && new Date(refreshedAt) > readAt;
}

export function summaryFreshness(): SummaryFreshness {
  const all = scriptProperties();
  const date = (key: string): Date | null => (all[key] ? new Date(all[key]) : null);
  return { staleSince: date(SUMMARY_STALE_SINCE), refreshedAt: date(SUMMARY_REFRESHED_AT) };
}

/**
 * A refresh that read the tabs at `readAt` is written: a change marked after that read stays
 * stale, so the next upkeep run refreshes again.
 */
export function markSummaryRefreshed(readAt: Date): void {
  const staleSince = currentScriptProperty(SUMMARY_STALE_SINCE);
  if (staleSince && new Date(staleSince) <= readAt) deleteScriptProperty(SUMMARY_STALE_SINCE);
  setScriptProperties({ [SUMMARY_REFRESHED_AT]: readAt.toISOString() });
}
