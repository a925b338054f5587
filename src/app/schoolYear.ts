/**
 * A new school year, Sheets-native and with no new permission: a leader makes a copy of last
 * year's tracker (File → Make a copy keeps the bound script) and, in the copy, runs Start a new
 * school year; in last year's tracker, Close this school year. Both are the owner's or a
 * Leader's, ask before they change anything, say exactly what they did, refuse to run on the
 * wrong tracker, and lose nothing: last year's tracker keeps every row it had.
 *
 * Which is which: setup leaves a note on the Settings header naming the tracker (a copy keeps
 * it) and records the spreadsheet's id in its document properties (a copy has none). A fresh copy
 * is a spreadsheet whose note names another tracker and whose properties name none.
 */
import { cellToDay, Day, stamp } from '../core/dates';
import { handOffId, KnownFollowUp, urgentId } from '../core/ledger';
import { hash53 } from '../core/ids';
import { isOpenFollowUp, text } from '../core/records';
import { isHandOff } from '../core/followUps';
import {
  aYearLater,
  carriedReason,
  dayAnswer,
  originNote,
  originOf,
  schoolYearName,
} from '../core/schoolYear';
import {
  CALL_LOG,
  DIGEST_LOG,
  FAMILIES,
  FOLLOW_UPS,
  ROLLUP,
  ROSTER,
  SCHOOLS,
  SETTINGS_TAB,
  SIDEBAR_DATA,
  SUMMARY,
} from '../core/schema';
import { spreadsheetLink } from '../core/trackerLink';
import { followUpSigner, signedFollowUpId } from '../core/signature';
import { SettingsRead, shortWrite, writeSettingsHeaderNote } from '../sheets/layout';
import { recordLedger } from '../sheets/ledgerStore';
import { ROOM_ROWS } from '../sheets/room';
import { activeEmail } from '../sheets/session';
import { markSummaryStale, setDigestSchedule, signingKey, signingKeyOrCreate } from '../sheets/state';
import { appendRows, cellGetter, findSheet, readOptionalTable, readTable } from '../sheets/table';
import { readFollowUps, writeBlockCells } from '../sheets/tabs';
import { openTracker, Tracker } from '../sheets/tracker';
import {
  installWeeklyDigestTrigger,
  removeOwnUpkeepTriggers,
  removeWeeklyDigestTriggers,
} from '../sheets/triggers';
import { alert, askText, confirm } from '../sheets/ui';
import { emptyBelowHeader, emptyGenerated, noteOnSummary } from '../sheets/yearTabs';
import {
  recordedTrackerId,
  recordTrackerId,
  recordYearClosed,
  recordYearStarted,
  yearClosed,
  yearStarted,
  YearStep,
} from '../sheets/yearState';
import { protectionPeople } from './access';
import { startLedger } from './followUps';
import { refreshSummary } from './summary';
import { ownerOrLeaderRefusal, setUpTracker } from './setup';
import { START_NEW_YEAR } from './trackerOrigin';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const START = START_NEW_YEAR;
const CLOSE = 'Close this school year';
const NOTHING_CHANGED = 'Nothing was changed.';

/** Why a step stops before changing anything: said to the leader in an alert. */
class Refusal extends Error {}

// ---- asking

/** Asks for a day until one is given (blank = `fallback`); null when the leader cancels. */
function askDay(question: string, fallback: Day, after?: Day): Day | null {
  let problem = '';
  for (;;) {
    const answer = askText(START, `${problem}${question} (YYYY-MM-DD). Leave it blank for ${fallback}.`);
    if (answer === null) return null;
    const day = dayAnswer(answer, fallback);
    if (day && (!after || day >= after)) return day;
    problem = day ? `${day} is before ${after}. ` : `"${answer.trim()}" is not a day. `;
  }
}

/** Asks for another tracker's link until one is given; null when the leader cancels. */
function askLink(title: string, question: string, own: string): string | null {
  let problem = '';
  for (;;) {
    const answer = askText(title, `${problem}${question}`);
    if (answer === null) return null;
    const link = spreadsheetLink(answer);
    if (link && link !== own) return link;
    problem = link
      ? 'That is this spreadsheet. '
      : `"${answer.trim()}" is not a Google Sheets link (https://docs.google.com/spreadsheets/d/…). `;
  }
}

function refuseUnlessLeader(ss: Spreadsheet, what: string): string {
  const email = activeEmail();
  const refusal = ownerOrLeaderRefusal(protectionPeople(ss), email, what);
  if (refusal) throw new Refusal(refusal);
  return email;
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

// ---- Start a new school year (in the copy)

interface StartPlan {
  origin: string;
  callsStartDate: Day;
  goalDeadline: Day;
  clearRoster: boolean;
}

function planStart(tracker: Tracker, settings: SettingsRead): StartPlan | null {
  const ss = tracker.ss;
  const own = ss.getUrl();
  const started = yearStarted();
  if (started)
    throw new Refusal(
      `This tracker's school year was already started here on ${started.at.slice(0, 10)} by ${started.by}, from ${started.tracker}. ${NOTHING_CHANGED}`,
    );
  if (recordedTrackerId() !== null || signingKey() !== null)
    throw new Refusal(
      `This is a tracker in use, not a fresh copy: starting a new school year would empty its calls. Make a copy of it first (File → Make a copy), open the copy, and choose ${START} there. ${NOTHING_CHANGED}`,
    );
  if (!findSheet(ss, CALL_LOG) || !findSheet(ss, FOLLOW_UPS))
    throw new Refusal(
      `This spreadsheet is not a copy of a tracker (it has no Call Log or Follow-ups tab). ${NOTHING_CHANGED}`,
    );
  const noted = originOf(settings.headerNote);
  const origin =
    noted && noted !== own
      ? noted
      : askLink(START, "The link to last year's tracker (the spreadsheet you copied):", own);
  if (!origin) return null;
  const last = tracker.settings;
  const callsStartDate = askDay('Calls Start Date for the new school year', aYearLater(last.callsStartDate));
  if (!callsStartDate) return null;
  const goalDeadline = askDay(
    'Goal Deadline for the new school year',
    aYearLater(last.goalDeadline),
    callsStartDate,
  );
  if (!goalDeadline) return null;
  const roster = readOptionalTable(ss, ROSTER);
  const students = roster ? roster.rows.filter((r) => r.some((v) => v !== '')).length : 0;
  const clearRoster =
    students > 0 &&
    confirm(
      START,
      `Empty the Roster (${count(students, 'student')}) for this year's families? Yes empties it (fill it again before teachers call); No keeps last year's Roster.`,
    );
  const year = schoolYearName(callsStartDate);
  const go = confirm(
    START,
    `Make this copy the tracker for ${year}? It empties Call Log, Digest Log, Summary, Families and Rollup${clearRoster ? ' and the Roster' : ''}, keeps Staff, Schools, Settings and Alert Routes${clearRoster ? '' : ' and the Roster'}, carries open follow-ups over, and gets its own signing key and triggers. Last year's tracker (${origin}) is not changed.`,
  );
  return go ? { origin, callsStartDate, goalDeadline, clearRoster } : null;
}

/**
 * Writes the new year's days and last year's link into Settings (date cells for days): one write
 * for the adjacent days, one for the link; the rows in between are never written.
 */
function writeYearSettings(tracker: Tracker, plan: StartPlan): void {
  const table = readTable(tracker.ss, SETTINGS_TAB);
  const values: Record<string, unknown> = {
    'calls start date': plan.callsStartDate,
    'goal deadline': plan.goalDeadline,
    'previous year tracker': plan.origin,
  };
  const rows: number[] = [];
  table.rows.forEach((row, r) => {
    const name = text(cellGetter(table, row)('setting')).toLowerCase();
    if (!(name in values)) return;
    row[table.index.value] = values[name];
    delete values[name];
    rows.push(r + 2);
  });
  writeBlockCells({ table, first: 2, rows: table.rows }, 'value', rows);
}

/**
 * Goal Deadline overrides on Schools that end before the new year starts were last year's:
 * cleared (one write), named.
 */
function clearOldSchoolDeadlines(tracker: Tracker, start: Day): string[] {
  const table = readOptionalTable(tracker.ss, SCHOOLS, {
    optional: ['goalDeadline', 'principalEmails', 'followUpEmails'],
  });
  if (!table || table.index.goalDeadline < 0) return [];
  const cleared: string[] = [];
  const rows: number[] = [];
  table.rows.forEach((row, r) => {
    const get = cellGetter(table, row);
    const day = cellToDay(get('goalDeadline'), tracker.sheetTimeZone);
    if (day && day < start) {
      row[table.index.goalDeadline] = '';
      rows.push(r + 2);
      cleared.push(text(get('school')));
    }
  });
  writeBlockCells({ table, first: 2, rows: table.rows }, 'goalDeadline', rows);
  return cleared;
}

interface Carried {
  row: unknown[];
  known: KnownFollowUp;
}

/**
 * The open follow-ups of last year, marked as such and signed by this tracker's key: the ledger
 * knows each (its alert was last year's: none is sent again), and a hand-off closes when this
 * year's calls reach its family. Their ids come from last year's signatures, read in the clear.
 */
function carryFollowUps(
  tracker: Tracker,
  key: string,
): { carried: Carried[]; closedLeft: number; table: ReturnType<typeof readFollowUps>['table'] } {
  const { table, followUps } = readFollowUps(tracker.ss, tracker.sheetTimeZone);
  if (!table) return { carried: [], closedLeft: 0, table };
  const sign = followUpSigner(key);
  const carried: Carried[] = [];
  let closedLeft = 0;
  for (const f of followUps) {
    if (!isOpenFollowUp(f)) {
      closedLeft++;
      continue;
    }
    const kind = isHandOff(f) ? 'hand-off' : 'urgent';
    const id =
      signedFollowUpId(f.signature) ||
      (kind === 'urgent' && f.callId
        ? urgentId(f.callId)
        : handOffId(f.school, `carried ${hash53(`${f.student}\u0000${f.flaggedOn ?? ''}`).toString(36)}`));
    const row = [...table.rows[f.row - 2]];
    row[table.index.reason] = carriedReason(f.reason);
    if (table.index.signature >= 0)
      row[table.index.signature] = sign({ id, callId: f.callId, school: f.school, kind });
    carried.push({ row, known: { id, kind, closed: false, alert: kind === 'urgent' ? 'earlier' : 'none' } });
  }
  return { carried, closedLeft, table };
}

function startYear(tracker: Tracker, settings: SettingsRead, plan: StartPlan, email: string): string[] {
  const ss = tracker.ss;
  const url = ss.getUrl();
  const lines: string[] = [];
  // The digests went out every week last year: they will this year too.
  const digestLog = readOptionalTable(ss, DIGEST_LOG);
  const weekly = Boolean(
    digestLog?.rows.some((row) => text(cellGetter(digestLog, row)('trigger')) === 'weekly'),
  );
  const digestRows = digestLog ? digestLog.rows.filter((r) => r.some((v) => v !== '')).length : 0;
  const callLog = findSheet(ss, CALL_LOG)!;
  const calls = Math.max(callLog.getLastRow() - 1, 0);
  const roster = findSheet(ss, ROSTER);
  const key = signingKeyOrCreate();
  const { carried, closedLeft, table } = carryFollowUps(tracker, key);
  shortWrite(() => {
    emptyBelowHeader(callLog, ROOM_ROWS);
    if (table) {
      emptyBelowHeader(table.sheet, ROOM_ROWS);
      appendRows(
        table,
        carried.map((c) => c.row),
        1,
      );
    }
    const digests = findSheet(ss, DIGEST_LOG);
    if (digests) emptyBelowHeader(digests, 999);
    // The Rollup too: last year's numbers, and what a district tracker wrote about last year's tracker.
    for (const tab of [SUMMARY, FAMILIES, SIDEBAR_DATA, ROLLUP]) emptyGenerated(ss, tab);
    if (plan.clearRoster && roster) emptyBelowHeader(roster, 999);
  });
  recordLedger({ known: carried.map((c) => c.known) });
  startLedger();
  writeSettingsHeaderNote(settings.table, originNote(url));
  recordTrackerId(ss.getId());
  recordYearStarted({ at: tracker.now.toISOString(), by: email, tracker: plan.origin });
  writeYearSettings(tracker, plan);
  const deadlines = clearOldSchoolDeadlines(tracker, plan.callsStartDate);
  // Lays out the emptied tabs, protects them for this tracker's Leaders, installs the upkeep trigger.
  const setup = setUpTracker();
  const fresh = openTracker();
  if (weekly) {
    const { digestDay, digestHour, timeZone } = fresh.settings;
    setDigestSchedule({ triggerId: installWeeklyDigestTrigger(digestDay, digestHour, timeZone), by: email });
  }
  markSummaryStale(fresh.now);
  refreshSummary(fresh);

  lines.push(
    `This spreadsheet is now the tracker for ${schoolYearName(plan.callsStartDate)}: calls from ${plan.callsStartDate}, goals due ${plan.goalDeadline}.`,
    `Last year's tracker, kept as it was: ${plan.origin} (Settings → Previous Year Tracker).`,
    `Emptied: Call Log (${count(calls, 'call')}), Digest Log (${count(digestRows, 'row')}), Summary, Families and Rollup${plan.clearRoster ? ', and the Roster, as you chose' : ''}. Kept: Staff, Schools, Settings, Alert Routes${plan.clearRoster ? '' : ' and the Roster'}.`,
    `Follow-ups: ${count(carried.length, 'open follow-up')} carried over, marked "(from last year)"; no alert is sent for them again. ${count(closedLeft, 'closed one')} stayed in last year's tracker.`,
  );
  if (fresh.settings.districtTracker)
    lines.push(
      `This tracker reports to the district tracker ${fresh.settings.districtTracker} (Settings → District Tracker, kept): ask a Leader there to replace last year's link with this one on its Trackers tab.`,
    );
  if (deadlines.length > 0)
    lines.push(
      `Schools: Goal Deadline cleared for ${deadlines.join(', ')} (it was last year's); the Settings one applies.`,
    );
  lines.push(
    `This tracker has its own signing key${setup.repaired.some((r) => r.includes('upkeep trigger')) ? ', and its upkeep trigger (yours)' : ''}${weekly ? ' and weekly digests, as last year' : ''}.`,
    `Next: in last year's tracker, choose Relationship Calls → ${CLOSE} and give it this tracker's link: ${url}`,
  );
  if (ss.getName().startsWith('Copy of '))
    lines.push(`You may want to rename this spreadsheet (File → Rename).`);
  return lines;
}

export function startNewSchoolYear(): void {
  const tracker = openTracker();
  try {
    const email = refuseUnlessLeader(tracker.ss, 'start a new school year');
    const settingsTable = readTable(tracker.ss, SETTINGS_TAB);
    const settings: SettingsRead = {
      table: settingsTable,
      valueNotes: [],
      valueBackgrounds: [],
      headerNote: settingsTable.sheet.getRange(1, settingsTable.index.setting + 1).getNote(),
    };
    const plan = planStart(tracker, settings);
    if (!plan) return alert(START, NOTHING_CHANGED);
    let lines: string[];
    try {
      lines = startYear(tracker, settings, plan, email);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Refusal(
        `Starting the new school year stopped partway: ${why}\n\nThis copy may be half emptied. Last year's tracker was not changed: delete this copy, make a new one of ${plan.origin}, and start the year there.`,
      );
    }
    alert(START, lines.join('\n\n'));
  } catch (error) {
    if (error instanceof Refusal) return alert(START, error.message);
    throw error;
  }
}

// ---- Close this school year (in last year's tracker)

function closedBefore(closed: YearStep): string {
  return `This tracker's school year was already closed on ${closed.at.slice(0, 10)} by ${closed.by}; this year's tracker: ${closed.tracker}. ${NOTHING_CHANGED}`;
}

export function closeSchoolYear(): void {
  const tracker = openTracker();
  const ss = tracker.ss;
  try {
    const email = refuseUnlessLeader(ss, 'close the school year');
    const closed = yearClosed();
    if (closed) throw new Refusal(closedBefore(closed));
    if (recordedTrackerId() === null && signingKey() === null)
      throw new Refusal(
        `This spreadsheet is a copy that has not started a school year: there is nothing to close here. ${CLOSE} runs in last year's tracker, once this year's is started. ${NOTHING_CHANGED}`,
      );
    const own = ss.getUrl();
    const next = askLink(
      CLOSE,
      "The link to this year's tracker (where the new school year was started):",
      own,
    );
    if (!next) return alert(CLOSE, NOTHING_CHANGED);
    const year = schoolYearName(tracker.settings.callsStartDate);
    if (
      !confirm(
        CLOSE,
        `Close ${year} in this tracker? Its upkeep and weekly digests stop, nobody can add calls or follow-ups here any more, and the Summary says where this year's tracker is. Nothing is deleted.`,
      )
    )
      return alert(CLOSE, NOTHING_CHANGED);
    // Recorded first: from now on every other Leader's trigger here removes itself at its next run.
    recordYearClosed({ at: tracker.now.toISOString(), by: email, tracker: next });
    removeOwnUpkeepTriggers();
    const weekly = removeWeeklyDigestTriggers();
    setDigestSchedule(null);
    // Call Log and Follow-ups: protected whole, no row left open (setup keeps them so).
    setUpTracker();
    noteOnSummary(
      ss,
      `This school year (${year}) was closed on ${stamp(tracker.now, tracker.sheetTimeZone)}: its numbers are final. This year's tracker: ${next}`,
    );
    alert(
      CLOSE,
      [
        `${year} is closed in this tracker, and nothing in its tabs was deleted or changed.`,
        `Stopped: your upkeep trigger${weekly > 0 ? ' and your weekly digests' : ''}; any other Leader's trigger here removes itself at its next run.`,
        'Call Log and Follow-ups are protected whole: nobody adds or changes a call or a follow-up here any more (the owner and Leaders still can, by hand). The sidebar tells teachers where to log calls.',
        `The Summary's first line says where this year's tracker is: ${next}`,
      ].join('\n\n'),
    );
  } catch (error) {
    if (error instanceof Refusal) return alert(CLOSE, error.message);
    throw error;
  }
}
