/**
 * What a teacher's sidebar and submit know of the Call Log: their schools' states as the last
 * refresh left them, the journal of changes since the last full rebuild, the rows edited by hand
 * since the last refresh that bear on their schools (only those rows are read), and the rows
 * logged since (the log's tail). Never the district's whole log, unless there is no usable state
 * (none built yet, a part altered by hand, rows deleted or sorted): then the tabs are read whole,
 * slower and never wrong.
 */
import { BLANK_FACT, callFactOf } from '../core/callFacts';
import { RowRuns } from '../core/compact';
import { normalizeName } from '../core/households';
import { CallRecord, StaffMember, text } from '../core/records';
import { CALL_LOG, CALL_LOG_LATER_COLUMNS } from '../core/schema';
import {
  decodeState,
  emptyJournal,
  emptyState,
  householdSchool,
  Journal,
  parseJournal,
  SchoolState,
  schoolsOf,
  snapshotOfState,
  withJournal,
} from '../core/schoolState';
import {
  SchoolSnapshot,
  SnapshotRules,
  snapshotBuilder,
  studentsIndex,
  withCallsSince,
} from '../core/snapshot';
import { pendingEdits } from '../sheets/edits';
import {
  CoveredRow,
  JOURNAL,
  loadBlobs,
  markStoreBroken,
  schoolBlob,
  storeBroken,
  storeMeta,
} from '../sheets/stateStore';
import { getTab, headerTable, readHeaderRow, readRowsOf, Table } from '../sheets/table';
import { callsOfRows, readCallRows, readCalls, readFollowUps, readRoster, readStaff } from '../sheets/tabs';
import { Tracker } from '../sheets/tracker';

export interface CallLogView {
  log: Table;
  /** The log is known through this row, which held this Call ID (a sort or a deletion moves it). */
  through: CoveredRow;
  /** One per school of the caller's Staff rows, the home school first. */
  snapshots: SchoolSnapshot[];
  /** The caller's own calls known so far, by Call ID: a retried submit finds its first try here. */
  logged: Map<string, LoggedCall>;
}

export type LoggedCall = Pick<CallRecord, 'row' | 'urgent' | 'urgentReason'>;

export interface ViewOptions {
  /** Read the rows logged since the last refresh too (the sidebar); a submit reads them under the lock. */
  tail: boolean;
  /** Call Log's header row as read before (src/sheets/formContext.ts): not read again. */
  headers?: readonly string[];
}

function loggedBy(
  email: string,
  calls: Iterable<LoggedCall & { staffEmail: string; callId: string }>,
): Map<string, LoggedCall> {
  const logged = new Map<string, LoggedCall>();
  for (const c of calls) if (c.staffEmail === email && c.callId) logged.set(c.callId, c);
  return logged;
}

const LOG_OPTIONS = { optional: CALL_LOG_LATER_COLUMNS };

export function rulesOf(tracker: Tracker): SnapshotRules {
  return {
    callsStartDate: tracker.settings.callsStartDate,
    today: tracker.today,
    handOffAfter: tracker.settings.attemptsBeforeHandOff,
  };
}

/** The rows the journal and a state say are this school's. */
function rowsOfSchool(state: SchoolState, journal: Journal): Set<number> {
  const rows = new Set(state.calls.map((c) => c.row));
  for (const c of journal.calls.values()) if (schoolsOf(c).includes(state.school)) rows.add(c.row);
  return rows;
}

/** Edited runs at or above `through` that bear on one of the schools (by the schools onEdit recorded, or a row of theirs). */
function runsToRead(
  runs: RowRuns,
  recordedSchools: readonly string[],
  schools: ReadonlyArray<{ school: string; rows: Set<number> }>,
  through: number,
): RowRuns {
  const named = schools.some((s) => recordedSchools.includes(s.school));
  const out: RowRuns = [];
  for (const [first, last] of runs) {
    const top = Math.min(last, through);
    if (Math.max(first, 2) > top) continue;
    let ours = named;
    for (let r = first; !ours && r <= top; r++) ours = schools.some((s) => s.rows.has(r));
    if (ours) out.push([Math.max(first, 2), top]);
  }
  return out;
}

/** Edited rows as journal entries for one school: each replaces its row, and is added when it bears on the school. */
function editedJournal(state: SchoolState, edited: ReadonlyMap<number, CallRecord | null>): Journal {
  const journal = emptyJournal();
  const index = studentsIndex(state.students);
  const people = new Set(
    state.staff.filter((r) => normalizeName(r.school) === state.school).map((r) => r.email),
  );
  for (const [row, call] of edited) {
    const household = call ? index.keyFor(call) : '';
    const ours =
      call !== null &&
      (normalizeName(call.school) === state.school ||
        people.has(call.staffEmail) ||
        householdSchool(household, state.students) === state.school);
    const fact = call ? callFactOf(call, household) : { ...BLANK_FACT, row };
    journal.calls.set(row, {
      ...fact,
      schools: ours ? state.school : '',
      blank: call === null,
      invalid: false,
      unknown: false,
    });
  }
  return journal;
}

/** The caller's own Staff rows are read at every call: a person added to Staff since counts at once. */
function withCaller(state: SchoolState, caller: readonly StaffMember[]): SchoolState {
  const missing = caller.filter(
    (r) => !state.staff.some((s) => s.email === r.email && s.school === r.school),
  );
  return missing.length === 0 ? state : { ...state, staff: [...state.staff, ...missing] };
}

/** From the stored states; null when they cannot answer (the caller then reads the tabs). */
function fromStates(
  tracker: Tracker,
  caller: readonly StaffMember[],
  schools: readonly string[],
  options: ViewOptions,
): CallLogView | null {
  const meta = storeMeta();
  const edits = pendingEdits();
  if (!meta || storeBroken() || edits?.lost) return null;
  const { ss, sheetTimeZone: tz } = tracker;
  const texts = loadBlobs(ss, meta, [JOURNAL, ...schools.map(schoolBlob)]);
  const journal = parseJournal(texts.get(JOURNAL) ?? '');
  const states: SchoolState[] = [];
  for (const school of schools) {
    const stored = texts.get(schoolBlob(school));
    const state = stored ? decodeState(stored) : meta.blobs[schoolBlob(school)] ? null : emptyState(school);
    if (!state || !journal || (meta.blobs[JOURNAL] && texts.get(JOURNAL) === null)) {
      markStoreBroken();
      return null;
    }
    states.push(withJournal(state, journal));
  }
  const log = options.headers
    ? headerTable(getTab(ss, CALL_LOG), CALL_LOG, options.headers, LOG_OPTIONS)
    : readHeaderRow(ss, CALL_LOG, LOG_OPTIONS);
  let through = meta.through;
  let since: CallRecord[] = [];
  if (options.tail) {
    const lastRow = log.sheet.getLastRow();
    if (lastRow < through.row) return null;
    // The covered row and the rows after it in one read: a sort or a deletion since moves another call onto it.
    const first = Math.max(through.row, 2);
    const rows = readCallRows(log, first, lastRow, tz);
    if (through.row >= 2 && (rows[0]?.row !== through.row || rows[0].callId !== through.callId)) return null;
    since = rows.filter((c) => c.row > through.row);
    const last = rows[rows.length - 1];
    through =
      lastRow > through.row ? { row: lastRow, callId: last?.row === lastRow ? last.callId : '' } : through;
  }

  const edited = new Map<number, CallRecord | null>();
  const runs = runsToRead(
    edits?.calls ?? [],
    edits?.schools ?? [],
    states.map((s) => ({ school: s.school, rows: rowsOfSchool(s, journal ?? emptyJournal()) })),
    through.row,
  );
  for (const [from, to] of runs) {
    const cells = readRowsOf(log, from, to);
    cells.forEach((row, i) => {
      const [call] = callsOfRows(log, [row], from + i, tz);
      edited.set(from + i, call ?? null);
    });
  }
  const rules = rulesOf(tracker);
  const current = states.map((state) =>
    withCaller(edited.size > 0 ? withJournal(state, editedJournal(state, edited)) : state, caller),
  );
  const email = caller[0]?.email ?? '';
  return {
    log,
    through,
    snapshots: current.map((state) => withCallsSince(snapshotOfState(state, rules), since, rules)),
    logged: loggedBy(email, [...(current[0]?.calls ?? []), ...since]),
  };
}

/** The whole tabs: slow, and right whatever happened to them. */
export function fromTabs(tracker: Tracker, caller: readonly StaffMember[]): CallLogView {
  const { ss, sheetTimeZone: tz } = tracker;
  const log = readHeaderRow(ss, CALL_LOG, LOG_OPTIONS);
  const { table, calls } = readCalls(ss, tz);
  const builder = snapshotBuilder({
    ...rulesOf(tracker),
    staff: readStaff(ss),
    roster: readRoster(ss),
    calls,
    followUps: readFollowUps(ss, tz).followUps,
  });
  const lastRow = table.rows.length + 1;
  const last = table.rows[table.rows.length - 1];
  return {
    log,
    through: { row: lastRow, callId: last ? text(last[table.index.callId]) : '' },
    snapshots: schoolsOfCaller(caller).map((school) => builder.build(school)),
    logged: loggedBy(caller[0]?.email ?? '', calls),
  };
}

function schoolsOfCaller(caller: readonly StaffMember[]): string[] {
  return [...new Set(caller.map((r) => normalizeName(r.school)))];
}

/** What the caller's operation knows of the Call Log, for their schools (the home school first). */
export function callLogView(
  tracker: Tracker,
  caller: readonly StaffMember[],
  options: ViewOptions = { tail: true },
): CallLogView {
  return fromStates(tracker, caller, schoolsOfCaller(caller), options) ?? fromTabs(tracker, caller);
}
