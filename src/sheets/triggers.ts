/**
 * Time triggers the tracker installs, never twice. Apps Script shows each person only their own
 * triggers, so the installer is remembered in script properties: a second leader running setup
 * does not add a second hourly refresh.
 */

export const HOURLY_REFRESH_HANDLER = 'refreshSummary';
const INSTALLED_BY = 'hourlyRefreshInstalledBy';

/** Installs the hourly summary refresh unless it is there; true when it installed it. */
export function ensureHourlyRefresh(email: string): boolean {
  const mine = ScriptApp.getProjectTriggers().some((t) => t.getHandlerFunction() === HOURLY_REFRESH_HANDLER);
  if (mine) return false;
  const properties = PropertiesService.getScriptProperties();
  const installedBy = properties.getProperty(INSTALLED_BY);
  if (installedBy && installedBy !== email) return false;
  ScriptApp.newTrigger(HOURLY_REFRESH_HANDLER).timeBased().everyHours(1).create();
  properties.setProperty(INSTALLED_BY, email);
  return true;
}
