/**
 * Time triggers the tracker installs. The upkeep trigger runs every few minutes and does the
 * deferred work: refresh a stale Summary, create follow-ups that could not be written, send
 * pending alerts and digests. Apps Script shows each person only their own triggers, so one
 * leader cannot see, repair or delete another's: src/app/upkeep.ts decides whose one runs.
 */

export const UPKEEP_HANDLER = 'runUpkeep';
export const UPKEEP_EVERY_MINUTES = 5;
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

export const WEEKLY_DIGEST_HANDLER = 'runWeeklyDigests';

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
  const day = ScriptApp.WeekDay[weekday.toUpperCase() as keyof typeof ScriptApp.WeekDay];
  return ScriptApp.newTrigger(WEEKLY_DIGEST_HANDLER)
    .timeBased()
    .onWeekDay(day)
    .atHour(hour)
    .inTimezone(timeZone)
    .everyWeeks(1)
    .create()
    .getUniqueId();
}
