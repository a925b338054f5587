/**
 * The entry points Apps Script calls (menus, triggers, google.script.run). Each is glue:
 * the work is in src/app. The build makes every export here a top-level function.
 */
import * as access from './app/access';
import * as calls from './app/calls';
import * as checks from './app/checks';
import * as digests from './app/digests';
import * as followUps from './app/followUps';
import * as settings from './app/settings';
import * as setup from './app/setup';
import * as summary from './app/summary';
import * as upkeep from './app/upkeep';
import { rememberingEdit } from './sheets/editEvent';
import { fromMenu, showSidebar } from './sheets/ui';
import { addMenu } from './ui/menu';

export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(SpreadsheetApp.getUi());
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function onEdit(event: GoogleAppsScript.Events.SheetsOnEdit): void {
  const e = rememberingEdit(event);
  access.noteStaffEdit(e);
  checks.markHandEdit(e);
  followUps.followUpsOnEdit(e);
  summary.noteHandEdit(e, new Date());
  settings.markSettingsEdit(e);
}

export function showCallForm(): void {
  fromMenu('Log a call', showSidebar);
}

export function getCallFormData(): ReturnType<typeof calls.getCallFormData> {
  return calls.getCallFormData();
}

export function submitCall(input: unknown): ReturnType<typeof calls.submitCall> {
  return calls.submitCall(input);
}

export function setUpTracker(): void {
  fromMenu('Set up tracker', setup.setUpTrackerFromMenu);
}

export function checkCallLog(): void {
  fromMenu('Check call log', checks.showCallLogCheck);
}

/** From the menu: a toast, or an alert on error. */
export function refreshSummary(): void {
  fromMenu('Refresh summary', summary.refreshSummaryFromMenu);
}

/** The upkeep time trigger (every few minutes): deferred refreshes, follow-ups, alerts and digests. */
export function runUpkeep(_e?: GoogleAppsScript.Events.TimeDriven): void {
  upkeep.runUpkeep();
}

export function previewDigest(): void {
  fromMenu('Preview digest', digests.previewDigest);
}

/** Preview digest's chooser (google.script.run): checks who is asking itself. */
export function getDigestPreview(scope: unknown): ReturnType<typeof digests.getDigestPreview> {
  return digests.getDigestPreview(scope);
}

export function sendDigestsNow(): void {
  fromMenu('Send digests now', digests.sendDigestsNow);
}

export function scheduleWeeklyDigests(): void {
  fromMenu('Schedule weekly digests', digests.scheduleWeeklyDigests);
}

export function stopWeeklyDigests(): void {
  fromMenu('Stop weekly digests', digests.stopWeeklyDigests);
}

/** The weekly digest trigger. */
export function runWeeklyDigests(e?: GoogleAppsScript.Events.TimeDriven): void {
  digests.runWeeklyDigests(e?.triggerUid);
}
