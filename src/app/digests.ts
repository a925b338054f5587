/**
 * Weekly digests: preview, send now, schedule, stop, the weekly run and upkeep's pending sends.
 * Every digest of a run comes from one read of each tab; then one MailApp call per email, each
 * recorded in the Digest Log as it happens, all under the script lock so two runs never send
 * the same digest twice.
 */
import type { DigestPreview } from '../contract';
import { dayOf, Day, shortDay, stamp, weekdayOf } from '../core/dates';
import { buildDigests, Digest, Digests, nextDigestTime, weekOfSending, withHouseholds } from '../core/digest';
import {
  DigestLogRow,
  DigestTarget,
  DigestTrigger,
  OwedDigest,
  sameScope,
  sameTarget,
  sendQuestion,
} from '../core/digestLog';
import { classifyMailError, retryWaitMs } from '../core/ledger';
import { computeSummary } from '../core/progress';
import { CallRecord, StaffMember } from '../core/records';
import { Settings } from '../core/settings';
import { FOLLOW_UPS, SUMMARY, TabSchema } from '../core/schema';
import { appendDigestLog } from '../sheets/digestLog';
import {
  anyDigestOwed,
  digestLedgerNow,
  forgetOlderWeeks,
  keepLogRows,
  keptLogRows,
  recordDigests,
} from '../sheets/digestLedger';
import { withScriptLock } from '../sheets/lock';
import { remainingMailQuota, sendEmail } from '../sheets/mail';
import { activeEmail } from '../sheets/session';
import { yearClosed } from '../sheets/yearState';
import { digestSchedule, setDigestReserve, setDigestSchedule } from '../sheets/state';
import { findSheet } from '../sheets/table';
import { readCalls, readFollowUps, readRoster, readSchools, readStaff } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import {
  installWeeklyDigestTrigger,
  removeTrigger,
  removeWeeklyDigestTriggers,
  refusedUnlessOwnTrigger,
  WEEKLY_DIGEST_HANDLER,
} from '../sheets/triggers';
import { alert, ask, showDialog, toast } from '../sheets/ui';
import { DigestEmail, renderDigest } from '../ui/digestEmail';
import { digestPreviewPage } from '../ui/digestPreview';
import { ownFollowUps } from './followUps';
import { markOrigins, ORIGIN_COLUMNS } from './origin';
import { listedInDistrict, readRollupState } from './rollup';
import { BLANK_EMAIL_MESSAGE, hasRole, notOnStaffMessage, staffRowsOf } from './people';

/** How long a run waits for another run to finish. */
const LOCK_WAIT_MS = 30_000;
const BUSY_MESSAGE = 'Digests are being sent by another run right now. Try again in a minute.';

// ---- who may do what

type Access =
  | { kind: 'leader'; email: string }
  | { kind: 'principal'; email: string; schools: string[] }
  | { kind: 'refused'; message: string };

/** A Leader on Staff or the spreadsheet's owner sees everything; a Principal, their own school. */
function accessOf(tracker: Tracker, staff: readonly StaffMember[], email: string): Access {
  if (!email) return { kind: 'refused', message: BLANK_EMAIL_MESSAGE };
  const rows = staffRowsOf(staff, email);
  if (hasRole(rows, 'Leader')) return { kind: 'leader', email };
  const principalOf = rows.filter((r) => r.role === 'Principal' && r.school).map((r) => r.school);
  if (principalOf.length > 0) return { kind: 'principal', email, schools: principalOf };
  const owner = tracker.ss.getOwner()?.getEmail().toLowerCase() ?? '';
  if (owner === email) return { kind: 'leader', email };
  if (rows.length === 0) return { kind: 'refused', message: notOnStaffMessage(email) };
  return {
    kind: 'refused',
    message:
      "Digests are for principals (their own school's) and district leaders. Ask your principal for your school's digest.",
  };
}

function leaderRefusal(access: Exclude<Access, { kind: 'leader' }>, what: string): string {
  return access.kind === 'refused'
    ? access.message
    : `Only a district Leader (or the spreadsheet's owner) can ${what}. You can preview and send your school's digest.`;
}

// ---- one read of each tab, every digest

interface Reading {
  tracker: Tracker;
  today: Day;
  digests: Digests;
  /** What this tracker sends: every school's digest, and the district's unless a district tracker sends it. */
  sends: Digest[];
}

function tabLink(tracker: Tracker, url: string, tab: TabSchema): string {
  const sheet = findSheet(tracker.ss, tab);
  return sheet ? `${url}#gid=${sheet.getSheetId()}` : url;
}

/**
 * The Call Log columns a digest uses: what counts, and the signature that says whether it is as
 * logged (OK to Quote included); long text only when the settings let it into an email.
 */
function digestColumns(settings: Settings): string[] {
  const columns = [...ORIGIN_COLUMNS, 'studentId', 'language', 'interpreter'];
  if (settings.shareFamilyVoicesInDigests) columns.push('familyStrengths', 'hopesAndDreams');
  if (settings.includeNotesInEmails) columns.push('notes');
  return columns;
}

/** The calls a digest counts, each with its origin (typed or changed by hand are counted, and said). */
function countedCalls(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  tz: string,
  settings: Settings,
): CallRecord[] {
  const { table, calls } = readCalls(ss, tz, digestColumns(settings));
  markOrigins(table, calls, tz);
  // OK to Quote counts only as the form wrote it: a tick typed on the sheet gives no consent.
  for (const call of calls) if (call.origin !== 'form') call.okToQuote = false;
  return calls;
}

function readDigests(tracker: Tracker, staff: StaffMember[]): Reading {
  const { ss, sheetTimeZone: tz, settings } = tracker;
  const today = dayOf(tracker.now, settings.timeZone);
  const url = ss.getUrl();
  const input = withHouseholds({
    staff,
    schools: readSchools(ss, tz),
    roster: readRoster(ss),
    calls: countedCalls(ss, tz, settings),
    followUps: ownFollowUps(readFollowUps(ss, tz).followUps).own,
    settings,
    today,
    links: {
      summary: tabLink(tracker, url, SUMMARY),
      followUps: tabLink(tracker, url, FOLLOW_UPS),
    },
  });
  const digests = buildDigests(input, computeSummary(input));
  const listed = listedInDistrict(tracker, readRollupState(ss));
  return { tracker, today, digests, sends: [...digests.schools, ...(listed ? [] : [digests.district])] };
}

/** The digests a person may see, in sending order: schools by name, then the district. */
function digestsFor(access: Access, reading: Reading): Digest[] {
  if (access.kind === 'leader') return reading.sends;
  if (access.kind === 'principal')
    return reading.digests.schools.filter((d) => access.schools.some((s) => sameScope(s, d.scope)));
  return [];
}

function noRecipientsReason(digest: Digest): string {
  if (digest.recipients.length > 0) return '';
  return digest.kind === 'district'
    ? 'there is no Leader on the Staff tab'
    : `${digest.scope} has no Principal Emails on the Schools tab`;
}

// ---- preview

function previewOf(digest: Digest): DigestPreview {
  const email = renderDigest(digest);
  return {
    scope: digest.scope,
    subject: email.subject,
    recipients: digest.recipients,
    noRecipients: noRecipientsReason(digest),
    htmlBody: email.htmlBody,
  };
}

function openForPreview(): { access: Access; allowed: Digest[] } {
  const tracker = openTracker();
  const staff = readStaff(tracker.ss);
  const access = accessOf(tracker, staff, activeEmail());
  if (access.kind === 'refused') return { access, allowed: [] };
  return { access, allowed: digestsFor(access, readDigests(tracker, staff)) };
}

/** Preview digest (menu): a dialog with the email as it would be sent. Sends and writes nothing. */
export function previewDigest(): void {
  const { access, allowed } = openForPreview();
  if (access.kind === 'refused') return alert('Preview digest', access.message);
  if (allowed.length === 0)
    return alert('Preview digest', 'Your school has no digest: it is not on the Schools tab.');
  const first = access.kind === 'leader' ? allowed[allowed.length - 1] : allowed[0];
  showDialog(
    'Preview digest',
    digestPreviewPage(
      previewOf(first),
      allowed.map((d) => d.scope),
    ),
    760,
    640,
  );
}

/** The dialog's chooser: one school's or the district's digest, if this person may see it. */
export function getDigestPreview(scope: unknown): DigestPreview {
  const { access, allowed } = openForPreview();
  if (access.kind === 'refused') throw new Error(access.message);
  const digest = allowed.find((d) => sameScope(d.scope, String(scope)));
  if (!digest) throw new Error(`You cannot preview the digest of ${String(scope)}.`);
  return previewOf(digest);
}

// ---- sending

export interface SendReport {
  sent: DigestTarget[];
  failed: Array<DigestTarget & { error: string }>;
  pending: DigestTarget[];
  alreadySent: DigestTarget[];
  /** Schools (or the district) with nobody to send to. */
  noRecipients: string[];
}

interface SendOptions {
  trigger: DigestTrigger;
  /** Who asked: a leader's resend is confirmed and recorded. */
  by: string;
  /** Resend digests the log shows as sent this week. */
  resend: boolean;
  /** Only the emails waiting for quota (upkeep). */
  onlyPending: boolean;
}

const WAITING_FOR_QUOTA =
  "Waiting for email quota (this account's daily limit was reached); the upkeep trigger sends it once quota allows.";

/** Writes the run's Digest Log rows (and any a principal's run could not write), or keeps them for a run that may. */
function report(tracker: Tracker, rows: readonly DigestLogRow[]): void {
  const kept = keptLogRows();
  if (appendDigestLog(tracker.ss, [...kept.rows, ...rows])) kept.forget();
  else keepLogRows(rows);
}

function send(reading: Reading, chosen: readonly Digest[], options: SendOptions): SendReport {
  const { tracker } = reading;
  const tz = tracker.settings.timeZone;
  const weekOf = weekOfSending(tracker.now, tz, tracker.settings.weekStarts);
  const ledger = digestLedgerNow(weekOf);
  const result: SendReport = { sent: [], failed: [], pending: [], alreadySent: [], noRecipients: [] };
  const rows: DigestLogRow[] = [];
  const row = (
    target: DigestTarget,
    status: DigestLogRow['status'],
    trigger: DigestTrigger,
    detail: string,
  ) =>
    rows.push({
      sentAt: new Date().toISOString(),
      weekOf,
      scope: target.scope,
      recipients: target.recipient,
      status,
      trigger,
      detail,
    });

  const toSend: Array<{
    digest: Digest;
    target: DigestTarget;
    owed: OwedDigest | undefined;
    trigger: DigestTrigger;
    detail: string;
  }> = [];
  for (const digest of chosen) {
    if (digest.recipients.length === 0) {
      if (!options.onlyPending) {
        result.noRecipients.push(digest.scope);
        row(
          { scope: digest.scope, recipient: '' },
          'Failed',
          options.trigger,
          `Nothing sent: ${noRecipientsReason(digest)}.`,
        );
      }
      continue;
    }
    for (const recipient of digest.recipients) {
      const target = { scope: digest.scope, recipient };
      const owed = ledger.owed.find((p) => sameTarget(p, target));
      if (options.onlyPending && (!owed || (owed.notBefore && new Date(owed.notBefore) > tracker.now)))
        continue;
      const already = ledger.sentThisWeek(target);
      if (already && !options.resend) {
        if (!options.onlyPending) result.alreadySent.push(target);
        continue;
      }
      const detail = already
        ? `Resend, confirmed by ${options.by}.`
        : owed
          ? 'Was pending: sent once it could go.'
          : '';
      toSend.push({ digest, target, owed, trigger: owed?.trigger ?? options.trigger, detail });
    }
  }

  let quota = toSend.length > 0 ? remainingMailQuota() : 0;
  const rendered = new Map<Digest, DigestEmail>();
  const owed: OwedDigest[] = [];
  const wait = (planned: (typeof toSend)[number], changes: Partial<OwedDigest>) => {
    const next: OwedDigest = {
      scope: planned.target.scope,
      recipient: planned.target.recipient,
      trigger: planned.trigger,
      tries: planned.owed?.tries ?? 0,
      notBefore: null,
      why: WAITING_FOR_QUOTA,
      ...changes,
    };
    owed.push(next);
    result.pending.push(planned.target);
    row(planned.target, 'Pending', planned.trigger, next.why);
  };
  for (const planned of toSend) {
    const { digest, target, trigger, detail } = planned;
    if (quota <= 0) {
      wait(planned, {});
      continue;
    }
    let email = rendered.get(digest);
    if (!email) rendered.set(digest, (email = renderDigest(digest)));
    const outcome = sendEmail({
      to: [target.recipient],
      subject: email.subject,
      body: email.body,
      htmlBody: email.htmlBody,
    });
    if (outcome.ok) {
      quota--;
      result.sent.push(target);
      row(target, 'Sent', trigger, detail);
      continue;
    }
    const failure = classifyMailError(outcome.error);
    if (failure === 'quota') {
      quota = 0;
      wait(planned, {});
    } else if (failure === 'transient') {
      const tries = (planned.owed?.tries ?? 0) + 1;
      const notBefore = new Date(Date.now() + retryWaitMs(tries));
      wait(planned, {
        tries,
        notBefore: notBefore.toISOString(),
        why: `Google's mail service failed (${outcome.error}); tried again at ${stamp(notBefore, tz)}.`,
      });
    } else {
      result.failed.push({ ...target, error: outcome.error });
      row(target, 'Failed', trigger, outcome.error);
    }
  }
  // Owed digests of a scope that no longer has one (a school removed, a recipient changed) are let go.
  const everyTarget = reading.sends.flatMap((d) =>
    d.recipients.map((recipient) => ({ scope: d.scope, recipient })),
  );
  const gone = ledger.owed.filter((o) => !everyTarget.some((t) => sameTarget(t, o)));
  recordDigests(
    weekOf,
    result.sent,
    [...result.sent, ...result.failed, ...toSend.map((p) => p.target), ...gone],
    owed,
  );
  // Quota upkeep's alerts leave for the week's digests: every email a full run sends.
  setDigestReserve(everyTarget.length);
  report(tracker, rows);
  forgetOlderWeeks(weekOf);
  return result;
}

function locked<T>(work: () => T): T {
  return withScriptLock(LOCK_WAIT_MS, work, () => {
    throw new Error(BUSY_MESSAGE);
  });
}

function targetsText(targets: readonly DigestTarget[]): string {
  const byScope = new Map<string, string[]>();
  for (const t of targets) byScope.set(t.scope, [...(byScope.get(t.scope) ?? []), t.recipient]);
  return [...byScope.entries()].map(([scope, to]) => `${scope} (${to.join(', ')})`).join('; ');
}

export function describeReport(report: SendReport): string {
  const lines: string[] = [];
  const n = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
  if (report.sent.length > 0)
    lines.push(`Sent ${n(report.sent.length, 'digest', 'digests')}: ${targetsText(report.sent)}.`);
  if (report.alreadySent.length > 0)
    lines.push(`Already sent this week, so not sent again: ${targetsText(report.alreadySent)}.`);
  if (report.pending.length > 0)
    lines.push(
      `Not sent yet (your daily email quota ran out): ${targetsText(report.pending)}. They are logged as Pending and go out automatically once quota allows.`,
    );
  if (report.failed.length > 0)
    lines.push(`Failed: ${report.failed.map((f) => `${f.scope} to ${f.recipient}: ${f.error}`).join('; ')}.`);
  if (report.noRecipients.length > 0)
    lines.push(
      `Nobody to send to: ${report.noRecipients.join(', ')}. Add Principal Emails on the Schools tab (and a Leader on Staff for the district digest).`,
    );
  if (lines.length === 0) lines.push('There was no digest to send.');
  lines.push('Every attempt is recorded on the Digest Log tab.');
  return lines.join('\n\n');
}

/** Send digests now (menu): a leader sends every digest, a principal their school's. */
export function sendDigestsNow(): void {
  const title = 'Send digests now';
  const tracker = openTracker();
  const staff = readStaff(tracker.ss);
  const access = accessOf(tracker, staff, activeEmail());
  if (access.kind === 'refused') return alert(title, access.message);
  const reading = readDigests(tracker, staff);
  const chosen = digestsFor(access, reading);
  if (chosen.length === 0) return alert(title, 'Your school has no digest: it is not on the Schools tab.');

  // Asked before taking the lock: a question left open must not hold up the weekly run.
  const weekOf = weekOfSending(tracker.now, tracker.settings.timeZone, tracker.settings.weekStarts);
  const ledger = digestLedgerNow(weekOf);
  const targets = chosen.flatMap((d) => d.recipients.map((recipient) => ({ scope: d.scope, recipient })));
  const names = new Map(staff.filter((s) => s.name).map((s) => [s.email, s.name]));
  const question = sendQuestion(
    {
      unsent: targets.filter((t) => !ledger.sentThisWeek(t)),
      alreadySent: targets.filter(ledger.sentThisWeek),
      mayResend: access.kind === 'leader',
      noRecipients: chosen.filter((d) => d.recipients.length === 0).map((d) => d.scope),
      sender: access.email,
      week: `week (week of ${shortDay(weekOf)})`,
    },
    (email) => names.get(email) ?? email,
  );
  if (question.kind === 'nothing') return alert(title, question.text);
  const answer = ask(title, question.text, question.kind === 'resend' ? 'YES_NO_CANCEL' : 'YES_NO');
  const resend = question.kind === 'resend' && answer === 'YES';
  if (answer !== 'YES' && !(question.kind === 'resend' && answer === 'NO'))
    return toast('Send digests now: nothing was sent.');
  const report = locked(() =>
    send(reading, chosen, { trigger: 'menu', by: access.email, resend, onlyPending: false }),
  );
  alert(title, describeReport(report));
}

export const DIGESTS_NOT_FROM_TRIGGER =
  'Weekly digests are sent only by their schedule: nothing was sent. A principal or leader sends them now with Relationship Calls → Send digests now.';

/**
 * The weekly trigger: every digest not yet sent this week. A replaced or stopped schedule's
 * trigger ends itself. Started any other way (google.script.run, a made-up event, the script
 * editor) it sends nothing and says so.
 */
export function runWeeklyDigests(event: unknown): string {
  const refused = refusedUnlessOwnTrigger(event, WEEKLY_DIGEST_HANDLER, DIGESTS_NOT_FROM_TRIGGER);
  if (refused) return refused;
  const triggerUid = (event as { triggerUid: string }).triggerUid;
  const schedule = digestSchedule();
  if (yearClosed()) {
    removeTrigger(triggerUid);
    return "This tracker's school year is closed: its weekly digest trigger removed itself.";
  }
  if (!schedule || schedule.triggerId !== triggerUid) {
    removeTrigger(triggerUid);
    return 'This weekly digest schedule was replaced or stopped: its trigger removed itself.';
  }
  const tracker = openTracker();
  const staff = readStaff(tracker.ss);
  const access = accessOf(tracker, staff, activeEmail());
  if (access.kind !== 'leader')
    throw new Error(
      `Weekly digests were not sent: ${access.kind === 'refused' ? access.message : 'the account that scheduled them is no longer a Leader on Staff.'} A Leader can schedule them again.`,
    );
  const reading = readDigests(tracker, staff);
  return describeReport(
    locked(() =>
      send(reading, digestsFor(access, reading), {
        trigger: 'weekly',
        by: access.email,
        resend: false,
        onlyPending: false,
      }),
    ),
  );
}

/** Upkeep: send the digests that waited for quota. Idle runs read one property and no tab. */
export function sendPendingDigests(): void {
  const kept = keptLogRows().rows.length > 0;
  const owed = anyDigestOwed() && remainingMailQuota() > 0;
  if (!kept && !owed) return;
  const tracker = openTracker();
  // Rows a principal's send could not write on the Digest Log: this run (a leader's) writes them.
  if (kept) locked(() => report(tracker, []));
  if (!owed) return;
  const reading = readDigests(tracker, readStaff(tracker.ss));
  locked(() =>
    send(reading, reading.sends, {
      trigger: 'weekly',
      by: activeEmail(),
      resend: false,
      onlyPending: true,
    }),
  );
}

// ---- schedule

export function scheduleWeeklyDigests(): void {
  const title = 'Schedule weekly digests';
  const tracker = openTracker();
  const access = accessOf(tracker, readStaff(tracker.ss), activeEmail());
  if (access.kind !== 'leader') return alert(title, leaderRefusal(access, 'schedule weekly digests'));
  const { digestDay, digestHour, timeZone } = tracker.settings;
  const previous = digestSchedule();
  const triggerId = installWeeklyDigestTrigger(digestDay, digestHour, timeZone);
  setDigestSchedule({ triggerId, by: access.email });
  const next = nextDigestTime(tracker.now, digestDay, digestHour, timeZone);
  const replaced =
    previous && previous.by !== access.email
      ? `\n\nThis replaces the schedule ${previous.by} set up (their trigger stops itself at its next run).`
      : '';
  alert(
    title,
    `Weekly digests are scheduled every ${digestDay} at ${digestHour}:00 (${timeZone}). The next ones go out ${weekdayOf(dayOf(next, timeZone))} ${stamp(next, timeZone)} (within the hour).\n\nThey are sent from your account, ${access.email}, and count against its daily email quota. If you change Digest Day or Digest Hour in Settings, run Schedule weekly digests again.${replaced}`,
  );
}

export function stopWeeklyDigests(): void {
  const title = 'Stop weekly digests';
  const tracker = openTracker();
  const access = accessOf(tracker, readStaff(tracker.ss), activeEmail());
  if (access.kind !== 'leader') return alert(title, leaderRefusal(access, 'stop weekly digests'));
  const removed = removeWeeklyDigestTriggers();
  const schedule = digestSchedule();
  setDigestSchedule(null);
  const other =
    schedule && schedule.by !== access.email
      ? ` The schedule ${schedule.by} set up is stopped too (their trigger removes itself at its next run).`
      : '';
  alert(
    title,
    removed > 0 || schedule
      ? `Weekly digests are stopped: no digest goes out on its own until a Leader schedules them again.${other} The upkeep trigger (Summary refresh, pending emails) keeps running.`
      : 'No weekly digest was scheduled. Nothing changed.',
  );
}
