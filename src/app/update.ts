/**
 * The refresh between two full rebuilds: it reads only what changed since the last refresh (the
 * Call Log rows logged since, the rows edited by hand, the Follow-ups rows added or edited, and
 * Staff when it was edited), recomputes the schools those rows bear on from their states, and
 * rewrites their Summary rows and the Families rows of the households they touch. It returns
 * null when it cannot (rows moved under it, a school's number of rows changed, Settings or the
 * Roster were edited): the caller then rebuilds everything.
 */
import { BLANK_FACT, CallFact, callFactOf, callOfFact, followUpFactOf } from '../core/callFacts';
import { runsHave } from '../core/compact';
import { familyCells, FamilyCell, FamilyRow } from '../core/families';
import { encodeMySchool, mySchoolOf } from '../core/mySchool';
import { tallyHouseholds } from '../core/followUps';
import { isOffRoster, normalizeName } from '../core/households';
import {
  byStaffOrder,
  districtProgress,
  isCountedDay,
  SchoolContribution,
  SchoolProgress,
  StaffProgress,
} from '../core/progress';
import { CallRecord, FollowUpRecord, StaffMember, text, toFollowUpRecord } from '../core/records';
import { CALL_LOG, CALL_LOG_LATER_COLUMNS, FOLLOW_UPS } from '../core/schema';
import { publishedRows, SchoolNumbers as RollupRow } from '../core/rollup';
import { SchoolNumbers, schoolNumbers, SchoolNumbersContext } from '../core/schoolNumbers';
import {
  addToJournal,
  decodeDistrict,
  decodeState,
  DistrictFacts,
  emptyState,
  groupPeople,
  householdSchool,
  Journal,
  JournalCall,
  JournalFollowUp,
  journalLine,
  logCounts,
  LogCounts,
  parseJournal,
  peopleBySchool,
  rowSchoolsOf,
  SchoolState,
  schoolsOf,
  schoolsOfCall,
  schoolsOfPeople,
  studentIdLookup,
  withJournal,
} from '../core/schoolState';
import { studentsIndex } from '../core/snapshot';
import {
  noteCells,
  schoolCells,
  staffBlockCells,
  stampCells,
  SummaryBlocks,
  SummaryCell,
} from '../core/summaryTable';
import { EditRecord } from '../sheets/edits';
import { FamilyRowIndex, updateFamilyRows } from '../sheets/familiesTab';
import { busyError, withDocumentLock } from '../sheets/lock';
import { signingKeyOrCreate } from '../sheets/state';
import {
  appendToJournal,
  commitMeta,
  CoveredRow,
  DISTRICT,
  IDS,
  JOURNAL,
  loadBlobs,
  MY_SCHOOL_CHARS,
  mySchoolBlob,
  rewriteSlots,
  ROWS,
  schoolBlob,
  SCHOOL_BLOB_PREFIX,
  StoreMeta,
  SummaryMemory,
} from '../sheets/stateStore';
import { patchSummary, StaffBlock, SummaryPatch } from '../sheets/summaryTab';
import { cellGetter, isBlankRow, readHeaderRow, readRowsOf, Table } from '../sheets/table';
import { callsOfRows, NEWER_FOLLOW_UP_COLUMNS, readSchools, readStaff } from '../sheets/tabs';
import { Tracker } from '../sheets/tracker';
import { followCalls, followUpsOwed, keepFollowUpCells, ownFollowUps } from './followUps';
import { identifyCalls, needsCallId } from './handEdits';
import { checkRows, refreshFingerprint } from './rebuild';
import { districtPercentMet, publishRollup, readRollupState } from './rollup';
import { RefreshOutcome, stampOf, summaryNotes, writeWholeSummary } from './summaryWrite';
import { unreadableNames } from './settings';

/** Rows of a tab that changed since the last refresh, and whether the rows it read are still where it read them. */
interface Changed {
  /** Sheet row → its cells, for the rows added since and the rows edited by hand. */
  rows: Map<number, unknown[]>;
  lastRow: number;
  /** The last row's Call ID, for the next refresh's check. */
  last: CoveredRow;
}

/**
 * Reads the rows from the last covered one to the end (the covered one must still hold the same
 * call: a sort or a deletion moves it) and the runs edited by hand at or above it: one read each.
 */
function changedRows(
  table: Table,
  covered: CoveredRow,
  edited: ReadonlyArray<[number, number]>,
): Changed | null {
  const lastRow = table.sheet.getLastRow();
  if (lastRow < covered.row) return null;
  const rows = new Map<number, unknown[]>();
  const from = Math.max(covered.row, 2);
  const tail = readRowsOf(table, from, lastRow);
  if (covered.row >= 2 && text(tail[0]?.[table.index.callId]) !== covered.callId) return null;
  tail.forEach((row, i) => {
    if (from + i > covered.row) rows.set(from + i, row);
  });
  for (const [first, last] of edited) {
    const top = Math.min(last, covered.row);
    if (Math.max(first, 2) > top) continue;
    readRowsOf(table, Math.max(first, 2), top).forEach((row, i) => rows.set(Math.max(first, 2) + i, row));
  }
  const lastCells = lastRow > covered.row ? rows.get(lastRow) : tail[tail.length - 1];
  return {
    rows,
    lastRow,
    last: { row: lastRow, callId: lastRow < 2 ? '' : text(lastCells?.[table.index.callId]) },
  };
}

export interface UpdateInput {
  meta: StoreMeta;
  memory: SummaryMemory;
  edits: EditRecord | null;
}

/**
 * The calls to follow (src/app/followUps.ts) after these changes: the urgent ones, and every
 * call of each household they touched (as they were and as they are, since a cleared
 * conversation can leave its household past the hand-off), so that each household is tallied whole.
 */
function callsToFollow(
  changes: readonly JournalCall[],
  households: ReadonlySet<string>,
  states: ReadonlyMap<string, SchoolState>,
  recordOf: (fact: CallFact) => CallRecord,
): CallRecord[] {
  const calls = new Map<number, CallRecord>();
  for (const c of changes) if (!c.blank && c.urgent) calls.set(c.row, recordOf(c));
  for (const state of states.values())
    for (const c of state.calls)
      if (households.has(c.household) && !calls.has(c.row)) calls.set(c.row, recordOf(c));
  return [...calls.values()];
}

export function update(tracker: Tracker, { meta, memory, edits }: UpdateInput): RefreshOutcome | null {
  const { ss, sheetTimeZone: tz } = tracker;
  if (edits && (edits.lost || edits.roster || edits.settings)) return null;
  const schools = readSchools(ss, tz);
  if (refreshFingerprint(tracker, schools) !== meta.fingerprint) return null;
  const key = signingKeyOrCreate();

  const log = readHeaderRow(ss, CALL_LOG, { optional: CALL_LOG_LATER_COLUMNS });
  const logChanges = changedRows(log, meta.through, edits?.calls ?? []);
  const fu = readHeaderRow(ss, FOLLOW_UPS, { optional: NEWER_FOLLOW_UP_COLUMNS });
  const fuChanges = changedRows(fu, meta.followUpsThrough, edits?.followUps ?? []);
  if (!logChanges || !fuChanges) return null;

  const stored = loadBlobs(ss, meta, [DISTRICT, JOURNAL]);
  const district = decodeDistrict(stored.get(DISTRICT) ?? '');
  const journal = parseJournal(stored.get(JOURNAL) ?? '');
  if (!district || !journal) return null;

  // Staff, when it was edited: each school whose people's rows changed gets them in the journal.
  const people = peopleBySchool(district, journal);
  const schoolsBefore = schoolsOfPeople(people);
  const staffChanges = new Map<string, StaffMember[]>();
  if (edits?.staff) {
    const now = groupPeople(readStaff(ss));
    for (const school of new Set([...people.keys(), ...Object.keys(now)])) {
      const rows = now[school] ?? [];
      if (JSON.stringify(rows) !== JSON.stringify(people.get(school) ?? [])) staffChanges.set(school, rows);
    }
    for (const [school, rows] of staffChanges) people.set(school, rows);
  }
  const schoolsOfEmail = schoolsOfPeople(people);

  // Each school's state, read once: the call's own school first, to find its household.
  const states = new Map<string, SchoolState>();
  const load = (schoolNames: Iterable<string>): boolean => {
    const missing = [...new Set(schoolNames)].filter((s) => !states.has(s));
    const texts = loadBlobs(ss, meta, missing.map(schoolBlob));
    for (const school of missing) {
      const stored = texts.get(schoolBlob(school));
      // Calls and staff with a blank School have no Summary rows: an empty state will do. A school
      // the last rebuild did not know (a new name) has no rows to patch: rebuild.
      const state = stored ? decodeState(stored) : school === '' ? emptyState('') : null;
      if (!state) return false;
      states.set(school, state);
    }
    return true;
  };

  const calls = new Map<number, CallRecord>();
  for (const [row, cells] of logChanges.rows) {
    const [call] = callsOfRows(log, [cells], row, tz);
    if (call) calls.set(row, call);
  }
  // Where each changed row was before: the journal says for the rows it has, the rows index for
  // the rows of the full rebuild. Those schools lose the call as it was.
  const editedBase = [...logChanges.rows.keys()].some((r) => r <= meta.base && !journal.calls.has(r));
  const rowSchools = editedBase ? rowSchoolsOf(loadBlobs(ss, meta, [ROWS]).get(ROWS) ?? '') : null;
  if (editedBase && !rowSchools) return null;
  const before = new Map<number, string[]>();
  for (const row of logChanges.rows.keys()) {
    const entry = journal.calls.get(row);
    before.set(row, entry ? schoolsOf(entry) : row <= meta.base && rowSchools ? rowSchools(row) : []);
  }
  if (!load([...[...calls.values()].map((c) => normalizeName(c.school)), ...[...before.values()].flat()]))
    return null;
  const invalid = checkRows(
    tracker,
    [...calls.values()].map((call) => ({ call, get: cellGetter(log, logChanges.rows.get(call.row) ?? []) })),
    key,
  );
  // Rows typed without a Call ID, or copied with another row's (of the schools they bear on), get their own.
  const seenIds = new Set<string>();
  for (const state of states.values())
    for (const fact of withJournal(state, journal).calls)
      if (!logChanges.rows.has(fact.row) && fact.callId) seenIds.add(fact.callId);
  const needing = [...calls.values()].sort((a, b) => a.row - b.row).filter((c) => needsCallId(c, seenIds));
  identifyCalls(ss, needing, tracker.now);
  const lastCall = calls.get(logChanges.last.row);
  if (lastCall) logChanges.last = { row: lastCall.row, callId: lastCall.callId };
  const counted = (c: Pick<CallRecord, 'callDate' | 'staffEmail'>): boolean =>
    isCountedDay(c, tracker.settings.callsStartDate, tracker.today);
  const affected = new Set<string>(staffChanges.keys());
  const touched = new Set<string>();
  const callChanges: JournalCall[] = [];
  let studentIds: ReturnType<typeof studentIdLookup> | undefined;
  for (const row of logChanges.rows.keys()) {
    const was = journal.calls.get(row);
    if (was?.household) touched.add(was.household);
    for (const school of before.get(row) ?? []) {
      affected.add(school);
      const fact = rowsOf(states.get(school) as SchoolState).get(row);
      if (fact) touched.add(fact.household);
    }
    const call = calls.get(row);
    if (!call) {
      callChanges.push({ ...BLANK, row, schools: was?.schools ?? '' });
      continue;
    }
    const home = states.get(normalizeName(call.school));
    let household = studentsIndex(home?.students ?? []).keyFor(call);
    let owner = householdSchool(household, home?.students ?? []);
    // A student of another school, named by their ID: the district's index finds them, and so must this.
    if (household.startsWith('off-roster:') && call.studentId) {
      studentIds ??= studentIdLookup(loadBlobs(ss, meta, [IDS]).get(IDS) ?? '');
      if (!studentIds) return null;
      const found = studentIds(call.studentId);
      if (found) ({ household, school: owner } = found);
    }
    const schoolsOfThis = schoolsOfCall(call, schoolsOfEmail.get(call.staffEmail) ?? [], owner);
    for (const school of schoolsOfThis) affected.add(school);
    touched.add(household);
    callChanges.push({
      ...callFactOf(call, household),
      schools: schoolsOfThis.join('|'),
      blank: false,
      invalid: invalid.get(row) ?? false,
      unknown: counted(call) && !schoolsOfEmail.has(call.staffEmail),
      offRoster: isOffRoster(household, call.school, rosterSchools(home)),
    });
  }
  // A person whose schools changed on Staff takes their calls along: each is journaled again
  // with the schools it now bears on.
  const moved = [...new Set([...schoolsBefore.keys(), ...schoolsOfEmail.keys()])].filter(
    (email) =>
      [...(schoolsBefore.get(email) ?? [])].sort().join('|') !==
      [...(schoolsOfEmail.get(email) ?? [])].sort().join('|'),
  );
  if (moved.length > 0) {
    const fromSchools = moved.flatMap((email) => schoolsBefore.get(email) ?? []);
    if (!load(fromSchools)) return null;
    const changedRows = new Set(callChanges.map((c) => c.row));
    for (const school of fromSchools) {
      const state = withJournal(states.get(school) as SchoolState, journal);
      for (const fact of state.calls) {
        if (!moved.includes(fact.staffEmail) || changedRows.has(fact.row)) continue;
        changedRows.add(fact.row);
        const now = schoolsOfCall(
          fact,
          schoolsOfEmail.get(fact.staffEmail) ?? [],
          householdSchool(fact.household, state.students),
        );
        for (const s of [...now, school]) affected.add(s);
        callChanges.push({
          ...fact,
          schools: now.join('|'),
          blank: false,
          invalid: invalidBefore(district, journal, fact.row),
          unknown: counted(fact) && !schoolsOfEmail.has(fact.staffEmail),
          offRoster: offRosterBefore(district, journal, fact.row),
        });
      }
    }
  }
  const followUpChanges: JournalFollowUp[] = [];
  // A row the add-on did not write (typed, pasted, altered) counts nowhere: it stands as a blank one.
  const changedFollowUps = [...fuChanges.rows]
    .filter(([, cells]) => !isBlankRow(cells))
    .map(([row, cells]) => toFollowUpRecord(cellGetter(fu, cells), row, tz));
  const own = new Set(ownFollowUps(changedFollowUps).own.map((f) => f.row));
  for (const [row, cells] of fuChanges.rows) {
    // A row that was there at the last refresh and is no longer the add-on's (cleared, typed
    // over): the full rebuild restores the add-on's row from the ledger, with no second alert.
    if (!own.has(row) && row <= meta.followUpsThrough.row) return null;
    const blank = isBlankRow(cells) || !own.has(row);
    const f = toFollowUpRecord(cellGetter(fu, cells), row, tz);
    const tag = blank ? (journal.followUps.get(row)?.tag ?? '') : normalizeName(f.school);
    affected.add(tag);
    followUpChanges.push({ ...followUpFactOf(f), tag, blank });
  }
  // Days Open and Overdue of the rows people closed or reopened (the hand-offs closed below get theirs as they close).
  keepFollowUpCells(tracker, fu, changedFollowUps, fuChanges.rows);

  const next: Journal = {
    calls: new Map(journal.calls),
    followUps: new Map(journal.followUps),
    staff: new Map(journal.staff),
  };
  addToJournal(next, { calls: callChanges, followUps: followUpChanges, staff: staffChanges });
  if (!load(affected)) return null;
  const withChanges = (): Map<string, SchoolState> =>
    new Map([...affected].map((school) => [school, withJournal(states.get(school) as SchoolState, next)]));
  let current = withChanges();

  // Follow-ups these changes call for (a typed urgent row, a household past the hand-off) and
  // hand-offs of households reached since: the ledger says which are owed, and only then is the
  // lock taken and Follow-ups' header read. The rows just read go as whole records (their family
  // member, their notes for the alert).
  let fuLast = fuChanges.last;
  const toFollow = callsToFollow(callChanges, touched, current, (fact) => {
    const record = calls.get(fact.row);
    return record ? { ...record, household: fact.household } : callOfFact(fact);
  });
  const tallies = tallyHouseholds(toFollow, studentsIndex([]));
  if (followUpsOwed({ calls: toFollow, tallies }, tracker.settings)) {
    const roster = [...current.values()].flatMap((s) => s.students);
    const written: FollowUpRecord[] = withDocumentLock(
      30_000,
      () => followCalls(tracker, { calls: toFollow, tallies, roster, schools }),
      () => {
        throw busyError();
      },
    );
    const writtenChanges = written.map((f) => ({
      ...followUpFactOf(f),
      tag: normalizeName(f.school),
      blank: false,
    }));
    for (const f of writtenChanges) affected.add(f.tag);
    followUpChanges.push(...writtenChanges);
    addToJournal(next, { calls: [], followUps: writtenChanges, staff: new Map() });
    const lastAdded = written.reduce<FollowUpRecord | null>((a, f) => (!a || f.row > a.row ? f : a), null);
    if (lastAdded && lastAdded.row > fuLast.row) fuLast = { row: lastAdded.row, callId: lastAdded.callId };
    if (!load(affected)) return null;
    current = withChanges();
  }

  // The affected schools' numbers: their Summary rows, their part of the district, their families.
  const context = { schools, settings: tracker.settings, today: tracker.today };
  const contributions = { ...memory.contributions };
  const rollup = { ...memory.rollup };
  const rollupState = readRollupState(ss);
  const percentMet = districtPercentMet(tracker, rollupState);
  const schoolRows = new Map<string, SummaryCell[]>();
  const staffBlocks = new Map<string, StaffBlock>();
  const familyRows = new Map<string, FamilyCell[]>();
  // Families name the staff a family is assigned to: a Staff edit rewrites those families' rows.
  const renamed = new Set([...staffChanges.values()].flat().map((r) => r.email));
  for (const state of current.values())
    for (const student of state.students) if (renamed.has(student.assignedTo)) touched.add(student.household);
  const refreshed: Array<{ numbers: SchoolNumbers; state: SchoolState }> = [];
  for (const [school, state] of current) {
    const numbers = schoolNumbers(state, context);
    refreshed.push({ numbers, state });
    contributions[school] = numbers.contribution;
    if (numbers.rollup) rollup[school] = numbers.rollup;
    else delete rollup[school];
    if (numbers.row) schoolRows.set(school, schoolCells(numbers.row, percentMet));
    staffBlocks.set(school, {
      cells: staffBlockCells(numbers.staff),
      statuses: numbers.staff.map((s) => s.status ?? ''),
    });
    const mine = numbers.families.filter((f) => touched.has(f.household));
    familyCells(mine).forEach((cells, i) => familyRows.set(mine[i].household, cells));
  }
  const problems = summaryNotes(tracker, logCounts(district, next, counted));
  const patch: SummaryPatch = {
    stamp: stampCells(stampOf(tracker), unreadableNames(tracker)),
    schoolRows,
    district: schoolCells(districtProgress(Object.values(contributions)), percentMet),
    staff: staffBlocks,
    notes: noteCells(problems),
  };
  // A school whose number of staff rows changed, or a tab sorted by hand: the whole Summary, from
  // every school's state (their Call Log rows are not read again).
  const blocks =
    patchSummary(ss, memory.blocks, patch) ??
    wholeSummary(
      tracker,
      { meta, journal: next, current, context, percentMet, rollup },
      logCounts(district, next, counted),
    );
  const families = new FamilyRowIndex(ss);
  if (!blocks || !updateFamilyRows(families, familyRows)) return null;
  // Each refreshed school's My school, its families found where they stand on Families.
  const mySchools = new Map<string, string>();
  for (const { numbers, state } of refreshed) {
    const familyRow = (f: FamilyRow): number => families.rows().get(f.household) ?? 0;
    const part = mySchoolOf(numbers, state, context, familyRow, tracker.now.getTime());
    if (part) mySchools.set(mySchoolBlob(numbers.school), encodeMySchool(part, MY_SCHOOL_CHARS));
  }
  rewriteSlots(ss, meta, mySchools, key);
  publishRollup(
    tracker,
    rollupState,
    publishedRows(
      Object.values(rollup),
      schools.map((s) => s.school),
    ),
    [...people.values()].flat(),
  );

  const changed = callChanges.length + followUpChanges.length + staffChanges.size > 0;
  const journalEntry = changed
    ? appendToJournal(
        ss,
        meta,
        stored.get(JOURNAL) ?? '',
        journalLine({ calls: callChanges, followUps: followUpChanges, staff: staffChanges }),
        key,
      ).entry
    : meta.blobs[JOURNAL];
  commitMeta(
    {
      ...meta,
      through: logChanges.last,
      followUpsThrough: fuLast,
      blobs: { ...meta.blobs, [JOURNAL]: journalEntry },
    },
    { contributions, blocks, rollup },
  );
  const staffShown = Object.values(blocks.staff).reduce((n, [, count]) => n + count, 0);
  return { staffShown, problems };
}

interface WholeSummaryInput {
  meta: StoreMeta;
  journal: Journal;
  current: ReadonlyMap<string, SchoolState>;
  context: SchoolNumbersContext;
  percentMet: number | null;
  /** Each school's Rollup row: every school's is set again. */
  rollup: Record<string, RollupRow>;
}

/** The Summary written whole from every school's state and the journal: null when a state cannot be read. */
function wholeSummary(
  tracker: Tracker,
  { meta, journal, current, context, percentMet, rollup }: WholeSummaryInput,
  counts: LogCounts,
): SummaryBlocks | null {
  const staff: StaffProgress[] = [];
  const rows: SchoolProgress[] = [];
  const contributions: Record<string, SchoolContribution> = {};
  const stored = Object.keys(meta.blobs)
    .filter((b) => b.startsWith(SCHOOL_BLOB_PREFIX))
    .map((b) => b.slice(SCHOOL_BLOB_PREFIX.length));
  for (const school of new Set([...stored, ...current.keys()])) {
    const blob = schoolBlob(school);
    let state = current.get(school) ?? null;
    if (!state) {
      const stored = decodeState(loadBlobs(tracker.ss, meta, [blob]).get(blob) ?? '');
      if (!stored) return null;
      state = withJournal(stored, journal);
    }
    const numbers = schoolNumbers(state, context);
    staff.push(...numbers.staff);
    if (numbers.row) rows.push(numbers.row);
    contributions[school] = numbers.contribution;
    if (numbers.rollup) rollup[school] = numbers.rollup;
  }
  return writeWholeSummary(tracker, percentMet, {
    staff: staff.sort(byStaffOrder),
    schools: rows,
    contributions,
    counts,
  }).blocks;
}

/** Whether a row broke the rules as the journal or the full rebuild left it (its cells did not change). */
function invalidBefore(district: DistrictFacts, journal: Journal, row: number): boolean {
  const entry = journal.calls.get(row);
  return entry ? entry.invalid : runsHave(district.invalid, row);
}

/** Whether a row's student was off its School's Roster as the journal or the full rebuild left it. */
function offRosterBefore(district: DistrictFacts, journal: Journal, row: number): boolean {
  const entry = journal.calls.get(row);
  return entry ? entry.offRoster : runsHave(district.notOnRoster, row);
}

const rosterSchoolSets = new WeakMap<SchoolState, Set<string>>();

/** The schools whose Roster students a state holds: its own among them when its School has a Roster. */
function rosterSchools(state: SchoolState | undefined): Set<string> {
  if (!state) return new Set();
  let schools = rosterSchoolSets.get(state);
  if (!schools)
    rosterSchoolSets.set(state, (schools = new Set(state.students.map((s) => normalizeName(s.school)))));
  return schools;
}

/** A row that holds no call any more. */
const BLANK: JournalCall = {
  ...BLANK_FACT,
  schools: '',
  blank: true,
  invalid: false,
  unknown: false,
  offRoster: false,
};

const rowIndexes = new WeakMap<SchoolState, Map<number, CallFact>>();

/** A state's calls by row (made once per state). */
function rowsOf(state: SchoolState): Map<number, CallFact> {
  let rows = rowIndexes.get(state);
  if (!rows) rowIndexes.set(state, (rows = new Map(state.calls.map((c) => [c.row, c]))));
  return rows;
}
