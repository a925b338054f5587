/**
 * What runs between executions remember, in the document properties (src/sheets/properties.ts): small flags the upkeep
 * trigger reads first, so a run with nothing to do costs one properties read.
 */
import {
  currentTrackerProperty,
  deleteTrackerProperty,
  trackerProperties,
  setTrackerProperties,
} from './properties';

const SUMMARY_STALE_SINCE = 'summary.staleSince';
const SUMMARY_REFRESHED_AT = 'summary.refreshedAt';
const ALERTS_PENDING_SINCE = 'alerts.pendingMarkedAt';

/**
 * A logged call or a hand edit: the Summary no longer shows everything. Always written (one
 * call): a refresh that read before `now` must not clear it.
 */
export function markSummaryStale(now: Date): void {
  setTrackerProperties(summaryStale(now));
}

/** The properties that say the Summary is stale, for a caller that writes them with others. */
export function summaryStale(now: Date): Record<string, string> {
  return { [SUMMARY_STALE_SINCE]: now.toISOString() };
}

export interface SummaryFreshness {
  /** When the Summary first missed a change; null when it shows everything. */
  staleSince: Date | null;
  refreshedAt: Date | null;
}

/** Whether a refresh that read later than `readAt` has written the Summary already (checked under the lock). */
export function newerRefreshWritten(readAt: Date): boolean {
  const refreshedAt = currentTrackerProperty(SUMMARY_REFRESHED_AT);
  return refreshedAt !== null && new Date(refreshedAt) > readAt;
}

export function summaryFreshness(): SummaryFreshness {
  const all = trackerProperties();
  const date = (key: string): Date | null => (all[key] ? new Date(all[key]) : null);
  return { staleSince: date(SUMMARY_STALE_SINCE), refreshedAt: date(SUMMARY_REFRESHED_AT) };
}

/**
 * A refresh that read the tabs at `readAt` is written: a change marked after that read stays
 * stale, so the next upkeep run refreshes again.
 */
export function markSummaryRefreshed(readAt: Date): void {
  const staleSince = currentTrackerProperty(SUMMARY_STALE_SINCE);
  if (staleSince && new Date(staleSince) <= readAt) deleteTrackerProperty(SUMMARY_STALE_SINCE);
  setTrackerProperties({ [SUMMARY_REFRESHED_AT]: readAt.toISOString() });
}

const DIGESTS_RESERVE = 'digests.reserve';

/** Emails the week's digests take: quota upkeep's alerts leave for them (the last weekly run's count). */
export function digestReserve(): number {
  return Number(trackerProperties()[DIGESTS_RESERVE] ?? 0) || 0;
}

export function setDigestReserve(emails: number): void {
  if (digestReserve() !== emails) setTrackerProperties({ [DIGESTS_RESERVE]: String(emails) });
}

const DIGESTS_SCHEDULE = 'digests.schedule';

/** The one weekly digest trigger: its id and who installed it (Apps Script shows each person only their own). */
export interface DigestSchedule {
  triggerId: string;
  by: string;
}

/** As it is now: a leader may have scheduled again since this execution read its properties. */
export function digestSchedule(): DigestSchedule | null {
  const raw = currentTrackerProperty(DIGESTS_SCHEDULE);
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
  if (schedule) setTrackerProperties({ [DIGESTS_SCHEDULE]: JSON.stringify(schedule) });
  else deleteTrackerProperty(DIGESTS_SCHEDULE);
}

/** An alert could not be sent now (or a follow-up was added by the refresh): upkeep sends it. */
export function markAlertsPending(now: Date): void {
  // The latest mark, not the first: a sender clears the flag only when it read after every mark.
  setTrackerProperties({ [ALERTS_PENDING_SINCE]: now.toISOString() });
}

/** When an alert was last left waiting; null when none waits (upkeep then reads no tab for them). */
export function alertsPendingSince(): Date | null {
  const since = trackerProperties()[ALERTS_PENDING_SINCE];
  return since ? new Date(since) : null;
}

/** A sender that read Follow-ups at `readAt` left nothing waiting: clears the flag unless set after that read. */
export function markAlertsDone(readAt: Date): void {
  const since = currentTrackerProperty(ALERTS_PENDING_SINCE);
  if (since && new Date(since) <= readAt) deleteTrackerProperty(ALERTS_PENDING_SINCE);
}

const SIGNING_KEY = 'signature.key';

/** The key the form signs Call Log rows with; null before the first signed row. */
export function signingKey(): string | null {
  return trackerProperties()[SIGNING_KEY] ?? null;
}

/**
 * The signing key, made on first use from two random UUIDs (244 random bits) under the script
 * lock, so two first submits cannot each make a key and sign with the one that is lost. Setup
 * makes it, so submits normally only read it.
 */
export function signingKeyOrCreate(): string {
  const existing = signingKey();
  if (existing) return existing;
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000))
    throw new Error('The tracker is busy. Nothing was saved; try again in a moment.');
  try {
    const made = currentTrackerProperty(SIGNING_KEY);
    if (made) return made;
    const key = `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
    setTrackerProperties({ [SIGNING_KEY]: key });
    return key;
  } finally {
    lock.releaseLock();
  }
}

const UPKEEP_LAST_RUN = 'upkeep.lastRun';
const UPKEEP_INSTALLED = 'upkeep.installed';

/** When someone's upkeep trigger last finished a run, or was installed, and whose it is. */
export interface UpkeepMark {
  at: Date;
  by: string;
}

function readMark(key: string): UpkeepMark | null {
  const raw = trackerProperties()[key];
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { at?: unknown; by?: unknown };
    const at = new Date(String(parsed.at));
    return isNaN(at.getTime()) ? null : { at, by: String(parsed.by ?? '') };
  } catch {
    return null;
  }
}

function writeMark(key: string, mark: UpkeepMark): void {
  setTrackerProperties({ [key]: JSON.stringify({ at: mark.at.toISOString(), by: mark.by }) });
}

/** The last upkeep run that did every step. */
export function lastUpkeepRun(): UpkeepMark | null {
  return readMark(UPKEEP_LAST_RUN);
}

export function recordUpkeepRun(mark: UpkeepMark): void {
  writeMark(UPKEEP_LAST_RUN, mark);
}

/** The last upkeep trigger setup installed (it first runs a few minutes later). */
export function upkeepInstalled(): UpkeepMark | null {
  return readMark(UPKEEP_INSTALLED);
}

export function recordUpkeepInstalled(mark: UpkeepMark): void {
  writeMark(UPKEEP_INSTALLED, mark);
}

const PROTECTIONS_STALE = 'protections.stale';

/** Staff was edited: who may edit the protected tabs may have changed. */
export function markProtectionsStale(now: Date): void {
  if (!trackerProperties()[PROTECTIONS_STALE])
    setTrackerProperties({ [PROTECTIONS_STALE]: now.toISOString() });
}

export function protectionsStale(): boolean {
  return trackerProperties()[PROTECTIONS_STALE] !== undefined;
}

export function markProtectionsCurrent(): void {
  if (trackerProperties()[PROTECTIONS_STALE] !== undefined) deleteTrackerProperty(PROTECTIONS_STALE);
}
