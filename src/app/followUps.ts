/**
 * Follow-ups a call raises: an urgent note, or a household still unreached after the hand-off
 * number of attempts. One row each on the Follow-ups tab.
 */
import { CallRecord } from '../core/records';
import { FOLLOW_UPS, REACHED_OUTCOME } from '../core/schema';
import { appendRows, readOptionalTable, rowFor } from '../sheets/table';
import { readSchools } from '../sheets/tabs';
import { Tracker } from '../sheets/tracker';

/** What is known of a household's calls, this call included. */
export interface HouseholdHistory {
  attempts: number;
  firstConversation: CallRecord | null;
}

/** Follow-ups this call raises: an urgent note, or a household still unreached after the hand-off count. */
export function followUpsFor(
  tracker: Tracker,
  record: CallRecord,
  history: HouseholdHistory | undefined,
): string[] {
  const reasons: string[] = [];
  if (record.urgent) reasons.push(`Urgent: ${record.urgentReason}`);
  const attempts = history?.attempts ?? 0;
  const handOff = tracker.settings.attemptsBeforeHandOff;
  if (record.outcome !== REACHED_OUTCOME && !history?.firstConversation && attempts === handOff) {
    reasons.push(`Not reached after ${handOff} attempts: needs a plan to reach the family.`);
  }
  return reasons;
}

export function appendFollowUps(tracker: Tracker, record: CallRecord, reasons: readonly string[]): void {
  const table = readOptionalTable(tracker.ss, FOLLOW_UPS);
  if (!table)
    throw new Error(`The "${FOLLOW_UPS.name}" tab is missing. Run Relationship Calls → Set up tracker.`);
  const school = readSchools(tracker.ss, tracker.sheetTimeZone).find(
    (s) => s.school.toLowerCase() === record.school.toLowerCase(),
  );
  const rows = reasons.map((reason) =>
    rowFor(table, {
      callId: record.callId,
      flaggedAt: tracker.now,
      school: record.school,
      staff: record.staffName,
      student: record.student,
      reason,
      assignedTo: (school?.followUpEmails ?? []).join(', '),
      status: 'Open',
    }),
  );
  appendRows(table, rows, table.rows.length + 1);
}
