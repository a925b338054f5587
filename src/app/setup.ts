/** "Set up tracker": create or repair every tab and its protections, then make sure upkeep runs. */
import { forgetFormContext } from '../sheets/formContext';
import { DISTRICT, FOLLOW_UPS, TABS } from '../core/schema';
import { ensureOverdueHighlight, migrateUrgentPhrases, seedAlertRoutes } from '../sheets/alertSetup';
import { ensureSettings, layOutTabs, noChanges, SetupChanges } from '../sheets/layout';
import { openTracker } from '../sheets/tracker';
import { activeEmail } from '../sheets/session';
import { markProtectionsCurrent, signingKeyOrCreate } from '../sheets/state';
import { alert } from '../sheets/ui';
import { setTrackerKind, trackerKind } from '../sheets/kind';
import { findSheet } from '../sheets/table';
import { protectionPeople } from './access';
import { BLANK_EMAIL_MESSAGE, hasRole, staffRowsOf } from './people';
import { markUnreadableSettings } from './settings';
import { ensureUpkeep } from './upkeep';
import { closedYearMessage, freshCopyMessage, freshCopyOf, recordTrackerOrigin } from './trackerOrigin';
import { yearClosed } from '../sheets/yearState';
import { startLedgerIfEmpty } from './followUps';
import { ProtectionPeople } from '../sheets/layout';

/**
 * What changes every tab (setup, a new school year, closing one) is for the spreadsheet's owner
 * or a Leader on Staff. Before Staff has a Leader, the owner (a shared-drive file has no owner:
 * then any editor). `what` is what the person asked to do, in words.
 */
export function ownerOrLeaderRefusal(people: ProtectionPeople, email: string, what: string): string | null {
  if (!email) return BLANK_EMAIL_MESSAGE;
  if (people.owner && people.owner === email) return null;
  const leaders = people.staff.filter((s) => s.role === 'Leader');
  if (hasRole(staffRowsOf(people.staff, email), 'Leader')) return null;
  if (!people.owner && leaders.length === 0) return null;
  return leaders.length > 0
    ? `Only the spreadsheet's owner or a Leader on the Staff tab can ${what}. Ask ${leaders[0].name || leaders[0].email}.`
    : `Only the spreadsheet's owner can ${what} until a Leader is on the Staff tab.`;
}

export function setupRefusal(people: ProtectionPeople, email: string): string | null {
  return ownerOrLeaderRefusal(people, email, 'set up the tracker');
}

export function setUpTracker(): SetupChanges {
  const tracker = openTracker();
  const email = activeEmail();
  const people = protectionPeople(tracker.ss);
  const refusal = setupRefusal(people, email);
  if (refusal) throw new Error(refusal);
  const kind = trackerKind();
  if (kind === 'district' || (kind === null && findSheet(tracker.ss, DISTRICT)))
    throw new Error(
      'This spreadsheet is a district tracker: it holds numbers from school trackers, never calls. Set up a school tracker in a spreadsheet of its own, and list its link on the Trackers tab here.',
    );
  const changes = noChanges();
  const closed = yearClosed();
  // Checks take no lock: only a write that lands beside people's (a row appended, a tab created) holds it, briefly.
  const { tabs, full } = layOutTabs(tracker.ss, TABS, people, changes, closed !== null);
  seedAlertRoutes(tracker.ss, changes);
  const context = { today: tracker.today, timeZone: tracker.sheetTimeZone };
  const settings = ensureSettings(tracker.ss, context, changes, full);
  migrateUrgentPhrases(tracker.ss, changes, settings.table);
  const followUps = tabs.get(FOLLOW_UPS);
  if (followUps) ensureOverdueHighlight(followUps, settings.table, changes);
  markUnreadableSettings(tracker, settings);
  markProtectionsCurrent();
  setTrackerKind('school');
  // Headers and settings may have changed: submits read them again until a sidebar opens.
  forgetFormContext();
  // A fresh copy of last year's tracker stays inert until a Leader starts the new school year in it.
  const copyOf = freshCopyOf(tracker.ss, settings);
  if (copyOf) {
    changes.problems.push(freshCopyMessage(copyOf));
    return changes;
  }
  recordTrackerOrigin(tracker.ss, settings);
  signingKeyOrCreate();
  startLedgerIfEmpty(tracker.ss);
  if (closed) {
    changes.problems.push(closedYearMessage() ?? '');
    return changes;
  }
  const upkeep = ensureUpkeep(email, tracker.now, tracker.sheetTimeZone);
  if (upkeep) changes.repaired.push(upkeep);
  return changes;
}

export function describeChanges(changes: SetupChanges): string {
  const lines: string[] = [];
  if (changes.created.length > 0) lines.push(`Created: ${changes.created.join(', ')}.`);
  if (changes.headersAdded.length > 0)
    lines.push(`Added missing columns at the end of row 1: ${changes.headersAdded.join('; ')}.`);
  if (changes.repaired.length > 0) lines.push(`Repaired: ${changes.repaired.join('; ')}.`);
  if (changes.problems.length > 0) lines.push(`Still to do: ${changes.problems.join(' ')}`);
  if (lines.length === 0) lines.push('Everything was already in place; nothing was changed.');
  lines.push('No data was moved, cleared or overwritten.');
  return lines.join('\n\n');
}

export function setUpTrackerFromMenu(): void {
  alert('Set up tracker', describeChanges(setUpTracker()));
}
