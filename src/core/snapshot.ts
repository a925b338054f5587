/**
 * Per-school snapshots: what a teacher's sidebar and submit need to know of the whole Call Log
 * (each household's attempts and first conversation, each caller's families reached and recent
 * calls), computed by the refresh from every row, so a teacher's operation reads only the rows
 * logged since (the log's tail) instead of the district's whole log.
 */
import { Day } from './dates';
import { buildHouseholdIndex, HouseholdIndex, normalizeName } from './households';
import { knownHousehold } from './callFacts';
import { CallRecord, FollowUpRecord, isCounted, RosterStudent, StaffMember } from './records';
import { REACHED_OUTCOME } from './schema';

/** How many of a caller's latest calls the sidebar lists. */
export const RECENT_CALLS = 5;
/** How many of the follow-ups a caller raised the sidebar lists. */
export const RAISED_FOLLOW_UPS = 10;

export interface SnapshotStudent extends RosterStudent {
  /** The household key in the district's index: siblings share it. */
  household: string;
}

export interface FirstConversation {
  email: string;
  name: string;
  day: Day;
}

/** What is known of one household's calls. */
export interface HouseholdFacts {
  attempts: number;
  /** Attempts per method, for the hand-off reason ("Phone ×2"). */
  methods: Record<string, number>;
  firstDay: Day | null;
  lastDay: Day | null;
  reached: FirstConversation | null;
  /** A hand-off follow-up exists (or was raised by a call since the snapshot was built). */
  handOff: boolean;
}

/** Every hand-off follow-up's Reason starts with this. */
export const HAND_OFF_REASON_PREFIX = 'Not reached after';

export interface RecentCall {
  row: number;
  callId: string;
  day: Day;
  student: string;
  outcome: string;
}

export interface RaisedFollowUp {
  row: number;
  student: string;
  reason: string;
  status: string;
}

/** One caller's calls that count toward a goal (dated from Calls Start Date to the day counted). */
export interface CallerFacts {
  attempts: number;
  /** Household keys with a conversation. */
  reached: string[];
  /** Newest first. */
  recent: RecentCall[];
  raised: RaisedFollowUp[];
}

export interface SchoolSnapshot {
  /** normalizeName of the school. */
  school: string;
  /** Roster students of the school, and students assigned to its staff. */
  students: SnapshotStudent[];
  households: Record<string, HouseholdFacts>;
  /** By staff email: everyone with a Staff row at this school. */
  callers: Record<string, CallerFacts>;
  /** The names on the school's Staff rows: a family voice the form previews is redacted with them. */
  staffNames: string[];
}

/** The settings and the day the facts are counted for. */
export interface SnapshotRules {
  callsStartDate: Day;
  today: Day;
  /** Settings' Attempts Before Hand-off. */
  handOffAfter: number;
}

export interface SnapshotInput extends SnapshotRules {
  staff: readonly StaffMember[];
  roster: readonly RosterStudent[];
  calls: readonly CallRecord[];
  followUps: readonly FollowUpRecord[];
  /** The Roster's household index, when the caller built it already (the refresh shares one). */
  households?: HouseholdIndex;
}

/** Whether the household is past the hand-off with no conversation and no hand-off row yet. */
export function needsHandOff(facts: HouseholdFacts, handOffAfter: number): boolean {
  return facts.attempts >= handOffAfter && !facts.reached && !facts.handOff;
}

/** A household no call has reached yet. */
export function newHouseholdFacts(): HouseholdFacts {
  return { attempts: 0, methods: {}, firstDay: null, lastDay: null, reached: null, handOff: false };
}

function emptyCaller(): CallerFacts {
  return { attempts: 0, reached: [], recent: [], raised: [] };
}

/** Adds one call to what is known of its household. */
export function addToHousehold(facts: HouseholdFacts, call: CallRecord): void {
  facts.attempts++;
  if (call.method) facts.methods[call.method] = (facts.methods[call.method] ?? 0) + 1;
  const day = call.callDate;
  if (!day) return;
  if (facts.firstDay === null || day < facts.firstDay) facts.firstDay = day;
  if (facts.lastDay === null || day > facts.lastDay) facts.lastDay = day;
  if (call.outcome === REACHED_OUTCOME && (!facts.reached || day < facts.reached.day)) {
    facts.reached = { email: call.staffEmail, name: call.staffName || call.staffEmail, day };
  }
}

/** Whether a call counts toward its caller's goal: dated inside the goal window. */
function counts(call: CallRecord, rules: SnapshotRules): boolean {
  const day = call.callDate;
  return day !== null && call.staffEmail !== '' && day >= rules.callsStartDate && day <= rules.today;
}

/** Adds one call to its caller's facts; `household` is the call's household key. */
export function addToCaller(
  facts: CallerFacts,
  call: CallRecord,
  household: string,
  rules: SnapshotRules,
): void {
  if (!counts(call, rules)) return;
  facts.attempts++;
  if (call.outcome === REACHED_OUTCOME && !facts.reached.includes(household)) facts.reached.push(household);
  facts.recent.unshift({
    row: call.row,
    callId: call.callId,
    day: call.callDate ?? '',
    student: call.student,
    outcome: call.outcome,
  });
  if (facts.recent.length > RECENT_CALLS) facts.recent.length = RECENT_CALLS;
}

/** The school part of a household key, for keys of students not on the Roster. */
function offRosterSchool(key: string): string | null {
  return key.startsWith('off-roster:') ? key.slice('off-roster:'.length, key.indexOf('|')) : null;
}

/** Builds one school's snapshot at a time, so a district's snapshots need not all be in memory. */
export interface SnapshotBuilder {
  /** normalizeName of every school with staff or students, in the order first met. */
  schools: string[];
  build(school: string): SchoolSnapshot;
}

interface SchoolMembers {
  emails: string[];
  names: string[];
  /** Positions in the Roster. */
  students: number[];
  offRoster: Set<string>;
}

/** What every school's snapshot draws on, from one pass over the calls. */
export function snapshotBuilder(input: SnapshotInput): SnapshotBuilder {
  const index = input.households ?? buildHouseholdIndex(input.roster);
  const households = new Map<string, HouseholdFacts>();
  const callers = new Map<string, CallerFacts>();
  const staffEmails = new Set(input.staff.map((s) => s.email).filter((e) => e !== ''));
  const offRosterBySchool = new Map<string, Set<string>>();
  const callerOfCall = new Map<string, string>();
  const followedUp = new Set(input.followUps.map((f) => f.callId));
  const householdOfCall = new Map<string, string>();

  // The calls come in row order, so each caller's recent calls end with the latest.
  for (const call of input.calls) {
    if (!isCounted(call)) continue;
    const key = index.keyFor(call);
    let facts = households.get(key);
    if (!facts) households.set(key, (facts = newHouseholdFacts()));
    addToHousehold(facts, call);
    if (call.callId && followedUp.has(call.callId)) householdOfCall.set(call.callId, key);
    const school = offRosterSchool(key);
    if (school !== null) {
      const keys = offRosterBySchool.get(school) ?? new Set<string>();
      keys.add(key);
      offRosterBySchool.set(school, keys);
    }
    if (!staffEmails.has(call.staffEmail)) continue;
    let caller = callers.get(call.staffEmail);
    if (!caller) callers.set(call.staffEmail, (caller = emptyCaller()));
    addToCaller(caller, call, key, input);
    if (call.callId) callerOfCall.set(call.callId, call.staffEmail);
  }
  for (const f of [...input.followUps].sort((a, b) => b.row - a.row)) {
    const household = householdOfCall.get(f.callId);
    if (household && f.reason.startsWith(HAND_OFF_REASON_PREFIX)) {
      const facts = households.get(household);
      if (facts) facts.handOff = true;
    }
    const email = callerOfCall.get(f.callId);
    const caller = email ? callers.get(email) : undefined;
    if (caller && caller.raised.length < RAISED_FOLLOW_UPS)
      caller.raised.push({ row: f.row, student: f.student, reason: f.reason, status: f.status });
  }

  const members = new Map<string, SchoolMembers>();
  const membersOf = (schoolName: string): SchoolMembers | null => {
    const school = normalizeName(schoolName);
    if (!school) return null;
    let m = members.get(school);
    if (!m) members.set(school, (m = { emails: [], names: [], students: [], offRoster: new Set() }));
    return m;
  };
  const schoolsOfStaff = new Map<string, string[]>();
  for (const member of input.staff) {
    const m = membersOf(member.school);
    if (!m) continue;
    if (member.name) m.names.push(member.name);
    if (!member.email) continue;
    m.emails.push(member.email);
    schoolsOfStaff.set(member.email, [
      ...(schoolsOfStaff.get(member.email) ?? []),
      normalizeName(member.school),
    ]);
  }
  const householdOfStudent = input.roster.map((student, i) => {
    const owners = new Set([
      normalizeName(student.school),
      ...(schoolsOfStaff.get(student.assignedTo) ?? []),
    ]);
    for (const school of owners) membersOf(school)?.students.push(i);
    return index.keyFor(student);
  });
  for (const [school, keys] of offRosterBySchool) {
    const m = members.get(school);
    if (m) for (const key of keys) m.offRoster.add(key);
  }

  return {
    schools: [...members.keys()],
    build(school) {
      const snapshot: SchoolSnapshot = {
        school,
        students: [],
        households: {},
        callers: {},
        staffNames: [],
      };
      const m = members.get(school);
      if (!m) return snapshot;
      const addHousehold = (key: string): void => {
        snapshot.households[key] ??= households.get(key) ?? newHouseholdFacts();
      };
      for (const email of m.emails) snapshot.callers[email] = callers.get(email) ?? emptyCaller();
      snapshot.staffNames = [...new Set(m.names)];
      for (const i of m.students) {
        snapshot.students.push({ ...input.roster[i], household: householdOfStudent[i] });
        addHousehold(householdOfStudent[i]);
      }
      for (const key of m.offRoster) addHousehold(key);
      return snapshot;
    },
  };
}

/**
 * The household index of a school's students, answering with the district's keys: a student or
 * call the refresh resolved keeps its household; a call logged since finds its household the way
 * the refresh would (siblings and student IDs among the school's students).
 */
export function studentsIndex(students: readonly SnapshotStudent[]): HouseholdIndex {
  const index = buildHouseholdIndex(students);
  const districtKey = new Map<string, string>();
  students.forEach((s, i) => districtKey.set(`roster:${i}`, s.household));
  const bySchool = new Map<string, string[]>();
  const byKey = new Map<string, RosterStudent[]>();
  for (const s of students) {
    const school = normalizeName(s.school);
    const keys = bySchool.get(school) ?? [];
    if (!byKey.has(s.household)) {
      keys.push(s.household);
      byKey.set(s.household, []);
    }
    byKey.get(s.household)?.push(s);
    bySchool.set(school, keys);
  }
  return {
    keyFor(call) {
      const known = knownHousehold(call);
      if (known) return known;
      const key = index.keyFor(call);
      return districtKey.get(key) ?? key;
    },
    studentsOf: (key) => byKey.get(key)?.slice() ?? [],
    rosterHouseholdCount: (school) => bySchool.get(normalizeName(school))?.length ?? 0,
    rosterHouseholds: (school) => bySchool.get(normalizeName(school))?.slice() ?? [],
  };
}

/**
 * The snapshot brought up to date with the calls logged since it was built (in row order).
 * Returns a new snapshot; the one given is not changed.
 */
export function withCallsSince(
  snapshot: SchoolSnapshot,
  calls: readonly CallRecord[],
  rules: SnapshotRules,
): SchoolSnapshot {
  const next: SchoolSnapshot = JSON.parse(JSON.stringify(snapshot)) as SchoolSnapshot;
  const index = studentsIndex(next.students);
  for (const call of calls) {
    if (!isCounted(call)) continue;
    const key = index.keyFor(call);
    const facts = next.households[key] ?? (offRosterSchool(key) === next.school ? newHouseholdFacts() : null);
    if (facts) {
      addToHousehold(facts, call);
      // A submit that leaves the household past the hand-off raises its row (or leaves it pending).
      if (needsHandOff(facts, rules.handOffAfter)) facts.handOff = true;
      next.households[key] = facts;
    }
    const caller = next.callers[call.staffEmail];
    if (caller) addToCaller(caller, call, key, rules);
  }
  return next;
}
