/**
 * Keeping the protected tabs' editors in step with Staff: setup sets them, and after Staff is
 * edited the upkeep trigger brings them up to date (roles come from Staff, DESIGN §6).
 */
import { editorsFor } from '../core/access';
import { STAFF, TABS, TabSchema } from '../core/schema';
import { ProtectionPeople, syncProtectionEditors } from '../sheets/layout';
import { busyError, withDocumentLock } from '../sheets/lock';
import { effectiveEmail } from '../sheets/session';
import { markProtectionsCurrent, markProtectionsStale, protectionsStale } from '../sheets/state';
import { readStaffIfAny } from '../sheets/tabs';
import { isTab } from '../sheets/table';
import { openTracker } from '../sheets/tracker';
import { UPKEEP_EVERY_MINUTES } from '../sheets/triggers';

export function protectionPeople(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): ProtectionPeople {
  return {
    owner: ss.getOwner()?.getEmail().toLowerCase() ?? '',
    staff: readStaffIfAny(ss),
  };
}

/** onEdit: an edit of Staff may change who leads; the next upkeep run updates the editors. */
export function noteStaffEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (isTab(e.range.getSheet(), STAFF)) markProtectionsStale(new Date());
}

/** Upkeep step (and a district tracker's daily run, with its tabs): one properties read when Staff was not edited. */
export function syncProtectionsIfStale(tabs: readonly TabSchema[] = TABS): void {
  if (!protectionsStale()) return;
  // Cleared first: an edit of Staff during the update marks it again for the next run.
  markProtectionsCurrent();
  try {
    const tracker = openTracker();
    const people = protectionPeople(tracker.ss);
    const me = effectiveEmail();
    if (!editorsFor('leaders', people.owner, people.staff).includes(me)) {
      throw new Error(
        `${me} is no longer the owner or a Leader on Staff, so this trigger cannot change who may edit the protected tabs. A Leader should run Relationship Calls → Set up tracker.`,
      );
    }
    withDocumentLock(
      30_000,
      () => syncProtectionEditors(tracker.ss, tabs, people),
      () => {
        throw busyError();
      },
    );
  } catch (error) {
    markProtectionsStale(new Date());
    throw error;
  }
}

/**
 * The Summary (and every generated tab) is protected: only the owner, Leaders and Principals
 * write it. Anyone else asking for a refresh is told why, and the next upkeep run refreshes it.
 */
export function summaryRefreshRefusal(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  email: string,
): string | null {
  const people = protectionPeople(ss);
  if (email && editorsFor('leadersAndPrincipals', people.owner, people.staff).includes(email)) return null;
  return `Only principals and leaders can refresh the Summary from the menu: it is protected so that nobody can change its numbers by hand. It refreshes itself within ${UPKEEP_EVERY_MINUTES} minutes.`;
}
