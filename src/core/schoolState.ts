/**
 * What the refresh keeps of each school between executions, so that the school's numbers (its
 * Summary rows, its Families rows, its teachers' sidebars) can be recomputed from its own calls
 * instead of the district's whole Call Log: its Roster students, the Staff rows of its people,
 * every call that bears on it (by its School, its caller's Staff rows or its household) and its
 * follow-ups. The full rebuild writes every school's state; between two full rebuilds, the
 * journal holds what changed (rows logged since, rows edited by hand), and a row in the journal
 * replaces that row in every school's state.
 */
import {
  CALL_FACT_FIELDS,
  CallFact,
  FOLLOW_UP_FACT_FIELDS,
  FollowUpFact,
  callOfFact,
  followUpOfFact,
} from './callFacts';
import { Columns, decodeColumns, encodeColumns, Fields, RowRuns, StringTable } from './compact';
import { Day } from './dates';
import { normalizeName } from './households';
import { isCounted, StaffMember } from './records';
import { SnapshotRules, SchoolSnapshot, snapshotBuilder, SnapshotStudent, studentsIndex } from './snapshot';

export const STATE_VERSION = 4;

export interface SchoolState {
  /** normalizeName of the school ('' holds what names no school: staff and calls with a blank School). */
  school: string;
  /** Roster students of the school, and students assigned to its staff, with their households. */
  students: SnapshotStudent[];
  /** Every Staff row of the school's people (a person's rows at other schools too: they decide credit). */
  staff: StaffMember[];
  calls: CallFact[];
  followUps: FollowUpFact[];
}

const STUDENT_FIELDS: Fields<SnapshotStudent> = [
  ['studentId', 'text'],
  ['student', 'text'],
  ['grade', 'text'],
  ['school', 'text'],
  ['familyMember', 'text'],
  ['phone', 'text'],
  ['email', 'text'],
  ['homeLanguage', 'text'],
  ['assignedTo', 'text'],
  ['priority', 'text'],
  ['household', 'text'],
];

const STAFF_FIELDS: Fields<StaffMember> = [
  ['email', 'text'],
  ['name', 'text'],
  ['school', 'text'],
  ['role', 'text'],
  ['callGoal', 'count'],
];

interface EncodedState {
  v: number;
  school: string;
  s: string[];
  students: Columns;
  staff: Columns;
  calls: Columns;
  followUps: Columns;
}

/** A school nothing is known of yet. */
export function emptyState(school: string): SchoolState {
  return { school, students: [], staff: [], calls: [], followUps: [] };
}

export function encodeState(state: SchoolState): string {
  const strings = new StringTable();
  const students = encodeColumns(state.students, STUDENT_FIELDS, strings);
  const staff = encodeColumns(state.staff, STAFF_FIELDS, strings);
  const calls = encodeColumns(state.calls, CALL_FACT_FIELDS, strings);
  const followUps = encodeColumns(state.followUps, FOLLOW_UP_FACT_FIELDS, strings);
  const encoded: EncodedState = {
    v: STATE_VERSION,
    school: state.school,
    s: strings.values,
    students,
    staff,
    calls,
    followUps,
  };
  return JSON.stringify(encoded);
}

/** A state from its stored text; null when it is not a whole state of this version. */
export function decodeState(text: string): SchoolState | null {
  try {
    const e = JSON.parse(text) as EncodedState;
    if (!e || e.v !== STATE_VERSION || !Array.isArray(e.s)) return null;
    const students = decodeColumns(e.students, STUDENT_FIELDS, e.s);
    const staff = decodeColumns(e.staff, STAFF_FIELDS, e.s);
    const calls = decodeColumns(e.calls, CALL_FACT_FIELDS, e.s);
    const followUps = decodeColumns(e.followUps, FOLLOW_UP_FACT_FIELDS, e.s);
    if (!students || !staff || !calls || !followUps) return null;
    return { school: e.school, students, staff, calls, followUps };
  } catch {
    return null;
  }
}

// ---- The journal: what changed since the full rebuild, in the order the refreshes read it.

export interface JournalCall extends CallFact {
  /** The schools the call bears on, normalized, joined by '|'. */
  schools: string;
  /** The row holds no call any more (cleared by hand). */
  blank: boolean;
  /** The row breaks the Call Log's rules. */
  invalid: boolean;
  /** Its Staff Email is on no Staff row. */
  unknown: boolean;
}

const JOURNAL_CALL_FIELDS: Fields<JournalCall> = [
  ...(CALL_FACT_FIELDS as Fields<JournalCall>),
  ['schools', 'text'],
  ['blank', 'flag'],
  ['invalid', 'flag'],
  ['unknown', 'flag'],
];

export interface JournalFollowUp extends FollowUpFact {
  /** normalizeName of its school. */
  tag: string;
  blank: boolean;
}

const JOURNAL_FOLLOW_UP_FIELDS: Fields<JournalFollowUp> = [
  ...(FOLLOW_UP_FACT_FIELDS as Fields<JournalFollowUp>),
  ['tag', 'text'],
  ['blank', 'flag'],
];

export interface Journal {
  /** By Call Log row: the latest of each. */
  calls: Map<number, JournalCall>;
  /** By Follow-ups row. */
  followUps: Map<number, JournalFollowUp>;
  /** Staff rows of a school's people, as Staff now says (after Staff was edited). */
  staff: Map<string, StaffMember[]>;
}

export interface JournalChanges {
  calls: readonly JournalCall[];
  followUps: readonly JournalFollowUp[];
  staff: ReadonlyMap<string, readonly StaffMember[]>;
}

export function emptyJournal(): Journal {
  return { calls: new Map(), followUps: new Map(), staff: new Map() };
}

interface EncodedChunk {
  s: string[];
  calls: Columns;
  followUps: Columns;
  staff: Record<string, Columns>;
}

/** One refresh's changes as a line of the journal's text. */
export function journalLine(changes: JournalChanges): string {
  const strings = new StringTable();
  const calls = encodeColumns(changes.calls, JOURNAL_CALL_FIELDS, strings);
  const followUps = encodeColumns(changes.followUps, JOURNAL_FOLLOW_UP_FIELDS, strings);
  const staff: Record<string, Columns> = {};
  for (const [school, rows] of changes.staff) staff[school] = encodeColumns(rows, STAFF_FIELDS, strings);
  const chunk: EncodedChunk = { s: strings.values, calls, followUps, staff };
  return JSON.stringify(chunk);
}

/** Adds one refresh's changes to the journal: later rows replace earlier ones. */
export function addToJournal(journal: Journal, changes: JournalChanges): void {
  for (const c of changes.calls) journal.calls.set(c.row, c);
  for (const f of changes.followUps) journal.followUps.set(f.row, f);
  for (const [school, rows] of changes.staff) journal.staff.set(school, [...rows]);
}

/**
 * The journal from its text (lines of journalLine); null when a line is not one. A last line
 * cut short is left out: a refresh appended to the journal after the reader read its index, and
 * the reader reads those rows from the Call Log itself.
 */
export function parseJournal(text: string): Journal | null {
  const journal = emptyJournal();
  const lines = text.split('\n').filter((line) => line !== '');
  try {
    for (const [i, line] of lines.entries()) {
      let chunk: EncodedChunk;
      try {
        chunk = JSON.parse(line) as EncodedChunk;
      } catch (error) {
        if (i === lines.length - 1) break;
        throw error;
      }
      const calls = decodeColumns(chunk.calls, JOURNAL_CALL_FIELDS, chunk.s);
      const followUps = decodeColumns(chunk.followUps, JOURNAL_FOLLOW_UP_FIELDS, chunk.s);
      if (!calls || !followUps) return null;
      const staff = new Map<string, StaffMember[]>();
      for (const [school, columns] of Object.entries(chunk.staff ?? {})) {
        const rows = decodeColumns(columns, STAFF_FIELDS, chunk.s);
        if (!rows) return null;
        staff.set(school, rows);
      }
      addToJournal(journal, { calls, followUps, staff });
    }
  } catch {
    return null;
  }
  return journal;
}

export function schoolsOf(entry: Pick<JournalCall, 'schools'>): string[] {
  return entry.schools ? entry.schools.split('|') : [];
}

/** The state with the journal's changes: its rows replace the state's, its calls for this school are added. */
export function withJournal(state: SchoolState, journal: Journal): SchoolState {
  if (journal.calls.size === 0 && journal.followUps.size === 0 && !journal.staff.has(state.school))
    return state;
  const calls = state.calls.filter((c) => !journal.calls.has(c.row));
  for (const c of journal.calls.values()) if (!c.blank && schoolsOf(c).includes(state.school)) calls.push(c);
  calls.sort((a, b) => a.row - b.row);
  const followUps = state.followUps.filter((f) => !journal.followUps.has(f.row));
  for (const f of journal.followUps.values()) if (!f.blank && f.tag === state.school) followUps.push(f);
  followUps.sort((a, b) => a.row - b.row);
  return { ...state, staff: staffWithJournal(state, journal.staff.get(state.school)), calls, followUps };
}

/** The people of the school as Staff now says, and the Staff rows of others its students are assigned to. */
function staffWithJournal(state: SchoolState, people: readonly StaffMember[] | undefined): StaffMember[] {
  if (!people) return state.staff;
  const wasHere = new Set(
    state.staff.filter((r) => normalizeName(r.school) === state.school).map((r) => r.email),
  );
  const isHere = new Set(people.map((r) => r.email));
  return [...people, ...state.staff.filter((r) => !wasHere.has(r.email) && !isHere.has(r.email))];
}

/**
 * The schools a call bears on: its School, its caller's (the schools of their Staff rows) and
 * its household's (the school it belongs to; null when not known).
 */
export function schoolsOfCall(
  fact: Pick<CallFact, 'school'>,
  callerSchools: readonly string[],
  householdSchool: string | null,
): string[] {
  const schools = new Set([normalizeName(fact.school), ...callerSchools]);
  if (householdSchool !== null) schools.add(householdSchool);
  return [...schools];
}

/** The school a household belongs to: its students' (the first one's), or the school of a key for a student not on the Roster. */
export function householdSchool(key: string, students: readonly SnapshotStudent[]): string | null {
  if (key.startsWith('off-roster:')) return key.slice('off-roster:'.length, key.indexOf('|'));
  const student = students.find((s) => s.household === key);
  return student ? normalizeName(student.school) : null;
}

/** The school's sidebar snapshot: what its teachers see, counted from its calls. */
export function snapshotOfState(state: SchoolState, rules: SnapshotRules): SchoolSnapshot {
  return snapshotBuilder({
    ...rules,
    staff: state.staff,
    roster: state.students,
    calls: state.calls.map(callOfFact),
    followUps: state.followUps.map(followUpOfFact),
    households: studentsIndex(state.students),
  }).build(state.school);
}

// ---- The district part: what only the whole log says, kept beside the schools' states.

export interface DistrictFacts {
  /** Call Log rows that break the rules. */
  invalid: RowRuns;
  /** Counted calls of people on Staff typed or pasted on the sheet, and changed by hand since the form logged them. */
  typed: RowRuns;
  changed: RowRuns;
  /** Rows with a call that does not count (no Staff Email or no Call Date in the window), as of `day`. */
  uncounted: RowRuns;
  day: Day;
  /** Counted calls whose Staff Email is on no Staff row: their row and that email. */
  unknown: Array<[number, string]>;
  /** Each school's people: every Staff row of anyone with a row at the school. */
  staff: Record<string, StaffMember[]>;
}

interface EncodedDistrict extends Omit<DistrictFacts, 'staff'> {
  v: number;
  s: string[];
  staff: Record<string, Columns>;
}

export function encodeDistrict(district: DistrictFacts): string {
  const strings = new StringTable();
  const staff: Record<string, Columns> = {};
  for (const [school, rows] of Object.entries(district.staff))
    staff[school] = encodeColumns(rows, STAFF_FIELDS, strings);
  const encoded: EncodedDistrict = { ...district, v: STATE_VERSION, s: strings.values, staff };
  return JSON.stringify(encoded);
}

export function decodeDistrict(text: string): DistrictFacts | null {
  try {
    const e = JSON.parse(text) as EncodedDistrict;
    if (!e || e.v !== STATE_VERSION || !Array.isArray(e.invalid)) return null;
    const staff: Record<string, StaffMember[]> = {};
    for (const [school, columns] of Object.entries(e.staff)) {
      const rows = decodeColumns(columns, STAFF_FIELDS, e.s);
      if (!rows) return null;
      staff[school] = rows;
    }
    const { v: _v, s: _s, ...rest } = e;
    return { ...rest, staff };
  } catch {
    return null;
  }
}

/** Each school's people, Staff edits since included. */
export function peopleBySchool(district: DistrictFacts, journal: Journal): Map<string, StaffMember[]> {
  const people = new Map(Object.entries(district.staff));
  for (const [school, rows] of journal.staff) people.set(school, rows);
  return people;
}

/** The schools of each person's Staff rows (normalized), from each school's people. */
export function schoolsOfPeople(people: ReadonlyMap<string, readonly StaffMember[]>): Map<string, string[]> {
  const schools = new Map<string, string[]>();
  for (const rows of people.values())
    for (const r of rows) {
      const school = normalizeName(r.school);
      const known = schools.get(r.email) ?? [];
      if (!known.includes(school)) schools.set(r.email, [...known, school]);
    }
  return schools;
}

/** Each school's people: every Staff row of anyone with a row at the school. */
export function groupPeople(staff: readonly StaffMember[]): Record<string, StaffMember[]> {
  const schoolsOf = new Map<string, Set<string>>();
  for (const r of staff) {
    const schools = schoolsOf.get(r.email) ?? new Set<string>();
    schools.add(normalizeName(r.school));
    schoolsOf.set(r.email, schools);
  }
  const people: Record<string, StaffMember[]> = {};
  for (const r of staff) for (const school of schoolsOf.get(r.email) ?? []) (people[school] ??= []).push(r);
  return people;
}

// ---- Which schools each row of the full rebuild bore on: a refresh knows what an edited row was.

/** Characters that stand for a set of schools: printable, and nothing JSON escapes. */
const CODES = Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).filter(
  (c) => c !== '"' && c !== '\\',
);

export interface RowSchools {
  /** Each set of schools a row bore on, joined by '|'. */
  sets: string[];
  /** One code per row from row 2, each `width` characters: the position of the row's set. */
  codes: string;
  width: number;
}

/** Sets of schools, each kept once, and the set each row bore on. */
export class RowSchoolsBuilder {
  private readonly sets = [''];
  private readonly positions = new Map([['', 0]]);
  private readonly ids: Int32Array;

  constructor(private readonly lastRow: number) {
    this.ids = new Int32Array(Math.max(lastRow + 1, 2));
  }

  set(row: number, schools: readonly string[]): void {
    const set = [...schools].sort().join('|');
    let id = this.positions.get(set);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(set);
      this.positions.set(set, id);
    }
    this.ids[row] = id;
  }

  encode(): string {
    let width = 1;
    while (CODES.length ** width < this.sets.length) width++;
    const code = (n: number): string => {
      let out = '';
      for (let i = 0; i < width; i++, n = Math.floor(n / CODES.length)) out = CODES[n % CODES.length] + out;
      return out;
    };
    const codes: string[] = [];
    for (let row = 2; row <= this.lastRow; row++) codes.push(code(this.ids[row]));
    const rows: RowSchools = { sets: this.sets, codes: codes.join(''), width };
    return JSON.stringify(rows);
  }
}

/** The schools a row of the full rebuild bore on; null when the text is not a row index. */
export function rowSchoolsOf(text: string): ((row: number) => string[]) | null {
  try {
    const { sets, codes, width } = JSON.parse(text) as RowSchools;
    if (!Array.isArray(sets) || typeof codes !== 'string') return null;
    const value = new Map(CODES.map((c, i) => [c, i]));
    return (row) => {
      const at = (row - 2) * width;
      if (row < 2 || at + width > codes.length) return [];
      let n = 0;
      for (let i = 0; i < width; i++) n = n * CODES.length + (value.get(codes[at + i]) ?? 0);
      const set = sets[n] ?? '';
      return set ? set.split('|') : [];
    };
  } catch {
    return null;
  }
}

// ---- Students by ID across the district: a call names a student of another school by their ID.

/** Each Student ID that names one household in the district, with that household and its school. */
export function encodeStudentIds(
  students: ReadonlyArray<{ studentId: string; school: string }>,
  householdOf: readonly string[],
): string {
  const found = new Map<string, [string, string] | null>();
  students.forEach((s, i) => {
    const id = s.studentId.trim().toLowerCase();
    if (!id) return;
    const seen = found.get(id);
    const here: [string, string] = [householdOf[i], normalizeName(s.school)];
    if (seen === undefined) found.set(id, here);
    else if (seen && seen[0] !== here[0]) found.set(id, null);
  });
  const strings = new StringTable();
  const rows = [...found].flatMap(([id, at]) => (at ? [[id, strings.id(at[0]), strings.id(at[1])]] : []));
  return JSON.stringify({ s: strings.values, rows });
}

/** The household and school of a Student ID; null when it names none, or several. */
export function studentIdLookup(
  text: string,
): ((id: string) => { household: string; school: string } | null) | null {
  try {
    const { s, rows } = JSON.parse(text) as { s: string[]; rows: Array<[string, number, number]> };
    const byId = new Map(
      rows.map(([id, household, school]) => [id, { household: s[household], school: s[school] }]),
    );
    return (id) => byId.get(id.trim().toLowerCase()) ?? null;
  } catch {
    return null;
  }
}

/** What the Summary's notes count of the whole log, journal included. */
export interface LogCounts {
  invalidCallRows: number;
  /** Of the calls counted, those typed or pasted on the sheet, and those changed by hand after logging. */
  typed: number;
  changed: number;
  uncounted: number;
  unknownCalls: number;
  unknownEmails: string[];
}

export function logCounts(
  district: DistrictFacts,
  journal: Journal,
  counts: (fact: CallFact) => boolean,
): LogCounts {
  const inBase = (runs: RowRuns): number => {
    let n = 0;
    for (const [first, last] of runs) {
      n += last - first + 1;
      for (const row of journal.calls.keys()) if (row >= first && row <= last) n--;
    }
    return n;
  };
  const unknown = new Map<string, number>();
  for (const [row, email] of district.unknown)
    if (!journal.calls.has(row)) unknown.set(email, (unknown.get(email) ?? 0) + 1);
  let invalidCallRows = inBase(district.invalid);
  let typed = inBase(district.typed);
  let changed = inBase(district.changed);
  let uncounted = inBase(district.uncounted);
  for (const c of journal.calls.values()) {
    if (c.blank) continue;
    if (c.invalid) invalidCallRows++;
    if (!isCounted(c)) continue;
    if (!counts(c)) uncounted++;
    else if (c.unknown) unknown.set(c.staffEmail, (unknown.get(c.staffEmail) ?? 0) + 1);
    else if (c.origin === 'typed') typed++;
    else if (c.origin === 'changed') changed++;
  }
  return {
    invalidCallRows,
    typed,
    changed,
    uncounted,
    unknownCalls: [...unknown.values()].reduce((a, b) => a + b, 0),
    unknownEmails: [...unknown.keys()].sort(),
  };
}
