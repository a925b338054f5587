/**
 * The entry points Apps Script calls (menus, triggers, google.script.run). Each is glue:
 * the work is in src/app. The build makes every export here a top-level function.
 */
import * as access from './app/access';
import * as callFixes from './app/callFixes';
import * as calls from './app/calls';
import * as checks from './app/checks';
import * as digests from './app/digests';
import * as district from './app/district';
import * as followUps from './app/followUps';
import * as handEdits from './app/handEdits';
import * as mySchool from './app/mySchool';
import { menuAudience } from './app/people';
import * as settings from './app/settings';
import * as schoolYear from './app/schoolYear';
import * as setup from './app/setup';
import * as summary from './app/summary';
import * as upkeep from './app/upkeep';
import { rememberingEdit } from './sheets/editEvent';
import { editorOf } from './sheets/session';
import { isEditEvent } from './sheets/triggers';
import { fromMenu, showSidebar } from './sheets/ui';
import { addMenu } from './ui/menu';
import { menuKind } from './sheets/kind';

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  addMenu(SpreadsheetApp.getUi(), menuKind(e?.authMode), menuAudience(e?.authMode));
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

export function onEdit(event: unknown): void {
  // Sheets' own edit event only: called from the sidebar with a made-up one, nothing happens.
  if (!isEditEvent(event)) return;
  const e = rememberingEdit(event);
  const editor = editorOf(e);
  const now = new Date();
  access.noteStaffEdit(e);
  handEdits.identifyTypedRows(e, editor, now);
  checks.markHandEdit(e);
  followUps.followUpsOnEdit(e, editor);
  summary.noteHandEdit(e, now);
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

/** Menu (principals and leaders): the school's four answers in the sidebar. */
export function showMySchool(): void {
  fromMenu('My school', mySchool.showMySchool);
}

/** "My school" (google.script.run): checks who is asking itself; a principal sees only their school. */
export function getMySchool(school: unknown): ReturnType<typeof mySchool.getMySchool> {
  return mySchool.getMySchool(school);
}

/** My recent calls → Edit (sidebar): the call in the form, for its caller, their principal or a leader. */
export function getCallToEdit(callId: unknown): ReturnType<typeof callFixes.getCallToEdit> {
  return callFixes.getCallToEdit(callId);
}

/** The form's Save changes (sidebar): rewrites and signs the call again; checks who is asking itself. */
export function editCall(callId: unknown, input: unknown): ReturnType<typeof callFixes.editCall> {
  return callFixes.editCall(callId, input);
}

/** My recent calls → Logged by mistake (sidebar): kept, marked Withdrawn, counted nowhere. */
export function withdrawCall(callId: unknown): ReturnType<typeof callFixes.withdrawCall> {
  return callFixes.withdrawCall(callId);
}

export function setUpTracker(): void {
  fromMenu('Set up tracker', setup.setUpTrackerFromMenu);
}

/** Menu (owner, Leaders), in a copy of last year's tracker: makes it this year's. Checks who is asking itself. */
export function startNewSchoolYear(): void {
  fromMenu('Start a new school year', schoolYear.startNewSchoolYear);
}

/** Menu (owner, Leaders), in last year's tracker once this year's is started. Checks who is asking itself. */
export function closeSchoolYear(): void {
  fromMenu('Close this school year', schoolYear.closeSchoolYear);
}

export function checkCallLog(): void {
  fromMenu('Check call log', checks.showCallLogCheck);
}

/** From the menu: a toast, or an alert on error. */
export function refreshSummary(): void {
  fromMenu('Refresh summary', summary.refreshSummaryFromMenu);
}

/** The upkeep time trigger (every few minutes): deferred refreshes, follow-ups, alerts and digests. */
export function runUpkeep(e?: GoogleAppsScript.Events.TimeDriven): string {
  return upkeep.runUpkeep(e);
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
export function runWeeklyDigests(e?: GoogleAppsScript.Events.TimeDriven): string {
  return digests.runWeeklyDigests(e);
}

/** A spreadsheet of its own becomes a district tracker over school trackers (owner or Leader). */
export function setUpDistrictRollup(): void {
  fromMenu('Set up district rollup', district.setUpDistrictRollupFromMenu);
}

/** Reads every listed school tracker into the District tab now (owner or Leader). */
export function refreshDistrictRollup(): void {
  fromMenu('Refresh district rollup', district.refreshDistrictRollupFromMenu);
}

export function previewDistrictDigest(): void {
  fromMenu('Preview district digest', district.previewDistrictDigest);
}

export function sendDistrictDigestNow(): void {
  fromMenu('Send district digest now', district.sendDistrictDigestNow);
}

/** The district tracker's daily trigger. */
export function runDistrictRefresh(e?: GoogleAppsScript.Events.TimeDriven): string {
  return district.runDistrictRefresh(e);
}

/** The district tracker's weekly digest trigger. */
export function runDistrictDigest(e?: GoogleAppsScript.Events.TimeDriven): string {
  return district.runDistrictDigest(e);
}
