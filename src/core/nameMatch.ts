/**
 * "Did you mean…?": the Roster students closest to a name typed for a student who is not on it,
 * by edit distance, households together. The sidebar shows them as one-click choices before a
 * name not on the Roster is logged as typed, and submitCall says the same when it refuses one.
 */
import { HouseholdIndex, normalizeName, OFF_ROSTER } from './households';
import { RosterStudent } from './records';

export interface RosterName {
  student: string;
  studentId: string;
  /** Siblings share it. */
  household: string;
}

/** A household whose student's name is close to what was typed: that student first, then siblings. */
export interface NameSuggestion<T extends RosterName> {
  students: T[];
  /** Edits between what was typed and the closest name. */
  distance: number;
}

/** Households suggested at most: a short list to pick from with one click. */
export const MAX_SUGGESTIONS = 3;

/** Levenshtein distance, with one row of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** "Mensah Jasmine" is "Jasmine Mensah" with its words in another order. */
function sortedWords(name: string): string {
  return name.split(' ').sort().join(' ');
}

/** How far `typed` is from a roster name: the closer of the name as written and its words in any order. */
function distanceTo(typed: string, name: string): number {
  return Math.min(editDistance(typed, name), editDistance(sortedWords(typed), sortedWords(name)));
}

/** A name this far or nearer is a likely typo: two edits, or a third of the name. */
function closeEnough(typed: string, distance: number): boolean {
  return distance <= Math.max(2, Math.floor(typed.length / 3));
}

/** Whether the name (or ID) typed is one of these students. */
export function onRoster(
  typed: { student: string; studentId: string },
  students: readonly RosterName[],
): boolean {
  const name = normalizeName(typed.student);
  const id = typed.studentId.trim().toLowerCase();
  return students.some(
    (s) => normalizeName(s.student) === name || (id !== '' && s.studentId.trim().toLowerCase() === id),
  );
}

/** The households with a student closest to `typed`, nearest first; [] when none is close. */
export function closestOnRoster<T extends RosterName>(
  typed: string,
  students: readonly T[],
  max = MAX_SUGGESTIONS,
): NameSuggestion<T>[] {
  const name = normalizeName(typed);
  if (!name) return [];
  const byHousehold = new Map<string, NameSuggestion<T>>();
  const members = new Map<string, T[]>();
  for (const s of students) {
    members.set(s.household, [...(members.get(s.household) ?? []), s]);
    const distance = distanceTo(name, normalizeName(s.student));
    if (!closeEnough(name, distance)) continue;
    const best = byHousehold.get(s.household);
    if (!best || distance < best.distance) byHousehold.set(s.household, { students: [s], distance });
  }
  return [...byHousehold.entries()]
    .sort(
      ([, a], [, b]) => a.distance - b.distance || a.students[0].student.localeCompare(b.students[0].student),
    )
    .slice(0, max)
    .map(
      ([
        household,
        {
          students: [closest],
          distance,
        },
      ]) => ({
        students: [closest, ...(members.get(household) ?? []).filter((s) => s !== closest)],
        distance,
      }),
    );
}

/** "Jasmine Mensah (or Kofi Mensah), Jasmin Lee": the suggestions in a sentence. */
export function suggestionsText(suggestions: ReadonlyArray<NameSuggestion<RosterName>>): string {
  return suggestions
    .map(({ students: [first, ...siblings] }) =>
      siblings.length > 0
        ? `${first.student} (or ${siblings.map((s) => s.student).join(', ')})`
        : first.student,
    )
    .join(', ');
}

/** The button that logs a name not on the Roster as typed: the second, explicit choice. */
export const LOG_AS_TYPED = 'Log as typed';

/** Why a call for a student not on the Roster was not logged, and what to do. */
export function notOnRosterMessage(
  typed: string,
  suggestions: ReadonlyArray<NameSuggestion<RosterName>>,
): string {
  const name = typed.trim();
  const meant = suggestions.length > 0 ? ` Did you mean ${suggestionsText(suggestions)}?` : '';
  return `${name} is not on your roster.${meant} Pick the student, or choose "${LOG_AS_TYPED}" if they are not on the Roster yet.`;
}

/** A Call Log row whose student is not on its school's Roster, with the closest Roster names. */
export interface CallNotOnRoster {
  row: number;
  student: string;
  school: string;
  staffEmail: string;
  /** "Jasmine Mensah (or Kofi Mensah)", or '' when no Roster name is close. */
  didYouMean: string;
}

/**
 * The rows of schools with a Roster whose student is on it neither by ID nor by name (Check call
 * log lists them): all counted, the first `limit` with suggestions.
 */
export function callsNotOnRoster(
  calls: ReadonlyArray<{
    row: number;
    student: string;
    studentId: string;
    school: string;
    staffEmail: string;
  }>,
  roster: readonly RosterStudent[],
  index: HouseholdIndex,
  limit: number,
): { count: number; rows: CallNotOnRoster[] } {
  const namesBySchool = new Map<string, RosterName[]>();
  for (const s of roster) {
    const school = normalizeName(s.school);
    namesBySchool.set(school, [...(namesBySchool.get(school) ?? []), { ...s, household: index.keyFor(s) }]);
  }
  let count = 0;
  const rows: CallNotOnRoster[] = [];
  for (const call of calls) {
    if (!call.student || !index.keyFor(call).startsWith(OFF_ROSTER)) continue;
    const names = namesBySchool.get(normalizeName(call.school));
    if (!names) continue; // a school without a Roster: every student is typed
    count++;
    if (rows.length < limit)
      rows.push({
        row: call.row,
        student: call.student,
        school: call.school,
        staffEmail: call.staffEmail,
        didYouMean: suggestionsText(closestOnRoster(call.student, names)),
      });
  }
  return { count, rows };
}
