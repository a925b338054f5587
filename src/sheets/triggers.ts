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
  const triggers = ScriptApp.getProjectTriggers();
  for (const t of triggers) if (t.getHandlerFunction() === OLD_HOURLY_HANDLER) ScriptApp.deleteTrigger(t);
  return triggers.some((t) => t.getHandlerFunction() === UPKEEP_HANDLER);
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
