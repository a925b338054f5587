/**
 * Time triggers the tracker installs. The upkeep trigger runs every few minutes and does the
 * deferred work: refresh a stale Summary, create follow-ups that could not be written, send
 * pending alerts and digests. Apps Script shows each person only their own triggers.
 */

export const UPKEEP_HANDLER = 'runUpkeep';
export const UPKEEP_EVERY_MINUTES = 5;
/** The handler of the hourly refresh earlier versions installed; setup replaces it. */
const OLD_HOURLY_HANDLER = 'refreshSummary';

/** Installs the upkeep trigger unless this user has it; true when it installed it. */
export function ensureUpkeepTrigger(): boolean {
  const triggers = ScriptApp.getProjectTriggers();
  for (const t of triggers) if (t.getHandlerFunction() === OLD_HOURLY_HANDLER) ScriptApp.deleteTrigger(t);
  if (triggers.some((t) => t.getHandlerFunction() === UPKEEP_HANDLER)) return false;
  ScriptApp.newTrigger(UPKEEP_HANDLER).timeBased().everyMinutes(UPKEEP_EVERY_MINUTES).create();
  return true;
}
