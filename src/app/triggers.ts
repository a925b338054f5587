/** Time triggers the tracker installs, never twice. */

export const HOURLY_REFRESH_HANDLER = 'refreshSummary';

/** Installs the hourly summary refresh unless it is there; true when it installed it. */
export function ensureHourlyRefresh(): boolean {
  const exists = ScriptApp.getProjectTriggers().some(
    (t) => t.getHandlerFunction() === HOURLY_REFRESH_HANDLER,
  );
  if (exists) return false;
  ScriptApp.newTrigger(HOURLY_REFRESH_HANDLER).timeBased().everyHours(1).create();
  return true;
}
