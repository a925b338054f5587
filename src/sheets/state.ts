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

const DIGESTS_PENDING = 'digests.pending';
const DIGESTS_SCHEDULE = 'digests.schedule';

/** Some digest waits for email quota: upkeep tries again. */
export function markDigestsPending(pending: boolean): void {
  if (pending === digestsPending()) return;
  if (pending) setScriptProperties({ [DIGESTS_PENDING]: 'yes' });
  else deleteScriptProperty(DIGESTS_PENDING);
}

export function digestsPending(): boolean {
  return scriptProperties()[DIGESTS_PENDING] === 'yes';
}

/** The one weekly digest trigger: its id and who installed it (Apps Script shows each person only their own). */
export interface DigestSchedule {
  triggerId: string;
  by: string;
}

/** As it is now: a leader may have scheduled again since this execution read its properties. */
export function digestSchedule(): DigestSchedule | null {
  const raw = currentScriptProperty(DIGESTS_SCHEDULE);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Partial<DigestSchedule>;
    return typeof parsed.triggerId === 'string' && typeof parsed.by === 'string'
      ? { triggerId: parsed.triggerId, by: parsed.by }
      : null;
  } catch {
    return null;
  }
}

export function setDigestSchedule(schedule: DigestSchedule | null): void {
  if (schedule) setScriptProperties({ [DIGESTS_SCHEDULE]: JSON.stringify(schedule) });
  else deleteScriptProperty(DIGESTS_SCHEDULE);
}
