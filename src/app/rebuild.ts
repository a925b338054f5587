/**
 * The full rebuild (Refresh summary, and upkeep's first refresh of each day): every tab read once
 * (the Call Log a block of rows at a time, kept as compact facts), follow-ups reconciled, then
 * each school's state, Summary rows and Families rows made, written and let go one school at a
 * time, so a district's are never all in memory at once.
 */
import {
  callFactOf,
  callOfFact,
  CALL_FACT_FIELDS,
  CallFact,
  followUpFactOf,
  FollowUpFact,
  KnownHousehold,
} from '../core/callFacts';
import { callRowProblems } from '../core/callChecks';
import { ColumnStore, RowRuns, toRuns } from '../core/compact';
import { addDays, startOfDay } from '../core/dates';
import { familiesHeader, familyCells } from '../core/families';
import { isHandOff } from '../core/followUps';
import { buildHouseholdIndex, isOffRoster, normalizeName } from '../core/households';
import {
  byStaffOrder,
  firstNames,
  isCountedDay,
  KEPT_NAMES,
  SchoolContribution,
  SchoolProgress,
  StaffProgress,
} from '../core/progress';
import { CallRecord, isCounted, RosterStudent, School, text } from '../core/records';
import { CALL_LOG, CALL_LOG_LATER_COLUMNS, REACHED_OUTCOME } from '../core/schema';
import { publishedRows, SchoolNumbers as RollupRow } from '../core/rollup';
import { schoolNumbers } from '../core/schoolNumbers';
import { encodeMySchool, mySchoolOf } from '../core/mySchool';
import {
  encodeDistrict,
  encodeState,
  encodeStudentIds,
  groupPeople,
  RowSchoolsBuilder,
  SchoolState,
  schoolsOfCall,
  schoolsOfPeople,
} from '../core/schoolState';
import { callVerifier, sha256 } from '../core/signature';
import { SnapshotStudent, studentsIndex } from '../core/snapshot';
import { FamiliesWriter } from '../sheets/familiesTab';
import { busyError, withDocumentLock } from '../sheets/lock';
import { signingKeyOrCreate } from '../sheets/state';
import {
  commitMeta,
  CoveredRow,
  DISTRICT,
  IDS,
  JOURNAL,
  MY_SCHOOL_CHARS,
  mySchoolBlob,
  ROWS,
  schoolBlob,
  StateWriter,
} from '../sheets/stateStore';
import { cellGetter, columnsReader, Table } from '../sheets/table';
import {
  callsOfRows,
  followUpHeader,
  readFollowUps,
  readRoster,
  readSchools,
  readStaff,
} from '../sheets/tabs';
import { Tracker } from '../sheets/tracker';
import { ownFollowUps, reconcileFollowUps } from './followUps';
import { identifyCalls, needsCallId } from './handEdits';
import { ORIGIN_COLUMNS } from './origin';
import { districtPercentMet, publishRollup, readRollupState } from './rollup';
import { RefreshOutcome, writeWholeSummary } from './summaryWrite';

/**
 * The Call Log columns the refresh uses: long text stays in the sheet (Check call log reads it),
 * but for what a row's signature covers.
 */
export const REFRESH_COLUMNS = CALL_LOG.columns
  .filter((c) => c.type !== 'longText' || ORIGIN_COLUMNS.includes(c.key))
  .map((c) => c.key);
/** Rows per read of the Call Log: each block becomes facts and is let go before the next is read. */
const BLOCK_ROWS = 5_000;

/** Long text is left out of the rows' checks: the full rebuild does not read it (Check call log does). */
const LONG_TEXT = new Set(CALL_LOG.columns.filter((c) => c.type === 'longText').map((c) => c.key));

/**
 * What the states were built under: Settings and the schools' goal deadlines change every
 * school's numbers, so a refresh that finds them changed rebuilds.
 */
export function refreshFingerprint(tracker: Tracker, schools: readonly School[]): string {
  const deadlines = schools.map((s) => [normalizeName(s.school), s.goalDeadline]);
  const digest = sha256(JSON.stringify({ settings: tracker.settings, deadlines }));
  return Array.from(digest.slice(0, 12), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Whether each call's row breaks the rules; its origin against its signature (the form's and
 * intact, typed, or changed by hand since) is set on the call.
 */
export function checkRows(
  tracker: Tracker,
  calls: ReadonlyArray<{ call: CallRecord; get: (key: string) => unknown }>,
  key: string | null,
): Map<number, boolean> {
  const context = {
    today: tracker.today,
    callsStartDate: tracker.settings.callsStartDate,
    timeZone: tracker.sheetTimeZone,
  };
  const verify = callVerifier(key, tracker.sheetTimeZone);
  return new Map(
    calls.map(({ call, get }) => {
      call.origin = verify(get);
      const checked = (k: string): unknown => (LONG_TEXT.has(k) ? '' : get(k));
      return [call.row, callRowProblems(checked, context).length > 0];
    }),
  );
}

/** What every school's state draws on. */
interface Members {
  calls: number[];
  students: number[];
  followUps: FollowUpFact[];
}

/** What a pass over the Call Log leaves: every call as a fact, and what the Summary and follow-ups need of the whole log. */
interface LogRead {
  facts: ColumnStore<CallFact>;
  /** The household of each Roster student, as the district's index found it. */
  householdOf: string[];
  through: CoveredRow;
  flagged: { invalid: number[]; typed: number[]; changed: number[]; uncounted: number[] };
  unknown: Array<[number, string]>;
  /** Counted calls whose student is not on their School's Roster (it has one). */
  notOnRoster: number[];
  /** The first row of each of the first KEPT_NAMES names among them. */
  notOnRosterNames: Map<string, number>;
  /** Urgent calls, whole, with their household. */
  urgent: Array<CallRecord & KnownHousehold>;
  /** Per household: calls with a Call ID, whether one reached them, whether a hand-off row names one. */
  tallies: Map<string, { attempts: number; reached: boolean; handedOff: boolean }>;
}

/**
 * The Call Log a block at a time, each call resolved to its household by the district's Roster
 * index, which is let go when this returns (it is the largest thing a rebuild builds).
 */
function readLog(
  tracker: Tracker,
  key: string,
  roster: readonly RosterStudent[],
  staffEmails: ReadonlySet<string>,
  handOffCalls: ReadonlySet<string>,
): LogRead {
  const { ss, sheetTimeZone: tz, settings, today } = tracker;
  const index = buildHouseholdIndex(roster, { remember: false });
  const reader = columnsReader(ss, CALL_LOG, REFRESH_COLUMNS, { optional: CALL_LOG_LATER_COLUMNS });
  const read: LogRead = {
    facts: new ColumnStore<CallFact>(CALL_FACT_FIELDS, Math.max(reader.lastRow, 1)),
    householdOf: roster.map((s) => index.keyFor(s)),
    through: { row: reader.lastRow, callId: '' },
    flagged: { invalid: [], typed: [], changed: [], uncounted: [] },
    unknown: [],
    notOnRoster: [],
    notOnRosterNames: new Map(),
    urgent: [],
    tallies: new Map(),
  };
  const seenIds = new Set<string>();
  const rosterSchools = new Set(roster.map((s) => normalizeName(s.school)));
  for (let first = 2; first <= reader.lastRow; first += BLOCK_ROWS) {
    const last = Math.min(reader.lastRow, first + BLOCK_ROWS - 1);
    const rows = reader.read(first, last);
    const calls = callsOfRows(reader.table, rows, first, tz);
    const invalid = checkRows(
      tracker,
      calls.map((call) => ({ call, get: cellGetter(reader.table, rows[call.row - first]) })),
      key,
    );
    // Rows typed without a Call ID, or copied with another row's, get their own first: no call is skipped.
    const needing = calls.filter((c) => needsCallId(c, seenIds));
    identifyCalls(ss, needing, tracker.now);
    if (last === reader.lastRow) {
      // As the row now stands: it may just have got its Call ID.
      const lastCall = calls.find((c) => c.row === last);
      const callId = lastCall
        ? lastCall.callId
        : text(cellGetter(reader.table, rows[rows.length - 1])('callId'));
      read.through = { row: last, callId };
    }
    for (const call of calls) {
      if (invalid.get(call.row)) read.flagged.invalid.push(call.row);
      const household = index.keyFor(call);
      read.facts.push(callFactOf(call, household));
      // A call withdrawn as logged by mistake is kept and counted nowhere.
      if (!isCounted(call)) continue;
      const countedDay = isCountedDay(call, settings.callsStartDate, today);
      if (countedDay && isOffRoster(household, call.school, rosterSchools)) noteOffRoster(read, call);
      if (!countedDay) read.flagged.uncounted.push(call.row);
      else if (!staffEmails.has(call.staffEmail)) read.unknown.push([call.row, call.staffEmail]);
      else if (call.origin === 'typed' || call.origin === 'changed') read.flagged[call.origin].push(call.row);
      if (call.urgent) read.urgent.push({ ...call, household });
      if (!call.callId) continue;
      const tally = read.tallies.get(household) ?? { attempts: 0, reached: false, handedOff: false };
      tally.attempts++;
      tally.reached ||= call.outcome === REACHED_OUTCOME;
      tally.handedOff ||= handOffCalls.has(call.callId);
      read.tallies.set(household, tally);
    }
  }
  return read;
}

/** A call not on its School's Roster: counted, and its name kept while names are few. */
function noteOffRoster(read: LogRead, call: CallRecord): void {
  read.notOnRoster.push(call.row);
  const names = read.notOnRosterNames;
  if (names.size < KEPT_NAMES && !names.has(call.student)) names.set(call.student, call.row);
}

/** A tab's last row and the Call ID it holds: a refresh checks that it still holds it. */
function lastRowOf(table: Table): CoveredRow {
  const row = table.sheet.getLastRow();
  if (row < 2) return { row, callId: '' };
  return { row, callId: text(table.sheet.getRange(row, table.index.callId + 1).getValue()) };
}

export function rebuild(tracker: Tracker): RefreshOutcome {
  const { ss, sheetTimeZone: tz, settings, today } = tracker;
  const key = signingKeyOrCreate();
  const staff = readStaff(ss);
  const schools = readSchools(ss, tz);
  const roster = readRoster(ss);
  // Only the records: the tab's rows as read are let go at once.
  const handOffCalls = new Set(
    ownFollowUps(readFollowUps(ss, tz).followUps)
      .own.filter(isHandOff)
      .map((f) => f.callId),
  );
  const people = groupPeople(staff);
  const schoolsOfEmail = schoolsOfPeople(new Map(Object.entries(people)));
  const { facts, householdOf, through, flagged, unknown, notOnRoster, notOnRosterNames, urgent, tallies } =
    readLog(tracker, key, roster, new Set(staff.map((s) => s.email)), handOffCalls);
  // A Roster household's key names one of its students (roster:N), whose school it belongs to.
  const ownerOfKey = (k: string): string | null =>
    k.startsWith('off-roster:')
      ? k.slice('off-roster:'.length, k.indexOf('|'))
      : k.startsWith('roster:')
        ? normalizeName(roster[Number(k.slice('roster:'.length))]?.school ?? '')
        : null;

  // Follow-ups the calls call for and nobody wrote, added in a short hold of the lock so that
  // everything below counts them. Reconciling needs the urgent calls and every call of the
  // households that are (or were) past the hand-off: not the district's whole log. Every one of
  // them knows its household, so the index they are given needs no Roster.
  const handOffAfter = settings.attemptsBeforeHandOff;
  const candidates = new Set(
    [...tallies].filter(([, t]) => t.handedOff || (t.attempts >= handOffAfter && !t.reached)).map(([k]) => k),
  );
  tallies.clear();
  const urgentRows = new Set(urgent.map((c) => c.row));
  const forFollowUps: CallRecord[] = [...urgent];
  for (let i = 0; i < facts.length; i++) {
    const fact = facts.get(i);
    if (candidates.has(fact.household) && !urgentRows.has(fact.row)) forFollowUps.push(callOfFact(fact));
  }
  // The add-on's own rows, as they stand once reconciled, and the tab's last row as it then is.
  const { followUps, followUpsThrough } = withDocumentLock(
    30_000,
    () => ({
      followUps: reconcileFollowUps(tracker, forFollowUps, roster, schools, studentsIndex([])),
      followUpsThrough: lastRowOf(followUpHeader(ss)),
    }),
    () => {
      throw busyError();
    },
  );
  forFollowUps.length = 0;

  // Who and what each school's state holds.
  const members = new Map<string, Members>();
  const membersOf = (school: string): Members => {
    let m = members.get(school);
    if (!m) members.set(school, (m = { calls: [], students: [], followUps: [] }));
    return m;
  };
  for (const s of schools) membersOf(normalizeName(s.school));
  for (const school of Object.keys(people)) membersOf(school);
  roster.forEach((s, i) => {
    for (const school of new Set([normalizeName(s.school), ...(schoolsOfEmail.get(s.assignedTo) ?? [])]))
      membersOf(school).students.push(i);
  });
  const rowSchools = new RowSchoolsBuilder(through.row);
  for (let i = 0; i < facts.length; i++) {
    const fact = facts.get(i);
    const schoolsOfThis = schoolsOfCall(
      fact,
      schoolsOfEmail.get(fact.staffEmail) ?? [],
      ownerOfKey(fact.household),
    );
    for (const school of schoolsOfThis) membersOf(school).calls.push(i);
    rowSchools.set(fact.row, schoolsOfThis);
  }
  for (const f of followUps) membersOf(normalizeName(f.school)).followUps.push(followUpFactOf(f));
  // The schools' facts hold what is needed of them now.
  followUps.length = 0;

  const stamp = tracker.now.getTime().toString(36);
  const store = new StateWriter(ss, stamp, key);
  const families = new FamiliesWriter(ss, familiesHeader());
  const staffRows: StaffProgress[] = [];
  const schoolRows: SchoolProgress[] = [];
  const contributions: Record<string, SchoolContribution> = {};
  const rollup: Record<string, RollupRow> = {};
  const context = { schools, settings, today };
  for (const school of [...members.keys()].sort()) {
    const m = members.get(school) as Members;
    const students: SnapshotStudent[] = m.students.map((i) => ({ ...roster[i], household: householdOf[i] }));
    const own = people[school] ?? [];
    const here = new Set(own.map((s) => s.email));
    const assignees = new Set(students.map((s) => s.assignedTo));
    const state: SchoolState = {
      school,
      students,
      staff: [...own, ...staff.filter((s) => assignees.has(s.email) && !here.has(s.email))],
      calls: m.calls.map((i) => facts.get(i)),
      followUps: m.followUps,
    };
    const numbers = schoolNumbers(state, context);
    store.add(schoolBlob(school), encodeState(state));
    const familiesAt = families.add(familyCells(numbers.families));
    const mySchool = mySchoolOf(numbers, state, context, (_f, i) => familiesAt + i, tracker.now.getTime());
    if (mySchool) store.add(mySchoolBlob(school), encodeMySchool(mySchool, MY_SCHOOL_CHARS), 1);
    staffRows.push(...numbers.staff);
    if (numbers.row) schoolRows.push(numbers.row);
    contributions[school] = numbers.contribution;
    if (numbers.rollup) rollup[school] = numbers.rollup;
  }
  const runs = (rows: number[]): RowRuns => toRuns(rows);
  const named = [...notOnRosterNames].map(([student, row]): [number, string] => [row, student]);
  store.add(
    DISTRICT,
    encodeDistrict({
      invalid: runs(flagged.invalid),
      typed: runs(flagged.typed),
      changed: runs(flagged.changed),
      uncounted: runs(flagged.uncounted),
      day: today,
      unknown,
      notOnRoster: runs(notOnRoster),
      notOnRosterNames: named,
      staff: people,
    }),
  );
  store.add(ROWS, rowSchools.encode());
  store.add(IDS, encodeStudentIds(roster, householdOf));
  store.add(JOURNAL, '');
  store.flush();
  families.finish();

  const unknownEmails = new Map<string, number>();
  for (const [, email] of unknown) unknownEmails.set(email, (unknownEmails.get(email) ?? 0) + 1);
  const rollupState = readRollupState(ss);
  const summary = writeWholeSummary(tracker, districtPercentMet(tracker, rollupState), {
    staff: staffRows.sort(byStaffOrder),
    schools: schoolRows,
    contributions,
    counts: {
      unknownCalls: unknown.length,
      unknownEmails: [...unknownEmails.keys()].sort(),
      invalidCallRows: flagged.invalid.length,
      typed: flagged.typed.length,
      changed: flagged.changed.length,
      uncounted: flagged.uncounted.length,
      notOnRoster: { count: notOnRoster.length, students: firstNames(named) },
    },
  });
  publishRollup(
    tracker,
    rollupState,
    publishedRows(
      Object.values(rollup),
      schools.map((s) => s.school),
    ),
    staff,
  );
  commitMeta(
    {
      stamp,
      base: through.row,
      day: today,
      until: startOfDay(addDays(today, 1), tz).getTime(),
      fingerprint: refreshFingerprint(tracker, schools),
      through,
      followUpsThrough,
      blobs: store.blobs,
    },
    { contributions, blocks: summary.blocks, rollup },
  );
  return summary.outcome;
}
