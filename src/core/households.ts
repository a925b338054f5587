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

/** Names as people type them: "  José  García " and "jose garcia" are the same student. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
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

export function buildHouseholdIndex(roster: readonly RosterStudent[]): HouseholdIndex {
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
  const contactOwner = new Map<string, number>();
  const join = (contact: string, i: number): void => {
    const owner = contactOwner.get(contact);
    if (owner === undefined) contactOwner.set(contact, i);
    else parent[find(i)] = find(owner);
  };
  roster.forEach((s, i) => {
    const familyMember = normalizeName(s.familyMember);
    // Without a family member's name, a shared phone (a school's main line, say) proves nothing.
    if (!familyMember) return;
    const family = `${normalizeName(s.school)}|${familyMember}`;
    const phone = digitsOf(s.phone);
    const email = s.email.trim().toLowerCase();
    if (phone) join(`${family}|p:${phone}`, i);
    if (email) join(`${family}|e:${email}`, i);
  });

  const keyOf = (root: number): string => `roster:${root}`;
  const studentsByRoot = new Map<number, RosterStudent[]>();
  const householdsBySchool = new Map<string, string[]>();
  const byId = new Map<string, number>(); // school|id → root
  const byAnyId = new Map<string, number>(); // id → root, when the ID is unique
  const byName = new Map<string, number>(); // school|name → root
  roster.forEach((s, i) => {
    const root = find(i);
    const school = normalizeName(s.school);
    let students = studentsByRoot.get(root);
    if (!students) {
      students = [];
      studentsByRoot.set(root, students);
      const keys = householdsBySchool.get(school) ?? [];
      keys.push(keyOf(root));
      householdsBySchool.set(school, keys);
    }
    students.push(s);
    const id = s.studentId.trim().toLowerCase();
    if (id) {
      remember(byId, `${school}|${id}`, root);
      remember(byAnyId, id, root);
    }
    const name = normalizeName(s.student);
    if (name) remember(byName, `${school}|${name}`, root);
  });

  const matched = (root: number | undefined): root is number => root !== undefined && root !== AMBIGUOUS;
  // 100,000 calls name far fewer students: resolve each distinct one once.
  const cache = new Map<string, string>();
  return {
    keyFor(call) {
      const cacheKey = `${call.school}\u0000${call.studentId}\u0000${call.student}`;
      const cached = cache.get(cacheKey);
      if (cached !== undefined) return cached;
      const school = normalizeName(call.school);
      const id = call.studentId.trim().toLowerCase();
      const name = normalizeName(call.student);
      let root: number | undefined;
      if (id) {
        root = byId.get(`${school}|${id}`);
        if (!matched(root)) root = byAnyId.get(id);
      }
      if (!matched(root)) root = byName.get(`${school}|${name}`);
      const key = matched(root) ? keyOf(root) : `off-roster:${school}|${name}`;
      cache.set(cacheKey, key);
      return key;
    },
    studentsOf(key) {
      if (!key.startsWith('roster:')) return [];
      return studentsByRoot.get(Number(key.slice('roster:'.length))) ?? [];
    },
    rosterHouseholdCount(school) {
      return householdsBySchool.get(normalizeName(school))?.length ?? 0;
    },
    rosterHouseholds(school) {
      return householdsBySchool.get(normalizeName(school))?.slice() ?? [];
    },
  };
}
