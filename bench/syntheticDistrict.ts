/**
 * A deterministic synthetic district, for the summary benchmark and for running the built
 * bundle over district-sized tabs. Same options and seed, same district.
 */
import { addDays, Day, daysBetween, startOfDay } from '../src/core/dates';
import { CallRecord, FollowUpRecord, RosterStudent, School, StaffMember } from '../src/core/records';
import { FOLLOW_UP_STATUSES, INTERPRETERS, METHODS, OUTCOMES, REACHED_OUTCOME } from '../src/core/schema';
import { readSettings, Settings } from '../src/core/settings';
import { prng } from '../dev/prng';

export interface SyntheticDistrictOptions {
  staff: number;
  calls: number;
  rosterStudents: number;
  seed: number;
  /** How many schools share them (default 40). */
  schools?: number;
  /** The number of the first school's name (School 01 by default): a tracker per school numbers its own. */
  firstSchool?: number;
}

export interface SyntheticDistrict {
  staff: StaffMember[];
  schools: School[];
  roster: RosterStudent[];
  calls: CallRecord[];
  followUps: FollowUpRecord[];
  settings: Settings;
  today: Day;
}

const SCHOOL_COUNT = 40;
const FIRST_NAMES = [
  'Ana',
  'Luis',
  'Sofía',
  'Tom',
  'Eva',
  'Kai',
  'Maya',
  'Omar',
  'Lena',
  'Noah',
  'Iris',
  'Jin',
  'Zoe',
  'Ravi',
  'Nia',
  'Theo',
];
const LAST_NAMES = [
  'Ruiz',
  'Lee',
  'Park',
  'Nguyen',
  'Okafor',
  'Smith',
  'García',
  'Khan',
  'Moss',
  'Silva',
  'Cohen',
  'Haddad',
];

export function syntheticDistrict(opts: SyntheticDistrictOptions): SyntheticDistrict {
  const random = prng(opts.seed);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];

  const today: Day = '2026-10-01';
  // The defaults a new tracker gets: Aug 1 to Oct 31 of this school year, families reached.
  const settings: Settings = readSettings(new Map(), { today, timeZone: 'America/Chicago' }).settings;

  const schoolNames = Array.from(
    { length: opts.schools ?? SCHOOL_COUNT },
    (_, i) => `School ${String(i + (opts.firstSchool ?? 1)).padStart(2, '0')}`,
  );
  const schools: School[] = schoolNames.map((school, i) => ({
    school,
    principalEmails: [`principal${i + 1}@district.example`],
    followUpEmails: [`counselor${i + 1}@district.example`],
    // Every fourth school keeps its own, earlier deadline.
    goalDeadline: i % 4 === 0 ? '2026-09-30' : null,
  }));

  const staff: StaffMember[] = Array.from({ length: opts.staff }, (_, i) => ({
    email: `staff${i + 1}@district.example`,
    name: `${pick(FIRST_NAMES)} ${pick(LAST_NAMES)} ${i + 1}`,
    school: schoolNames[i % schoolNames.length],
    role: i % 25 === 0 ? 'Support Staff' : 'Teacher',
    callGoal: 10 + int(21),
  }));

  // About one family in four has two or three children at the same school.
  const roster: RosterStudent[] = [];
  let family = 0;
  while (roster.length < opts.rosterStudents) {
    family++;
    const school = schoolNames[family % schoolNames.length];
    const last = pick(LAST_NAMES);
    const children = random() < 0.25 ? 2 + int(2) : 1;
    const familyMember = `${pick(FIRST_NAMES)} ${last} (${pick(['mother', 'father', 'grandmother', 'aunt'])})`;
    const phone = `555-${String(family % 1000).padStart(3, '0')}-${String(family).padStart(4, '0').slice(-4)}${family}`;
    for (let c = 0; c < children && roster.length < opts.rosterStudents; c++) {
      const id = roster.length + 1;
      roster.push({
        studentId: String(100000 + id),
        student: `${pick(FIRST_NAMES)} ${last} ${id}`,
        grade: String(int(13)),
        school,
        familyMember,
        // A sibling's row sometimes has only the email: the household still joins through a third.
        phone: c === 1 && children === 3 ? '' : phone,
        email: c === 0 && children === 3 ? '' : `family${family}@mail.example`,
        homeLanguage: pick(['English', 'Spanish', 'Vietnamese', 'Arabic']),
        assignedTo: '',
        priority: random() < 0.05 ? 'New family' : '',
      });
    }
  }
  const rosterBySchool = new Map<string, RosterStudent[]>();
  for (const s of roster) {
    const inSchool = rosterBySchool.get(s.school) ?? [];
    inSchool.push(s);
    rosterBySchool.set(s.school, inSchool);
  }

  const windowDays = daysBetween(settings.callsStartDate, today) + 1;
  const calls: CallRecord[] = [];
  const followUps: FollowUpRecord[] = [];
  for (let i = 0; i < opts.calls; i++) {
    const row = i + 2;
    // One call in 500 by someone not on Staff; one in 1,000 without a date, as hand edits leave.
    const unknown = i % 500 === 499;
    const member = staff[int(staff.length)];
    const students = rosterBySchool.get(member.school) ?? [];
    const onRoster = students.length > 0 && random() < 0.9;
    const student = onRoster ? pick(students) : null;
    const outcome = random() < 0.55 ? REACHED_OUTCOME : pick(OUTCOMES);
    const call: CallRecord = {
      row,
      callId: `C-${row.toString(36)}`,
      loggedAt: null,
      staffEmail: unknown ? `substitute${i % 7}@district.example` : member.email,
      staffName: member.name,
      school: member.school,
      callDate: i % 1000 === 999 ? null : addDays(settings.callsStartDate, int(windowDays)),
      student: student ? student.student : `Walk-in Student ${int(5000)}`,
      // Half the calls picked the student from the Roster, so they carry the ID.
      studentId: student && random() < 0.5 ? student.studentId : '',
      familyMember: outcome === REACHED_OUTCOME ? (student?.familyMember ?? 'A parent') : '',
      method: pick(METHODS),
      outcome,
      language: 'English',
      interpreter: pick(INTERPRETERS),
      preferredContact: '',
      familyStrengths: '',
      hopesAndDreams: '',
      notes: '',
      followUpNeeded: random() < 0.05,
      urgent: random() < 0.01,
      okToQuote: false,
      urgentReason: '',
      entry: 'Form',
      withdrawn: '',
      signature: '',
    };
    calls.push(call);
    if (call.urgent || call.followUpNeeded) {
      followUps.push({
        row: followUps.length + 2,
        callId: call.callId,
        flaggedAt: call.callDate ? startOfDay(call.callDate, settings.timeZone) : null,
        school: call.school,
        staff: call.staffName,
        student: call.student,
        flaggedOn: call.callDate,
        staffEmail: call.staffEmail,
        reason: call.urgent ? 'Marked by caller' : 'Follow-up needed',
        assignedTo: schools[schoolNames.indexOf(call.school)].followUpEmails.join(', '),
        status: pick(FOLLOW_UP_STATUSES),
        resolution: '',
        resolvedOn: null,
        alert: '',
        callDate: call.callDate,
        callLink: '',
        familyMember: '',
        phone: '',
        familyEmail: '',
        signature: '',
      });
    }
  }
  return { staff, schools, roster, calls, followUps, settings, today };
}
