import { decodeMySchool, encodeMySchool, MY_SCHOOL_LIST_CAP, mySchoolPart } from '../../src/core/mySchool';
import type { FamilyRow } from '../../src/core/families';
import type { SchoolProgress, StaffProgress } from '../../src/core/progress';

const progress: SchoolProgress = {
  school: 'Lincoln',
  staffWithGoals: 40,
  metGoal: 10,
  exceededGoal: 4,
  percentMet: 0.25,
  percentExceeded: 0.1,
  familiesReached: 20,
  offRosterFamilies: 0,
  rosterFamilies: 80,
  percentRosterReached: 0.25,
  openFollowUps: 0,
  overdueFollowUps: 0,
};

function staff(name: string, status: StaffProgress['status']): StaffProgress {
  return {
    school: 'Lincoln',
    name,
    email: `${name}@s.org`,
    goal: 8,
    familiesReached: 2,
    attempts: 3,
    thisWeek: 0,
    percentOfGoal: 0.25,
    status,
    lastCall: '2026-12-01',
    openFollowUps: 0,
    overdueFollowUps: 0,
    counted: 2,
    byHand: 0,
  };
}

function family(students: string, status: FamilyRow['status'], priority = ''): FamilyRow {
  return {
    household: `roster:${students}`,
    school: 'Lincoln',
    students: [students],
    familyMember: '',
    phone: '',
    homeLanguage: '',
    priority,
    assignedTo: ['Kim'],
    attempts: 0,
    lastAttempt: null,
    reachedBy: '',
    reachedOn: null,
    status,
  };
}

test('only staff not started or behind need a check-in, not started first; lists stop at the cap, counts do not', () => {
  const people = [
    ...Array.from({ length: 30 }, (_, i) => staff(`Behind ${i}`, 'Behind')),
    staff('On', 'On pace'),
    staff('Met', 'Met goal'),
    staff('Late', 'Not started'),
  ];
  const families = [
    ...Array.from({ length: 40 }, (_, i) =>
      family(`Waiting ${i}`, 'Not yet called', i < 3 ? 'New family' : ''),
    ),
    family('Done', 'Reached'),
  ];
  const part = mySchoolPart({
    progress,
    staff: people,
    families,
    familyRow: (_f, i) => i + 2,
    refreshedAt: 0,
    followUps: [],
    deadline: '2026-12-18',
    today: '2026-12-04',
    dueDays: 2,
  });
  expect(part.checkIns.count).toBe(31);
  expect(part.checkIns.lines).toHaveLength(MY_SCHOOL_LIST_CAP);
  // Its place among the school's staff rows: the Summary row is found from it as the sidebar opens.
  expect(part.checkIns.lines[0]).toMatchObject({ name: 'Late', status: 'Not started', place: 32 });
  expect(part.waiting).toMatchObject({ count: 40, priority: 3, rosterFamilies: 80 });
  expect(part.waiting.lines).toHaveLength(MY_SCHOOL_LIST_CAP);
  expect(part.goal).toMatchObject({ percentMet: 0.25, percentExceeded: 0.1, daysLeft: 14 });
  expect(part.urgent).toEqual({ open: 0, overdue: 0, lines: [] });
});

test('kept in its slot: the longest list loses its last lines until the part fits; the counts stay', () => {
  const part = mySchoolPart({
    progress,
    staff: Array.from({ length: 30 }, (_, i) => staff(`Behind ${'x'.repeat(200)} ${i}`, 'Behind')),
    families: [family('Waiting', 'Not yet called')],
    familyRow: () => 2,
    followUps: [],
    deadline: '2026-12-18',
    today: '2026-12-04',
    dueDays: 2,
    refreshedAt: 0,
  });
  expect(decodeMySchool(encodeMySchool(part, 100_000))).toEqual(part);
  const text = encodeMySchool(part, 3_000);
  expect(text.length).toBeLessThanOrEqual(3_000);
  const kept = decodeMySchool(text)!;
  expect(kept.checkIns.count).toBe(30);
  expect(kept.checkIns.lines.length).toBeLessThan(MY_SCHOOL_LIST_CAP);
  expect(kept.waiting.lines).toHaveLength(1);
  expect(decodeMySchool('{"school":')).toBeNull();
});
