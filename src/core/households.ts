/**
 * Households: a family must be counted once however many of its children are called, and
 * however many times. Siblings on the Roster share a household when, within one school, they
 * have the same Family Member and the same Phone or the same Email.
 */
import { RosterStudent } from './records';

export interface HouseholdIndex {
  /** The household key of a call's student. */
  keyFor(call: { school: string; studentId: string; student: string }): string;
  /** Roster students of a household (empty for students not on the Roster). */
  studentsOf(key: string): RosterStudent[];
  /** Distinct Roster households per school (the "Roster Families" column). */
  rosterHouseholdCount(school: string): number;
  /** Every household key on the Roster for a school. */
  rosterHouseholds(school: string): string[];
}

const NON_ASCII = /[^ -~\s]/;
const ACCENTS = /[\u0300-\u036f]/g;
/** Runs of spaces, and any tab or line break. */
const EXTRA_SPACE = /\s{2,}|[^\S ]/g;

/** Names as people type them: "  José  García " and "jose garcia" are the same student. */
export function normalizeName(s: string): string {
  // Most names are plain ASCII: skip decomposing them (it dominates the time for 100,000 calls).
  const bare = NON_ASCII.test(s) ? s.normalize('NFD').replace(ACCENTS, '') : s;
  return bare.trim().toLowerCase().replace(EXTRA_SPACE, ' ');
}

function digitsOf(phone: string): string {
  return phone.replace(/\D/g, '');
}

/** Marks a lookup that matched students of different households: it decides nothing. */
const AMBIGUOUS = -1;

function remember(map: Map<string, number>, key: string, household: number): void {
  const seen = map.get(key);
  if (seen === undefined) map.set(key, household);
  else if (seen !== household) map.set(key, AMBIGUOUS);
}

/** One school's side of the Roster; lookups go school first, so no joined keys are built per call. */
interface SchoolPart {
  households: string[];
  byId: Map<string, number>; // student ID → household root
  byName: Map<string, number>; // normalized student name → household root
  contacts: Map<string, number>; // family member + phone or email → a roster position
}

/**
 * `remember: false` resolves every call afresh: for a caller that asks once per call (the full
 * rebuild), the memo of a district's students would only cost memory.
 */
export function buildHouseholdIndex(
  roster: readonly RosterStudent[],
  { remember: keep = true }: { remember?: boolean } = {},
): HouseholdIndex {
  const parts = new Map<string, SchoolPart>();
  const partsAsTyped = new Map<string, SchoolPart>();
  const partOf = (schoolAsTyped: string): SchoolPart => {
    let part = partsAsTyped.get(schoolAsTyped);
    if (!part) {
      const school = normalizeName(schoolAsTyped);
      part = parts.get(school);
      if (!part) {
        part = { households: [], byId: new Map(), byName: new Map(), contacts: new Map() };
        parts.set(school, part);
      }
      partsAsTyped.set(schoolAsTyped, part);
    }
    return part;
  };

  // Union-find over roster positions, so A~B by phone and B~C by email join A, B and C.
  const parent = roster.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root];
    while (parent[i] !== root) {
      const next = parent[i];
      parent[i] = root;
      i = next;
    }
    return root;
  };
  const join = (contacts: Map<string, number>, contact: string, i: number): void => {
    const owner = contacts.get(contact);
    if (owner === undefined) contacts.set(contact, i);
    else parent[find(i)] = find(owner);
  };
  roster.forEach((s, i) => {
    const familyMember = normalizeName(s.familyMember);
    // Without a family member's name, a shared phone (a school's main line, say) proves nothing.
    if (!familyMember) return;
    const { contacts } = partOf(s.school);
    const phone = digitsOf(s.phone);
    const email = s.email.trim().toLowerCase();
    if (phone) join(contacts, `${familyMember}|p:${phone}`, i);
    if (email) join(contacts, `${familyMember}|e:${email}`, i);
  });

  const keys = roster.map((_, i) => `roster:${i}`); // made once: calls reuse them
  const studentsByRoot: RosterStudent[][] = [];
  const byAnyId = new Map<string, number>(); // student ID → root, when the ID is unique
  roster.forEach((s, i) => {
    const root = find(i);
    const part = partOf(s.school);
    if (!studentsByRoot[root]) {
      studentsByRoot[root] = [];
      part.households.push(keys[root]);
    }
    studentsByRoot[root].push(s);
    const id = s.studentId.trim().toLowerCase();
    if (id) {
      remember(part.byId, id, root);
      remember(byAnyId, id, root);
    }
    const name = normalizeName(s.student);
    if (name) remember(part.byName, name, root);
  });

  const matched = (root: number | undefined): root is number => root !== undefined && root !== AMBIGUOUS;
  const resolve = (schoolAsTyped: string, idAsTyped: string, student: string): string => {
    const part = partOf(schoolAsTyped);
    const id = idAsTyped.trim().toLowerCase();
    const name = normalizeName(student);
    let root: number | undefined;
    if (id) {
      root = part.byId.get(id);
      if (!matched(root)) root = byAnyId.get(id);
    }
    if (!matched(root)) root = part.byName.get(name);
    return matched(root) ? keys[root] : `off-roster:${normalizeName(schoolAsTyped)}|${name}`;
  };
  // 100,000 calls name far fewer students: resolve each once. Nested maps look up the
  // record's own strings, whose hashes V8 keeps, instead of hashing a new joined key per call.
  const cache = new Map<string, Map<string, Map<string, string>>>();
  return {
    keyFor(call) {
      if (!keep) return resolve(call.school, call.studentId, call.student);
      let bySchool = cache.get(call.school);
      if (!bySchool) cache.set(call.school, (bySchool = new Map()));
      let byStudentId = bySchool.get(call.studentId);
      if (!byStudentId) bySchool.set(call.studentId, (byStudentId = new Map()));
      let key = byStudentId.get(call.student);
      if (key === undefined) {
        key = resolve(call.school, call.studentId, call.student);
        byStudentId.set(call.student, key);
      }
      return key;
    },
    studentsOf(key) {
      if (!key.startsWith('roster:')) return [];
      return studentsByRoot[Number(key.slice('roster:'.length))]?.slice() ?? [];
    },
    rosterHouseholdCount(school) {
      return parts.get(normalizeName(school))?.households.length ?? 0;
    },
    rosterHouseholds(school) {
      return parts.get(normalizeName(school))?.households.slice() ?? [];
    },
  };
}
