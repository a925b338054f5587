/**
 * Time triggers the tracker installs, and how a handler knows a trigger started it. The upkeep
 * trigger runs every few minutes and does the deferred work: refresh a stale Summary, create
 * follow-ups that could not be written, send pending alerts and digests. Apps Script shows each
 * person only their own triggers, so one leader cannot see, repair or delete another's:
 * src/app/upkeep.ts decides whose one runs.
 */

export const UPKEEP_HANDLER = 'runUpkeep';
export const UPKEEP_EVERY_MINUTES = 5;
export const WEEKLY_DIGEST_HANDLER = 'runWeeklyDigests';

/**
 * Whether this run was started by one of the effective user's own installed triggers of
 * `handler`: its event's triggerUid is the unique id of such a trigger. Any editor can call a
 * top-level function through google.script.run, with any plain object as its event, but no
 * other person's trigger and no made-up id is among the running person's own triggers.
 */
export function startedByOwnTrigger(event: unknown, handler: string): boolean {
  const uid = (event as { triggerUid?: unknown } | null | undefined)?.triggerUid;
  if (typeof uid !== 'string' || uid === '') return false;
  return ScriptApp.getProjectTriggers().some(
    (t) => t.getUniqueId() === uid && t.getHandlerFunction() === handler,
  );
}

/** null when one of the running person's own triggers of `handler` started this run; else `refusal`, logged. */
export function refusedUnlessOwnTrigger(event: unknown, handler: string, refusal: string): string | null {
  if (startedByOwnTrigger(event, handler)) return null;
  console.log(refusal);
  return refusal;
}

/**
 * Whether `event` is the edit event Sheets hands onEdit: its range is a Range. google.script.run
 * carries only plain data, so an object made up in the browser never has one.
 */
export function isEditEvent(event: unknown): event is GoogleAppsScript.Events.SheetsOnEdit {
  const range = (event as { range?: { getSheet?: unknown } } | null | undefined)?.range;
  return typeof range?.getSheet === 'function';
}

/** The handler of the hourly refresh earlier versions installed; setup replaces it. */
const OLD_HOURLY_HANDLER = 'refreshSummary';

/** Whether the person running this has an upkeep trigger; drops their old hourly refresh. */
export function hasOwnUpkeepTrigger(): boolean {
  let found = false;
  for (const t of ScriptApp.getProjectTriggers()) {
    const handler = t.getHandlerFunction();
    if (handler === OLD_HOURLY_HANDLER) ScriptApp.deleteTrigger(t);
    found ||= handler === UPKEEP_HANDLER;
  }
  return found;
}

export function installUpkeepTrigger(): void {
  ScriptApp.newTrigger(UPKEEP_HANDLER).timeBased().everyMinutes(UPKEEP_EVERY_MINUTES).create();
}

/** Deletes the running person's upkeep triggers (another person's does the job). */
export function removeOwnUpkeepTriggers(): void {
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() === UPKEEP_HANDLER) ScriptApp.deleteTrigger(t);
  }
}

/** Removes this user's weekly digest triggers; how many there were. */
export function removeWeeklyDigestTriggers(): number {
  let removed = 0;
  for (const t of ScriptApp.getProjectTriggers()) {
    if (t.getHandlerFunction() !== WEEKLY_DIGEST_HANDLER) continue;
    ScriptApp.deleteTrigger(t);
    removed++;
  }
  return removed;
}

/** Removes this user's trigger with that id (a trigger may end itself). */
export function removeTrigger(triggerId: string): void {
  for (const t of ScriptApp.getProjectTriggers())
    if (t.getUniqueId() === triggerId) ScriptApp.deleteTrigger(t);
}

/** Replaces this user's weekly digest trigger with one on `weekday` at `hour` in `timeZone`; its id. */
export function installWeeklyDigestTrigger(weekday: string, hour: number, timeZone: string): string {
  removeWeeklyDigestTriggers();
  return installWeekly(WEEKLY_DIGEST_HANDLER, weekday, hour, timeZone);
}

/** A trigger of `handler` every week on `weekday` at `hour` in `timeZone`: its id. */
function installWeekly(handler: string, weekday: string, hour: number, timeZone: string): string {
  const day = ScriptApp.WeekDay[weekday.toUpperCase() as keyof typeof ScriptApp.WeekDay];
  return ScriptApp.newTrigger(handler)
    .timeBased()
    .onWeekDay(day)
    .atHour(hour)
    .inTimezone(timeZone)
    .everyWeeks(1)
    .create()
    .getUniqueId();
}

export const DISTRICT_REFRESH_HANDLER = 'runDistrictRefresh';
export const DISTRICT_DIGEST_HANDLER = 'runDistrictDigest';
/** The district tracker refreshes every morning before people read it. */
export const DISTRICT_REFRESH_HOUR = 5;

export interface DistrictTriggerIds {
  refresh: string;
  digest: string;
}

/**
 * Replaces this user's district triggers: a daily refresh of the District tab, and the weekly
 * district digest on `weekday` at `hour` in `timeZone`. Their ids.
 */
export function installDistrictTriggers(weekday: string, hour: number, timeZone: string): DistrictTriggerIds {
  for (const t of ScriptApp.getProjectTriggers()) {
    const handler = t.getHandlerFunction();
    if (handler === DISTRICT_REFRESH_HANDLER || handler === DISTRICT_DIGEST_HANDLER)
      ScriptApp.deleteTrigger(t);
  }
  const refresh = ScriptApp.newTrigger(DISTRICT_REFRESH_HANDLER)
    .timeBased()
    .everyDays(1)
    .atHour(DISTRICT_REFRESH_HOUR)
    .inTimezone(timeZone)
    .create()
    .getUniqueId();
  const digest = installWeekly(DISTRICT_DIGEST_HANDLER, weekday, hour, timeZone);
  return { refresh, digest };
}
