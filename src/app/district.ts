/**
 * A district tracker over one tracker per school: Set up district rollup, the refresh that reads
 * each listed school tracker's Rollup tab into the District tab (and writes the district's % Met
 * back there), and the weekly district digest built from the District tab. Every entry point
 * checks who is calling; the trigger handlers act only when started by their own trigger.
 */
import { dayOf, shortDay, stamp, weekdayOf } from '../core/dates';
import { DISTRICT_SCOPE, nextDigestTime, weekOfSending } from '../core/digest';
import { DigestTarget, DigestTrigger, OwedDigest, sameTarget } from '../core/digestLog';
import { classifyMailError, retryWaitMs } from '../core/ledger';
import {
  districtMarkValues,
  districtTable,
  DistrictTable,
  districtValues,
  PublishedRow,
  readDistrictTab,
  readRollup,
  share,
  TrackerResult,
} from '../core/rollup';
import { CALL_LOG, DISTRICT, DISTRICT_TABS } from '../core/schema';
import { DISTRICT_SETTINGS } from '../core/settings';
import { spreadsheetIdOf, spreadsheetUrl } from '../core/trackerLink';
import { digestLedgerNow, forgetOlderWeeks, recordDigests } from '../sheets/digestLedger';
import {
  readDistrictValues,
  readTrackerLinks,
  tabUrl,
  TrackerFound,
  writeDistrictTab,
  writeTrackerStatus,
} from '../sheets/districtTabs';
import {
  districtRefreshedAt,
  districtSchedule,
  markDistrictRefreshed,
  setDistrictSchedule,
} from '../sheets/districtState';
import { setTrackerKind, trackerKind } from '../sheets/kind';
import { ensureSettings, layOutTabs, noChanges } from '../sheets/layout';
import { busyError, withDocumentLock, withScriptLock } from '../sheets/lock';
import { remainingMailQuota, sendEmail } from '../sheets/mail';
import { openOtherTracker } from '../sheets/otherTrackers';
import { readSchoolRollup, rollupProtection, writeDistrictMark } from '../sheets/rollupTab';
import { activeEmail, effectiveEmail } from '../sheets/session';
import { findSheet } from '../sheets/table';
import { openTracker, Tracker } from '../sheets/tracker';
import {
  DISTRICT_DIGEST_HANDLER,
  DISTRICT_REFRESH_HANDLER,
  DISTRICT_REFRESH_HOUR,
  installDistrictTriggers,
  refusedUnlessOwnTrigger,
  removeTrigger,
} from '../sheets/triggers';
import { alert, confirm, showDialog } from '../sheets/ui';
import { digestPreviewPage } from '../ui/digestPreview';
import { DistrictDigest, renderDistrictDigest } from '../ui/districtDigestEmail';
import { protectionPeople, syncProtectionsIfStale } from './access';
import { BLANK_EMAIL_MESSAGE, hasRole, staffRowsOf } from './people';
import { describeChanges, setupRefusal } from './setup';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const LOCK_WAIT_MS = 30_000;

// ---- who may

/** The district tracker's owner and the Leaders on its Staff run it; anyone else is told why. */
function leaderRefusal(ss: Spreadsheet, email: string, what: string): string | null {
  if (!email) return BLANK_EMAIL_MESSAGE;
  const people = protectionPeople(ss);
  if (people.owner === email || hasRole(staffRowsOf(people.staff, email), 'Leader')) return null;
  return `Only the district tracker's owner or a Leader on its Staff tab can ${what}.`;
}

function notDistrictTracker(ss: Spreadsheet): string | null {
  if (trackerKind() === 'district' || findSheet(ss, DISTRICT)) return null;
  return 'This spreadsheet is not a district tracker. Run Relationship Calls → Set up district rollup in a spreadsheet of its own first.';
}

// ---- setup

export function setUpDistrictRollup(): string {
  const tracker = openTracker();
  const { ss } = tracker;
  const email = activeEmail();
  const people = protectionPeople(ss);
  const refusal = setupRefusal(people, email);
  if (refusal) throw new Error(refusal);
  if (trackerKind() === 'school' || findSheet(ss, CALL_LOG))
    throw new Error(
      `This spreadsheet is a school tracker (it has a ${CALL_LOG.name} tab): its staff log calls here, so it cannot become a district tracker. Make a spreadsheet of its own for the district and run Set up district rollup there.`,
    );
  const changes = noChanges();
  // Checks take no lock: only a write that lands beside people's (a row appended, a tab created) holds it, briefly.
  const { full } = layOutTabs(ss, DISTRICT_TABS, people, changes);
  ensureSettings(
    ss,
    { today: tracker.today, timeZone: tracker.sheetTimeZone },
    changes,
    full,
    DISTRICT_SETTINGS,
  );
  setTrackerKind('district');
  // The Settings now hold their defaults (or what a leader chose): the schedule follows them.
  const after = openTracker();
  const { digestDay, digestHour, timeZone } = after.settings;
  const previous = districtSchedule();
  setDistrictSchedule({ by: email, ...installDistrictTriggers(digestDay, digestHour, timeZone) });
  const replaced =
    previous && previous.by !== email
      ? ` This replaces the schedule ${previous.by} set up (their triggers stop themselves at their next run).`
      : '';
  return [
    describeChanges(changes),
    `Scheduled from your account, ${email}: the District tab refreshes every day at ${DISTRICT_REFRESH_HOUR}:00, and the district digest goes to the Leaders on Staff every ${digestDay} at ${digestHour}:00 (${timeZone}); the next one ${nextDistrictDigest(after)} (within the hour). After changing Digest Day or Digest Hour, run Set up district rollup again.${replaced}`,
    `Next: add the district's Leaders to Staff; paste each school tracker's link in ${DISTRICT_TABS[0].name}, one per row, each shared with ${email} (Viewer is enough to read its numbers; as a Leader on its Staff you also show the district's % Met on its Summary); then Relationship Calls → Refresh district rollup.`,
  ].join('\n\n');
}

export function setUpDistrictRollupFromMenu(): void {
  alert('Set up district rollup', setUpDistrictRollup());
}

// ---- refresh

/** A school tracker that was read, kept open to write the district's % Met back. */
interface Opened {
  sheet: Sheet;
  headers: unknown[];
  canEdit: boolean;
  url: string;
}

interface ReadOutcome {
  result: TrackerResult;
  opened: Opened | null;
  /** The Trackers tab's Schools cell. */
  schools: string;
}

function notRead(url: string, name: string, problem: string): ReadOutcome {
  return { result: { url, name, rows: [], problem, note: '' }, opened: null, schools: '' };
}

/** One listed link: opened as `runner`, its Rollup read; what went wrong in words, with what to do. */
function readTracker(link: string, runner: string): ReadOutcome {
  const id = spreadsheetIdOf(link);
  if (!id)
    return notRead(
      link,
      link,
      "Not a spreadsheet link: paste the school tracker's address from the browser (https://docs.google.com/spreadsheets/d/…).",
    );
  const url = spreadsheetUrl(id);
  const outcome = openOtherTracker(id);
  if (!outcome.ok) {
    const problem =
      outcome.why === 'missing'
        ? `Not found: no spreadsheet at this link that ${runner} can open. It was deleted, or the link is wrong; if the link is right, share that tracker with ${runner}.`
        : outcome.why === 'notShared'
          ? `Not shared with ${runner}, whose account runs this refresh: share the tracker with them (Viewer is enough to read its numbers; as a Leader on its Staff they also show the district's % Met there).`
          : `Could not be opened just now (${outcome.message}); the next refresh tries again.`;
    return notRead(url, link, problem);
  }
  const ss = outcome.ss;
  const name = ss.getName();
  const rollup = readSchoolRollup(ss);
  if (!rollup)
    return notRead(
      url,
      name,
      'Not set up for the district: it has no Rollup tab. A Leader there runs Relationship Calls → Set up tracker (it adds the tab), and its next refresh fills it.',
    );
  const reading = readRollup(rollup.values);
  if (!reading.ok)
    return notRead(
      url,
      name,
      `Its numbers could not be read: ${reading.problem}. A Leader there runs Relationship Calls → Set up tracker.`,
    );
  if (reading.schools.length === 0)
    return notRead(
      url,
      name,
      'No numbers yet: its Summary has not been refreshed since its Rollup tab was added (its upkeep trigger does it within the hour).',
    );
  const protection = rollupProtection(rollup.sheet);
  const note = protection.protected
    ? ''
    : 'Its Rollup tab is not protected, so anyone there could have changed these numbers: a Leader there runs Relationship Calls → Set up tracker.';
  return {
    result: { url, name, rows: reading.schools, problem: '', note },
    opened: { sheet: rollup.sheet, headers: rollup.values[0] ?? [], canEdit: protection.canEdit, url },
    schools: schoolNames(reading.schools),
  };
}

function schoolNames(rows: readonly PublishedRow[]): string {
  return rows.map((r) => r.school).join(', ');
}

export interface DistrictRefreshReport {
  table: DistrictTable;
  listed: number;
  read: number;
  /** Trackers not read, by name, with why. */
  notRead: Array<{ name: string; problem: string }>;
  /** Trackers read whose Summary cannot show the district's % Met (the runner may not write there). */
  notMarked: string[];
}

/**
 * Reads every listed school tracker (one failing never stops the others), writes the District
 * tab and what was found on the Trackers tab, and the district's % Met back on each school's
 * Rollup where the runner is one of its editors.
 */
export function refreshDistrict(tracker: Tracker, runner: string): DistrictRefreshReport {
  const { ss, now } = tracker;
  const tz = tracker.settings.timeZone;
  const { table: trackersTable, lines } = readTrackerLinks(ss);
  const firstRowOf = new Map<string, number>();
  const found = new Map<number, TrackerFound>();
  const results: TrackerResult[] = [];
  const opened: Opened[] = [];
  for (const line of lines) {
    const key = spreadsheetIdOf(line.link) ?? line.link;
    const first = firstRowOf.get(key);
    if (first !== undefined) {
      found.set(line.row, {
        schools: '',
        status: `Listed again on row ${first}: read once.`,
        checkedAt: now,
      });
      continue;
    }
    firstRowOf.set(key, line.row);
    const outcome = readTracker(line.link, runner);
    results.push(outcome.result);
    if (outcome.opened) opened.push(outcome.opened);
    const status = outcome.result.problem || ['Read.', outcome.result.note].filter(Boolean).join(' ');
    found.set(line.row, { schools: outcome.schools, status, checkedAt: now });
  }
  const table = districtTable(results, now, tz);
  const total = table.total.counts;
  const mark = districtMarkValues({
    tracker: ss.getUrl(),
    percentMet: total ? share(total.metGoal, total.staffWithGoals) : null,
    refreshedAt: now,
  });
  const notMarked: string[] = [];
  for (const o of opened) {
    if (o.canEdit) writeDistrictMark(o.sheet, o.headers, mark);
    else {
      const result = results.find((r) => r.url === o.url);
      notMarked.push(result?.name ?? o.url);
      const row = lines.find((l) => spreadsheetIdOf(l.link) === spreadsheetIdOf(o.url));
      const entry = row ? found.get(row.row) : undefined;
      if (entry)
        entry.status += ` Its Summary cannot show the district's % Met: ${runner} is not a Leader on its Staff (add them there, then run Set up tracker there).`;
    }
  }
  withDocumentLock(
    LOCK_WAIT_MS,
    () => {
      writeDistrictTab(ss, districtValues(table));
      writeTrackerStatus(trackersTable, found);
      markDistrictRefreshed(now);
    },
    () => {
      throw busyError();
    },
  );
  return {
    table,
    listed: results.length,
    read: results.filter((r) => !r.problem).length,
    notRead: results.filter((r) => r.problem).map((r) => ({ name: r.name, problem: r.problem })),
    notMarked,
  };
}

export function describeRefresh(report: DistrictRefreshReport): string {
  const schools = report.table.rows.filter((r) => r.counts).length;
  const lines = [
    `District tab refreshed: ${report.read} of ${report.listed} school tracker${report.listed === 1 ? '' : 's'} read, ${schools} school${schools === 1 ? '' : 's'}.`,
  ];
  if (report.listed === 0)
    lines.push(`Paste each school tracker's link in the ${DISTRICT_TABS[0].name} tab first.`);
  if (report.notRead.length > 0)
    lines.push(`Not read:\n${report.notRead.map((n) => `- ${n.name}: ${n.problem}`).join('\n')}`);
  const stale = report.table.rows.filter((r) => r.counts && r.status);
  if (stale.length > 0) lines.push(`To check:\n${stale.map((r) => `- ${r.school}: ${r.status}`).join('\n')}`);
  if (report.notMarked.length > 0)
    lines.push(
      `The district's % Met is not shown on the Summary of: ${report.notMarked.join(', ')} (see the ${DISTRICT_TABS[0].name} tab).`,
    );
  return lines.join('\n\n');
}

export function refreshDistrictRollupFromMenu(): void {
  const title = 'Refresh district rollup';
  const tracker = openTracker();
  const email = activeEmail();
  const refusal =
    leaderRefusal(tracker.ss, email, 'refresh the district rollup') ?? notDistrictTracker(tracker.ss);
  if (refusal) return alert(title, refusal);
  alert(title, describeRefresh(refreshDistrict(tracker, email)));
}

// ---- the triggers

const NOT_FROM_TRIGGER =
  'Nothing was done: this runs only as the district tracker’s own scheduled trigger. Use the Relationship Calls menu instead.';

function triggerUidOf(event: unknown): string {
  return String((event as { triggerUid?: unknown }).triggerUid);
}

/**
 * The checks every district trigger makes: started by the runner's own trigger of this handler,
 * the one the current schedule recorded (a replaced schedule's trigger removes itself), and the
 * runner still a Leader. The tracker to work on, or a message of what was (not) done.
 */
function scheduledRun(event: unknown, handler: string, which: 'refresh' | 'digest'): Tracker | string {
  const notMine = refusedUnlessOwnTrigger(event, handler, NOT_FROM_TRIGGER);
  if (notMine) return notMine;
  const uid = triggerUidOf(event);
  const schedule = districtSchedule();
  if (!schedule || schedule[which] !== uid) {
    removeTrigger(uid);
    return 'This trigger belonged to a replaced schedule and removed itself.';
  }
  const tracker = openTracker();
  const refusal = leaderRefusal(tracker.ss, effectiveEmail(), 'run the district rollup');
  // Thrown: the trigger's failure email tells its installer.
  if (refusal)
    throw new Error(`${refusal} A Leader runs Set up district rollup to schedule it from their account.`);
  return tracker;
}

/** The daily trigger: refresh the District tab, then send any district digest still owed. */
export function runDistrictRefresh(event: unknown): string {
  const tracker = scheduledRun(event, DISTRICT_REFRESH_HANDLER, 'refresh');
  if (typeof tracker === 'string') return tracker;
  const runner = effectiveEmail();
  // Leaders added to Staff since get their edit rights on the protected tabs.
  syncProtectionsIfStale(DISTRICT_TABS);
  const report = refreshDistrict(tracker, runner);
  const digest = districtDigestOf(tracker);
  if (digest)
    sendDistrictDigest(tracker, digest, { trigger: 'weekly', by: runner, resend: false, onlyOwed: true });
  return describeRefresh(report);
}

/** The weekly trigger: refresh, then send the week's district digest to every Leader not sent it yet. */
export function runDistrictDigest(event: unknown): string {
  const tracker = scheduledRun(event, DISTRICT_DIGEST_HANDLER, 'digest');
  if (typeof tracker === 'string') return tracker;
  const runner = effectiveEmail();
  refreshDistrict(tracker, runner);
  const digest = districtDigestOf(tracker);
  if (!digest) return 'The District tab could not be read.';
  return describeSend(
    sendDistrictDigest(tracker, digest, { trigger: 'weekly', by: runner, resend: false, onlyOwed: false }),
  );
}

// ---- the digest

/** The digest as the District tab now stands; null when the tab has no table yet. */
function districtDigestOf(tracker: Tracker): DistrictDigest | null {
  const { ss, now, settings } = tracker;
  const table = readDistrictTab(readDistrictValues(ss));
  if (!table) return null;
  const recipients = [
    ...new Set(
      protectionPeople(ss)
        .staff.filter((s) => s.role === 'Leader')
        .map((s) => s.email),
    ),
  ];
  const refreshedAt = districtRefreshedAt();
  return {
    weekOf: weekOfSending(now, settings.timeZone, settings.weekStarts),
    today: dayOf(now, settings.timeZone),
    recipients,
    table,
    refreshed: refreshedAt ? `${stamp(refreshedAt, settings.timeZone)} (${settings.timeZone})` : 'never',
    districtUrl: tabUrl(ss, DISTRICT),
  };
}

const NO_LEADER = 'there is no Leader on the Staff tab';

export function previewDistrictDigest(): void {
  const title = 'Preview district digest';
  const tracker = openTracker();
  const refusal =
    leaderRefusal(tracker.ss, activeEmail(), 'preview the district digest') ?? notDistrictTracker(tracker.ss);
  if (refusal) return alert(title, refusal);
  const digest = districtDigestOf(tracker);
  if (!digest)
    return alert(
      title,
      'The District tab has no table yet: run Relationship Calls → Refresh district rollup.',
    );
  const email = renderDistrictDigest(digest);
  showDialog(
    title,
    digestPreviewPage(
      {
        scope: DISTRICT_SCOPE,
        subject: email.subject,
        recipients: digest.recipients,
        noRecipients: digest.recipients.length > 0 ? '' : NO_LEADER,
        htmlBody: email.htmlBody,
      },
      [],
    ),
    760,
    640,
  );
}

interface SendOptions {
  trigger: DigestTrigger;
  by: string;
  /** Send again to Leaders who had this week's digest (a leader confirmed). */
  resend: boolean;
  /** Only digests still owed whose wait is over (the daily retry). */
  onlyOwed: boolean;
}

export interface DistrictSendReport {
  sent: string[];
  alreadySent: string[];
  pending: string[];
  failed: Array<{ recipient: string; error: string }>;
  noRecipients: boolean;
}

/**
 * Sends the digest to each Leader under the script lock, each at most once a week unless a
 * resend was confirmed; what cannot go now (the quota, a passing failure of the mail service)
 * stays owed in the district tracker's ledger and the daily trigger sends it.
 */
function sendDistrictDigest(
  tracker: Tracker,
  digest: DistrictDigest,
  options: SendOptions,
): DistrictSendReport {
  return withScriptLock(
    LOCK_WAIT_MS,
    () => {
      const report: DistrictSendReport = {
        sent: [],
        alreadySent: [],
        pending: [],
        failed: [],
        noRecipients: digest.recipients.length === 0,
      };
      const ledger = digestLedgerNow(digest.weekOf);
      const targets: DigestTarget[] = digest.recipients.map((recipient) => ({
        scope: DISTRICT_SCOPE,
        recipient,
      }));
      const due = targets.filter((t) => {
        const owed = ledger.owed.find((o) => sameTarget(o, t));
        if (options.onlyOwed) return !!owed && (!owed.notBefore || new Date(owed.notBefore) <= tracker.now);
        if (ledger.sentThisWeek(t) && !options.resend) {
          report.alreadySent.push(t.recipient);
          return false;
        }
        return true;
      });
      const owed: OwedDigest[] = [];
      let quota = due.length > 0 ? remainingMailQuota() : 0;
      const email = due.length > 0 ? renderDistrictDigest(digest) : null;
      for (const target of due) {
        const before = ledger.owed.find((o) => sameTarget(o, target));
        const wait = (why: string, tries: number, notBefore: Date | null) => {
          owed.push({
            ...target,
            trigger: before?.trigger ?? options.trigger,
            tries,
            notBefore: notBefore?.toISOString() ?? null,
            why,
          });
          report.pending.push(target.recipient);
        };
        if (quota <= 0 || !email) {
          wait('Waiting for email quota.', before?.tries ?? 0, null);
          continue;
        }
        const outcome = sendEmail({ to: [target.recipient], ...email });
        if (outcome.ok) {
          quota--;
          report.sent.push(target.recipient);
          continue;
        }
        const failure = classifyMailError(outcome.error);
        if (failure === 'quota') {
          quota = 0;
          wait('Waiting for email quota.', before?.tries ?? 0, null);
        } else if (failure === 'transient') {
          const tries = (before?.tries ?? 0) + 1;
          wait(
            `Google's mail service failed (${outcome.error}).`,
            tries,
            new Date(tracker.now.getTime() + retryWaitMs(tries)),
          );
        } else report.failed.push({ recipient: target.recipient, error: outcome.error });
      }
      const sent = report.sent.map((recipient) => ({ scope: DISTRICT_SCOPE, recipient }));
      // Owed digests of someone no longer a Leader are let go.
      const gone = ledger.owed.filter((o) => !targets.some((t) => sameTarget(t, o)));
      recordDigests(digest.weekOf, sent, [...due, ...gone], owed);
      forgetOlderWeeks(digest.weekOf);
      return report;
    },
    () => {
      throw new Error('The district digest is being sent by another run right now. Try again in a minute.');
    },
  );
}

export function describeSend(report: DistrictSendReport): string {
  const lines: string[] = [];
  if (report.noRecipients) lines.push(`Nothing sent: ${NO_LEADER}.`);
  if (report.sent.length > 0) lines.push(`Sent the district digest to ${report.sent.join(', ')}.`);
  if (report.alreadySent.length > 0)
    lines.push(`Already sent this week, so not sent again: ${report.alreadySent.join(', ')}.`);
  if (report.pending.length > 0)
    lines.push(
      `Not sent yet (the daily email quota, or a passing failure of Google's mail service): ${report.pending.join(', ')}. The daily refresh sends it.`,
    );
  if (report.failed.length > 0)
    lines.push(`Failed: ${report.failed.map((f) => `${f.recipient}: ${f.error}`).join('; ')}.`);
  if (lines.length === 0) lines.push('There was no district digest to send.');
  return lines.join('\n\n');
}

export function sendDistrictDigestNow(): void {
  const title = 'Send district digest now';
  const tracker = openTracker();
  const email = activeEmail();
  const refusal =
    leaderRefusal(tracker.ss, email, 'send the district digest') ?? notDistrictTracker(tracker.ss);
  if (refusal) return alert(title, refusal);
  const digest = districtDigestOf(tracker);
  if (!digest)
    return alert(
      title,
      'The District tab has no table yet: run Relationship Calls → Refresh district rollup.',
    );
  // Asked before taking the lock: a question left open must not hold up the weekly run.
  const ledger = digestLedgerNow(digest.weekOf);
  const sent = digest.recipients.filter((recipient) =>
    ledger.sentThisWeek({ scope: DISTRICT_SCOPE, recipient }),
  );
  const resend =
    sent.length > 0 &&
    confirm(
      title,
      `This week's district digest (week of ${shortDay(digest.weekOf)}) already went to ${sent.join(', ')}.\n\nSend it to them again? Choose No to send it only to Leaders who have not had it.`,
    );
  alert(
    title,
    describeSend(
      sendDistrictDigest(tracker, digest, { trigger: 'menu', by: email, resend, onlyOwed: false }),
    ),
  );
}

/** When the next weekly district digest goes, in words. */
function nextDistrictDigest(tracker: Tracker): string {
  const { digestDay, digestHour, timeZone } = tracker.settings;
  const next = nextDigestTime(tracker.now, digestDay, digestHour, timeZone);
  return `${weekdayOf(dayOf(next, timeZone))} ${stamp(next, timeZone)}`;
}
