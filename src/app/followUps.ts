/**
 * Follow-ups a call raises: an urgent note, or a household still unreached after the hand-off
 * number of attempts. One row each on the Follow-ups tab.
 */
import { CallRecord, School } from '../core/records';
import { HAND_OFF_REASON_PREFIX } from '../core/snapshot';
import { appendRows, rowFor, Table } from '../sheets/table';
import { Tracker } from '../sheets/tracker';

/** Follow-ups this call raises: its urgent note, and the hand-off when it took the household past it. */
export function followUpsFor(tracker: Tracker, record: CallRecord, raisesHandOff: boolean): string[] {
  const reasons: string[] = [];
  if (record.urgent) reasons.push(`Urgent: ${record.urgentReason}`);
  const handOff = tracker.settings.attemptsBeforeHandOff;
  if (raisesHandOff)
    reasons.push(`${HAND_OFF_REASON_PREFIX} ${handOff} attempts: needs a plan to reach the family.`);
  return reasons;
}

/** Appends the follow-up rows after the tab's last row: `table` is its header row (readHeaderRow). */
export function appendFollowUps(
  tracker: Tracker,
  table: Table,
  school: School | undefined,
  record: CallRecord,
  reasons: readonly string[],
): void {
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
  appendRows(table, rows, table.sheet.getLastRow());
}
