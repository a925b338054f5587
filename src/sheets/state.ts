/**
 * What runs between executions remember, in script properties: small flags the upkeep
 * trigger reads first, so a run with nothing to do costs one properties read.
 */

const SUMMARY_STALE_SINCE = 'summary.staleSince';
const SUMMARY_REFRESHED_AT = 'summary.refreshedAt';

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

const SIGNING_KEY = 'signature.key';

/** The key the form signs Call Log rows with; null before the first signed row. */
export function signingKey(): string | null {
  return properties().getProperty(SIGNING_KEY);
}

/**
 * The signing key, made on first use from two random UUIDs (244 random bits). Callers hold the
 * document lock, so two first submits cannot each make a key and sign with the one that is lost.
 */
export function signingKeyOrCreate(): string {
  const existing = signingKey();
  if (existing) return existing;
  const key = `${Utilities.getUuid()}${Utilities.getUuid()}`.replace(/-/g, '');
  properties().setProperty(SIGNING_KEY, key);
  return key;
}

const UPKEEP_LAST_RUN = 'upkeep.lastRun';
const UPKEEP_INSTALLED = 'upkeep.installed';

/** When someone's upkeep trigger last finished a run, or was installed, and whose it is. */
export interface UpkeepMark {
  at: Date;
  by: string;
}

function readMark(key: string): UpkeepMark | null {
  const raw = properties().getProperty(key);
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
  properties().setProperty(key, JSON.stringify({ at: mark.at.toISOString(), by: mark.by }));
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
  const props = properties();
  if (!props.getProperty(PROTECTIONS_STALE)) props.setProperty(PROTECTIONS_STALE, now.toISOString());
}

export function protectionsStale(): boolean {
  return properties().getProperty(PROTECTIONS_STALE) !== null;
}

export function markProtectionsCurrent(): void {
  const props = properties();
  if (props.getProperty(PROTECTIONS_STALE) !== null) props.deleteProperty(PROTECTIONS_STALE);
}
