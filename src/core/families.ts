/**
 * The Families tab: one row per Roster household (siblings together) with what was tried and
 * who reached it, so a principal sees the families still waiting. One pass over the calls.
 */
import { Day } from './dates';
import { buildHouseholdIndex, HouseholdIndex, normalizeName } from './households';
import { literalText } from './literal';
import { CallRecord, isCounted, RosterStudent, StaffMember } from './records';
import { FAMILIES, FamilyStatus, REACHED_OUTCOME } from './schema';
import { Settings } from './settings';

export interface FamiliesInput {
  roster: readonly RosterStudent[];
  calls: readonly CallRecord[];
  staff: readonly StaffMember[];
  settings: Pick<Settings, 'callsStartDate' | 'attemptsBeforeHandOff'>;
  today: Day;
  /** The Roster's households, when the caller built them already (the Summary shares them). */
  households?: HouseholdIndex;
}

export interface FamilyRow {
  /** The household's key: the refresh finds the row again by it. */
  household: string;
  school: string;
  students: string[];
  familyMember: string;
  phone: string;
  homeLanguage: string;
  priority: string;
  /** Staff names (the email when not on Staff). */
  assignedTo: string[];
  attempts: number;
  lastAttempt: Day | null;
  reachedBy: string;
  reachedOn: Day | null;
  status: FamilyStatus;
}

interface Tally {
  attempts: number;
  lastAttempt: Day | null;
  firstConversation: CallRecord | null;
}

function distinct(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const key = normalizeName(v);
    if (key && !seen.has(key)) {
      seen.add(key);
      out.push(v);
    }
  }
  return out;
}

function byText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Waiting families first, in the order a principal works them: never called, trying, handed off. */
const STATUS_ORDER: Readonly<Record<FamilyStatus, number>> = {
  'Not yet called': 0,
  Trying: 1,
  'Hand-off': 2,
  Reached: 3,
};

export function statusOf(tally: Tally | undefined, handOff: number): FamilyStatus {
  if (tally?.firstConversation) return 'Reached';
  const attempts = tally?.attempts ?? 0;
  if (attempts === 0) return 'Not yet called';
  return attempts >= handOff ? 'Hand-off' : 'Trying';
}

/**
 * Rows sorted by school; within a school the families still waiting come first, priority ones
 * first among them, then by status and the first student's name.
 */
export function computeFamilies(input: FamiliesInput): FamilyRow[] {
  const { settings, today } = input;
  const households = input.households ?? buildHouseholdIndex(input.roster);
  const staffNames = new Map(input.staff.filter((s) => s.name).map((s) => [s.email, s.name]));

  const tallies = new Map<string, Tally>();
  for (const call of input.calls) {
    const day = call.callDate;
    // The Summary's rule: a call outside the calls window breaks the rules and does not count.
    if (!day || day < settings.callsStartDate || day > today || !isCounted(call)) continue;
    const key = households.keyFor(call);
    if (!key.startsWith('roster:')) continue;
    let tally = tallies.get(key);
    if (!tally) tallies.set(key, (tally = { attempts: 0, lastAttempt: null, firstConversation: null }));
    tally.attempts++;
    if (tally.lastAttempt === null || day > tally.lastAttempt) tally.lastAttempt = day;
    if (call.outcome === REACHED_OUTCOME) {
      const first = tally.firstConversation;
      if (!first || (first.callDate ?? '') > day) tally.firstConversation = call;
    }
  }

  const seen = new Set<string>();
  const rows: FamilyRow[] = [];
  for (const student of input.roster) {
    const key = households.keyFor(student);
    if (seen.has(key)) continue;
    seen.add(key);
    const members = households.studentsOf(key);
    const tally = tallies.get(key);
    const first = tally?.firstConversation ?? null;
    const firstWith = (pick: (s: RosterStudent) => string): string =>
      members.map(pick).find((v) => v !== '') ?? '';
    rows.push({
      household: key,
      school: student.school,
      students: members.map((s) => s.student),
      familyMember: firstWith((s) => s.familyMember),
      phone: firstWith((s) => s.phone),
      homeLanguage: firstWith((s) => s.homeLanguage),
      priority: distinct(members.map((s) => s.priority)).join('; '),
      assignedTo: distinct(members.map((s) => s.assignedTo).filter((e) => e !== '')).map(
        (email) => staffNames.get(email) ?? email,
      ),
      attempts: tally?.attempts ?? 0,
      lastAttempt: tally?.lastAttempt ?? null,
      reachedBy: first ? first.staffName || first.staffEmail : '',
      reachedOn: first?.callDate ?? null,
      status: statusOf(tally, settings.attemptsBeforeHandOff),
    });
  }

  const waiting = (r: FamilyRow): number => (r.status === 'Reached' ? 1 : 0);
  const priority = (r: FamilyRow): number => (r.priority ? 0 : 1);
  return rows.sort(
    (a, b) =>
      byText(normalizeName(a.school), normalizeName(b.school)) ||
      waiting(a) - waiting(b) ||
      (waiting(a) === 0 ? priority(a) - priority(b) : 0) ||
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      byText(a.students[0] ?? '', b.students[0] ?? ''),
  );
}

export type FamilyCell = string | number;

/** The Families tab's header row. */
export function familiesHeader(): FamilyCell[] {
  return FAMILIES.columns.map((c) => c.header);
}

/** The Families tab as one rectangle: the header row, then a row per household. */
export function familiesValues(rows: readonly FamilyRow[]): FamilyCell[][] {
  return [familiesHeader(), ...familyCells(rows)];
}

/** A row of cells per household, in the tab's columns. */
export function familyCells(rows: readonly FamilyRow[]): FamilyCell[][] {
  const cells = (r: FamilyRow): Record<string, FamilyCell> => ({
    household: r.household,
    school: literalText(r.school),
    students: literalText(r.students.join(', ')),
    familyMember: literalText(r.familyMember),
    phone: literalText(r.phone),
    homeLanguage: literalText(r.homeLanguage),
    priority: literalText(r.priority),
    assignedTo: literalText(r.assignedTo.join(', ')),
    attempts: r.attempts,
    lastAttempt: r.lastAttempt ?? '',
    reachedBy: literalText(r.reachedBy),
    reachedOn: r.reachedOn ?? '',
    status: r.status,
  });
  return rows.map((r) => {
    const byKey = cells(r);
    return FAMILIES.columns.map((c) => byKey[c.key] ?? '');
  });
}
