/**
 * Sending urgent alerts: never lost, never twice. An alert is sent only by the execution whose
 * claim (`Sending since … (run …)`) its Alert cell holds, and every claim is made under the
 * document lock: a submit claims its own alert as it appends the row; upkeep claims pending ones.
 * Sending happens after the lock is released. Whatever cannot be sent now stays pending, and
 * upkeep tries again.
 */
import { shortDay, stamp } from '../core/dates';
import { ALERT_TEXT, awaitsSending, categoriesOf, isHandOff, PENDING_WHY } from '../core/followUps';
import { emailList, FollowUpRecord, isOpenFollowUp, text } from '../core/records';
import { CALL_LOG } from '../core/schema';
import { fallbackRecipients } from '../core/urgency';
import { alertEmail } from '../ui/alertEmail';
import { withDocumentLock } from '../sheets/lock';
import { remainingMailQuota, sendEmail } from '../sheets/mail';
import { alertsPendingSince, markAlertsDone, markAlertsPending } from '../sheets/state';
import { indexColumns } from '../sheets/table';
import { readFollowUps, readSchools } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import { rowLinker } from '../sheets/links';
import { ClaimedAlert } from './followUps';

/** Upkeep sends at most this many per run, well inside the 6-minute limit; the rest wait a run. */
const MAX_PER_RUN = 25;
const LOCK_WAIT_MS = 20_000;

/** A short id for this execution's claims. */
export function runId(): string {
  return Math.random().toString(36).slice(2, 10);
}

function recipientsOf(f: FollowUpRecord): string[] {
  return emailList(f.assignedTo);
}

/** Writes a claimed alert's outcome into the cell that still holds the claim (rows may have been sorted). */
function writeOutcome(claim: ClaimedAlert, outcome: string): void {
  const column = claim.alertColumn + 1;
  const cell = claim.sheet.getRange(claim.row, column);
  if (cell.getValue() === claim.token) {
    cell.setValue(outcome);
    return;
  }
  const values = claim.sheet.getRange(1, column, claim.sheet.getLastRow(), 1).getValues();
  const at = values.findIndex((v) => v[0] === claim.token);
  if (at >= 0) claim.sheet.getRange(at + 1, column).setValue(outcome);
}

/**
 * Sends alerts this execution claimed, one email each to the row's Assigned To, with the caller
 * as reply-to; records Sent, Failed or Pending (the quota) in the Alert cell. Returns how many
 * still wait.
 */
export function sendClaimedAlerts(tracker: Tracker, claims: readonly ClaimedAlert[]): number {
  if (claims.length === 0) return 0;
  let quota = remainingMailQuota();
  let waiting = 0;
  for (const claim of claims) {
    const f = claim.followUp;
    const to = recipientsOf(f);
    if (to.length > quota) {
      writeOutcome(claim, ALERT_TEXT.pending(PENDING_WHY.quota));
      waiting++;
      continue;
    }
    const email = alertEmail({
      school: f.school,
      categories: categoriesOf(f.reason),
      reason: f.reason,
      student: f.student,
      staffName: f.staff,
      staffEmail: f.staffEmail,
      callDay: f.callDate ? shortDay(f.callDate) : 'not given',
      loggedAt: f.flaggedAt
        ? `${stamp(f.flaggedAt, tracker.settings.timeZone)} (${tracker.settings.timeZone})`
        : 'not given',
      recipients: to,
      followUpLink: claim.link,
      notes: claim.notes,
    });
    const sent = sendEmail({ to, ...email, replyTo: f.staffEmail || undefined });
    if (sent.ok) {
      quota -= to.length;
      writeOutcome(claim, ALERT_TEXT.sent(stamp(new Date(), tracker.settings.timeZone), to));
    } else {
      writeOutcome(claim, ALERT_TEXT.failed(sent.error));
      waiting++;
    }
  }
  if (waiting > 0) markAlertsPending(new Date());
  return waiting;
}

/** The call's note text for an alert sent later, read from its Call Log row (found by the row's link). */
function notesFor(tracker: Tracker, f: FollowUpRecord): string | null {
  if (!tracker.settings.includeNotesInEmails) return null;
  const row = Number(/range=A(\d+)/.exec(f.callLink)?.[1] ?? 0);
  const sheet = tracker.ss.getSheetByName(CALL_LOG.name);
  if (!sheet || row < 2 || row > sheet.getLastRow()) return null;
  const width = sheet.getLastColumn();
  const index = indexColumns(CALL_LOG, sheet.getRange(1, 1, 1, width).getValues()[0]);
  const values = sheet.getRange(row, 1, 1, width).getValues()[0];
  // The row moved (a person sorted the Call Log): better no note than another family's.
  if (text(values[index.callId]) !== f.callId) return null;
  return ['notes', 'familyStrengths', 'hopesAndDreams']
    .map((k) => text(values[index[k]]))
    .filter((t) => t !== '')
    .join('\n\n');
}

/**
 * Upkeep: sends every pending alert. Costs one script-property read when none waits; otherwise
 * one read of Follow-ups (and Schools) under the lock to claim, then one email per alert.
 */
export function sendPendingAlerts(): void {
  if (!alertsPendingSince()) return;
  const tracker = openTracker();
  const run = runId();
  const readAt = new Date();
  let stillWaiting = 0;
  const claims = withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const { table, followUps } = readFollowUps(tracker.ss, tracker.sheetTimeZone);
      if (!table || table.index.alert < 0) return [];
      const set = (row: number, key: string, value: string): void => {
        if (table.index[key] >= 0) table.sheet.getRange(row, table.index[key] + 1).setValue(value);
      };
      const waiting = followUps.filter((f) => !isHandOff(f) && awaitsSending(f, tracker.now));
      const schools = waiting.some((f) => recipientsOf(f).length === 0)
        ? readSchools(tracker.ss, tracker.sheetTimeZone)
        : [];
      const claimed: ClaimedAlert[] = [];
      const link = rowLinker(tracker.ss, table.sheet);
      for (const f of waiting) {
        if (!isOpenFollowUp(f)) {
          set(f.row, 'alert', ALERT_TEXT.closed);
          continue;
        }
        if (!tracker.settings.sendUrgentAlerts) {
          set(f.row, 'alert', ALERT_TEXT.off);
          continue;
        }
        let assigned = f.assignedTo;
        if (recipientsOf(f).length === 0) {
          // Nobody was there to tell: the Schools tab may have been filled in since.
          const school = schools.find((s) => s.school.trim().toLowerCase() === f.school.trim().toLowerCase());
          assigned = fallbackRecipients(school).to.join(', ');
          if (!assigned) {
            const nobody = ALERT_TEXT.pending(PENDING_WHY.nobody(f.school));
            if (f.alert !== nobody) set(f.row, 'alert', nobody);
            stillWaiting++;
            continue;
          }
          set(f.row, 'assignedTo', assigned);
        }
        if (claimed.length >= MAX_PER_RUN) {
          stillWaiting++;
          continue;
        }
        const token = ALERT_TEXT.sending(tracker.now, run);
        set(f.row, 'alert', token);
        claimed.push({
          sheet: table.sheet,
          row: f.row,
          alertColumn: table.index.alert,
          token,
          followUp: { ...f, assignedTo: assigned, alert: token },
          link: link(f.row),
          notes: null,
        });
      }
      return claimed;
    },
    () => null,
  );
  // Busy: another execution holds the lock; the flag stays, so the next run tries again.
  if (claims === null) return;
  for (const claim of claims) claim.notes = notesFor(tracker, claim.followUp);
  stillWaiting += sendClaimedAlerts(tracker, claims);
  if (stillWaiting === 0) markAlertsDone(readAt);
}
