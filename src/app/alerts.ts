/**
 * Sending urgent alerts: never lost, never twice, never to anyone the protected tabs do not name.
 * What is owed lives in the ledger (document properties), not in the Follow-ups tab: an alert is
 * sent only by the execution that claimed it there, holding the document lock (a submit claims its
 * own; upkeep claims what is due). Recipients come from Alert Routes and Schools when it is sent;
 * the email's text comes from the Call Log row as the add-on wrote it, kept in the ledger when the
 * follow-up was raised. A transient mail failure is retried with a growing wait; an address Google
 * rejects is not. Each school gets at most Max Alerts Per School Per Day a day.
 */
import { dayOf, shortDay, stamp } from '../core/dates';
import { ALERT_TEXT, categoriesOf, PENDING_WHY } from '../core/followUps';
import { normalizeName } from '../core/households';
import {
  claimWithinCap,
  classifyMailError,
  isDue,
  KnownFollowUp,
  QueuedAlert,
  retryWaitMs,
} from '../core/ledger';
import { School, text } from '../core/records';
import { CALL_LOG, STAFF } from '../core/schema';
import { callVerifier, followUpVerifier } from '../core/signature';
import { alertEmail, capNoticeEmail } from '../ui/alertEmail';
import { followUpHeader } from '../sheets/tabs';
import { rowsWithIds, writeColumnCells } from '../sheets/followUpRows';
import { forgetSpentAlerts, ledger, ledgerNow, recordLedger } from '../sheets/ledgerStore';
import { rowLinker } from '../sheets/links';
import { withDocumentLock } from '../sheets/lock';
import { remainingMailQuota, sendEmail } from '../sheets/mail';
import { digestReserve, signingKey } from '../sheets/state';
import { cellGetter, readColumns, readHeaderRow, readRowsOf, Table } from '../sheets/table';
import { readSchools } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import { notesHashOf } from './raise';
import { alertRecipients } from './routing';

/** Upkeep sends at most this many per run, well inside the 6-minute limit; the rest wait a run. */
const MAX_PER_RUN = 25;
const LOCK_WAIT_MS = 20_000;

/** A short id for this execution's claims. */
export function runId(): string {
  return Math.random().toString(36).slice(2, 10);
}

function schoolOf(schools: readonly School[], name: string): School | undefined {
  const key = normalizeName(name);
  return schools.find((s) => normalizeName(s.school) === key);
}

/** The note texts of the call, read from its Call Log row, only while they are what the alert was raised with. */
function notesFor(tracker: Tracker, alert: QueuedAlert): string | null {
  if (!tracker.settings.includeNotesInEmails || !alert.verified) return null;
  const log = readHeaderRow(tracker.ss, CALL_LOG, { optional: ['signature', 'entry'] });
  const lastRow = log.sheet.getLastRow();
  if (lastRow < 2) return null;
  const found = log.sheet
    .getRange(2, log.index.callId + 1, lastRow - 1, 1)
    .createTextFinder(alert.callId)
    .matchEntireCell(true)
    .findNext();
  if (!found) return null;
  const get = cellGetter(log, readRowsOf(log, found.getRow(), found.getRow())[0]);
  const call = {
    notes: text(get('notes')),
    familyStrengths: text(get('familyStrengths')),
    hopesAndDreams: text(get('hopesAndDreams')),
  };
  // Changed since (by anyone): better no note than one the caller did not write.
  if (notesHashOf(call) !== alert.notesHash) return null;
  if (callVerifier(signingKey(), tracker.sheetTimeZone)(get) !== 'form') return null;
  return [call.notes, call.familyStrengths, call.hopesAndDreams].filter((t) => t !== '').join('\n\n');
}

/** The add-on's own Follow-ups rows of these alerts (a copied row carries a signature that does not verify). */
function rowsOf(table: Table, alerts: readonly QueuedAlert[]): Map<string, number> {
  const verify = followUpVerifier(signingKey());
  const rows = new Map<string, number>();
  for (const [row, values] of rowsWithIds(
    table,
    alerts.map((a) => a.id),
  )) {
    const get = cellGetter(table, values);
    const id = verify(text(get('signature')), {
      callId: text(get('callId')),
      school: text(get('school')),
      kind: 'urgent',
    });
    if (id && !rows.has(id)) rows.set(id, row);
  }
  return rows;
}

interface Outcome {
  known?: Partial<KnownFollowUp>;
  /** Whom it was sent to, for the row's Assigned To (a report: never read for mail). */
  to?: string[];
  /** The alert is still owed, with these changes; absent when it is done. */
  queued?: QueuedAlert;
  report: string;
}

function deliverOne(
  tracker: Tracker,
  alert: QueuedAlert,
  school: School | undefined,
  link: string,
  quota: { left: number },
): Outcome {
  const release = (changes: Partial<QueuedAlert>): Outcome => {
    const queued = { ...alert, ...changes, claim: null };
    return { queued, report: ALERT_TEXT.pending(queued.why) };
  };
  if (!tracker.settings.sendUrgentAlerts) return { known: { alert: 'off' }, report: ALERT_TEXT.off };
  const to = alertRecipients(tracker, alert.reason, school);
  if (to.length === 0) return release({ why: PENDING_WHY.nobody(alert.school) });
  if (to.length > quota.left) return release({ why: PENDING_WHY.quota });
  const tz = tracker.settings.timeZone;
  const email = alertEmail({
    school: alert.school,
    callId: alert.callId,
    categories: categoriesOf(alert.reason),
    reason: alert.reason,
    caller: alert.verified
      ? { name: alert.staffName, email: alert.staffEmail, student: alert.student }
      : null,
    callDay: alert.callDay ? shortDay(alert.callDay) : 'not given',
    loggedAt: alert.loggedAt ? `${stamp(new Date(alert.loggedAt), tz)} (${tz})` : 'not given',
    recipients: to,
    followUpLink: link,
    notes: notesFor(tracker, alert),
  });
  const sent = sendEmail({
    to,
    ...email,
    replyTo: alert.verified ? alert.staffEmail || undefined : undefined,
  });
  if (sent.ok) {
    quota.left -= to.length;
    return { known: { alert: 'sent' }, to, report: ALERT_TEXT.sent(stamp(new Date(), tz), to) };
  }
  const failure = classifyMailError(sent.error);
  if (failure === 'quota') {
    quota.left = 0;
    return release({ why: PENDING_WHY.quota });
  }
  if (failure === 'address') return { known: { alert: 'failed' }, report: ALERT_TEXT.failed(sent.error) };
  const tries = alert.tries + 1;
  const notBefore = new Date(Date.now() + retryWaitMs(tries));
  return release({
    tries,
    notBefore: notBefore.toISOString(),
    why: PENDING_WHY.retry(sent.error, stamp(notBefore, tz)),
  });
}

/**
 * Sends the alerts this execution claimed (after the lock is released: an email takes a moment),
 * then records each outcome in the ledger and reports it in its Alert cell. `reserve` is quota
 * kept for the week's digests.
 */
export function deliverAlerts(tracker: Tracker, claimed: readonly QueuedAlert[], reserve = 0): void {
  if (claimed.length === 0) return;
  const table = followUpHeader(tracker.ss);
  const rows = rowsOf(table, claimed);
  const link = rowLinker(tracker.ss, table.sheet);
  const schools = readSchools(tracker.ss, tracker.sheetTimeZone);
  const quota = { left: Math.max(0, remainingMailQuota() - reserve) };
  const outcomes = claimed.map((alert) => {
    const row = rows.get(alert.id);
    return {
      alert,
      row,
      outcome: deliverOne(
        tracker,
        alert,
        schoolOf(schools, alert.school),
        row ? link(row) : tracker.ss.getUrl(),
        quota,
      ),
    };
  });
  withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const now = ledgerNow();
      const known: KnownFollowUp[] = [];
      for (const { alert, outcome } of outcomes) {
        const current = now.known(alert.id);
        if (current && outcome.known) known.push({ ...current, ...outcome.known });
      }
      recordLedger({
        known,
        queued: outcomes.flatMap(({ outcome }) => (outcome.queued ? [outcome.queued] : [])),
        delivered: outcomes.filter(({ outcome }) => !outcome.queued).map(({ alert }) => alert.id),
      });
    },
    // Busy for 20 s: the claims go stale and a later run sends again; better than a lost record.
    () => undefined,
  );
  const reported = outcomes.filter((o): o is typeof o & { row: number } => o.row !== undefined);
  writeColumnCells(table, 'alert', new Map(reported.map(({ row, outcome }) => [row, outcome.report])));
  writeColumnCells(
    table,
    'assignedTo',
    new Map(
      reported.flatMap(({ row, outcome }) => (outcome.to ? [[row, outcome.to.join(', ')] as const] : [])),
    ),
  );
}

/** Leaders' emails on Staff (two columns read), for the cap notice. */
function leaderEmails(tracker: Tracker): string[] {
  const table = readColumns(tracker.ss, STAFF, ['email', 'role'], { optional: ['callGoal'] });
  return table.rows
    .map((row) => cellGetter(table, row))
    .filter((get) => text(get('role')).toLowerCase() === 'leader')
    .map((get) => text(get('email')).toLowerCase())
    .filter((e) => e !== '');
}

/** One email per school and day when the cap held alerts back: its follow-up contacts and the Leaders learn why. */
function tellCapped(tracker: Tracker, held: readonly QueuedAlert[], told: readonly string[]): string[] {
  const schools = [...new Set(held.map((a) => normalizeName(a.school)))].filter((s) => !told.includes(s));
  if (schools.length === 0) return [];
  const tabSchools = readSchools(tracker.ss, tracker.sheetTimeZone);
  const leaders = leaderEmails(tracker);
  const sentTo: string[] = [];
  for (const key of schools) {
    const waiting = held.filter((a) => normalizeName(a.school) === key);
    const school = schoolOf(tabSchools, waiting[0].school);
    const to = [...new Set([...(school?.followUpEmails ?? []), ...leaders])];
    if (to.length === 0 || to.length > remainingMailQuota()) continue;
    const sent = sendEmail({
      to,
      ...capNoticeEmail({
        school: waiting[0].school,
        waiting: waiting.length,
        cap: tracker.settings.maxAlertsPerSchoolPerDay,
        followUpsLink: `${tracker.ss.getUrl()}#gid=${followUpHeader(tracker.ss).sheet.getSheetId()}`,
      }),
    });
    if (sent.ok) sentTo.push(key);
  }
  return sentTo;
}

/**
 * Upkeep: sends every alert that is due. One properties read when none is owed; otherwise a short
 * hold of the lock to claim (within each school's cap), then one email per alert.
 */
export function sendPendingAlerts(): void {
  if (!ledger.anyQueued()) return;
  // No quota left beyond what the digests need: nothing could go, so nothing is read or claimed.
  if (remainingMailQuota() <= digestReserve()) return;
  const tracker = openTracker();
  const run = runId();
  const today = dayOf(tracker.now, tracker.settings.timeZone);
  const picked = withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      const now = ledgerNow();
      const due = now.queued().filter((a) => isDue(a, tracker.now));
      if (due.length === 0) return null;
      const day = now.day(today);
      const capped = claimWithinCap(
        due.slice(0, MAX_PER_RUN),
        day,
        tracker.settings.maxAlertsPerSchoolPerDay,
        {
          run,
          at: tracker.now.toISOString(),
        },
      );
      recordLedger({ queued: [...capped.claimed, ...capped.held], day: { day: today, record: capped.day } });
      return { claimed: capped.claimed, held: capped.held, told: day.told };
    },
    // Busy: another execution holds the lock; the alerts stay owed and the next run tries again.
    () => null,
  );
  if (!picked) return;
  deliverAlerts(tracker, picked.claimed, digestReserve());
  const told = tellCapped(tracker, picked.held, picked.told);
  if (told.length > 0)
    withDocumentLock(
      LOCK_WAIT_MS,
      () => {
        const day = ledgerNow().day(today);
        recordLedger({ day: { day: today, record: { ...day, told: [...day.told, ...told] } } });
      },
      () => undefined,
    );
  forgetSpentAlerts(today);
}
