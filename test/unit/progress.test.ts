import { callRecord, followUpRecord } from './fixtures';
import { Day } from '../../src/core/dates';
import { CallRecord, FollowUpRecord, RosterStudent, School, StaffMember } from '../../src/core/records';
import { computeSummary, paceFor, statusFor, SummaryInput } from '../../src/core/progress';
import { Settings } from '../../src/core/settings';

// The window Aug 1 – Oct 31 is 92 days; on Tuesday Sep 15 (day 46) half of it has elapsed.
const TODAY = '2026-09-15';

const settings: Settings = {
  callsStartDate: '2026-08-01',
  goalDeadline: '2026-10-31',
  goalCounts: 'Families reached',
  weekStarts: 'Monday',
  digestDay: 'Monday',
  digestHour: 7,
  sendUrgentAlerts: true,
  includeNotesInEmails: false,
  shareFamilyVoicesInDigests: true,
  followUpDueDays: 2,
  attemptsBeforeHandOff: 3,
  maxAlertsPerSchoolPerDay: 20,
  previousYearTracker: '',
  districtTracker: '',
  timeZone: 'America/Chicago',
};

function staff(email: string, name: string, school: string, callGoal: number | null): StaffMember {
  return { email, name, school, role: 'Teacher', callGoal };
}

function school(name: string, goalDeadline: Day | null = null): School {
  return { school: name, principalEmails: [], followUpEmails: [], goalDeadline };
}

function rosterStudent(
  studentId: string,
  student: string,
  schoolName: string,
  familyMember: string,
  phone: string,
): RosterStudent {
  return {
    studentId,
    student,
    grade: '',
    school: schoolName,
    familyMember,
    phone,
    email: '',
    homeLanguage: '',
    assignedTo: '',
    priority: '',
  };
}

let nextRow = 2;
function call(
  staffEmail: string,
  schoolName: string,
  student: string,
  outcome: string,
  callDate: Day | null = '2026-09-01',
): CallRecord {
  const row = nextRow++;
  return callRecord({
    row,
    callId: `C-${row}`,
    staffEmail,
    staffName: '',
    school: schoolName,
    callDate,
    student,
    familyMember: outcome === 'Conversation' ? 'A parent' : '',
    outcome,
  });
}

function followUp(
  callId: string,
  schoolName: string,
  staffName: string,
  status: string,
  flaggedOn: Day | null = TODAY,
): FollowUpRecord {
  return followUpRecord({
    callId,
    // Noon in Chicago on that day.
    flaggedAt: flaggedOn ? new Date(`${flaggedOn}T17:00:00Z`) : null,
    flaggedOn,
    school: schoolName,
    staff: staffName,
    staffEmail: '',
    student: '',
    reason: 'Urgent',
    status,
  });
}

function summary(partial: Partial<SummaryInput>) {
  return computeSummary({
    staff: [],
    schools: [],
    roster: [],
    calls: [],
    followUps: [],
    settings,
    today: TODAY,
    ...partial,
  });
}

// Ana and Luis are siblings (same mother, same phone); Tom is another family.
const roster = [
  rosterStudent('1', 'Ana Ruiz', 'Lincoln', 'Maria Ruiz (mother)', '555-123-4567'),
  rosterStudent('2', 'Luis Ruiz', 'Lincoln', 'Maria Ruiz (mother)', '5551234567'),
  rosterStudent('3', 'Tom Lee', 'Lincoln', 'Kim Lee (father)', '555-000-1111'),
  rosterStudent('4', 'Eva Park', 'Lincoln', 'Jin Park (mother)', '555-000-2222'),
];

describe('Families Reached', () => {
  test('siblings and repeat calls to one family count once; attempts count every call', () => {
    const result = summary({
      staff: [staff('kim@school.org', 'Kim', 'Lincoln', 10)],
      roster,
      calls: [
        call('kim@school.org', 'Lincoln', 'Ana Ruiz', 'Conversation'),
        call('kim@school.org', 'Lincoln', 'Luis Ruiz', 'Conversation'),
        call('kim@school.org', 'Lincoln', 'Ana Ruiz', 'Conversation'),
        call('kim@school.org', 'Lincoln', 'Tom Lee', 'Conversation'),
      ],
    });
    expect(result.staff[0]).toMatchObject({
      familiesReached: 2,
      attempts: 4,
      counted: 2,
      percentOfGoal: 0.2,
    });
  });

  test('a family only called without a conversation is not reached', () => {
    const result = summary({
      staff: [staff('kim@school.org', 'Kim', 'Lincoln', 10)],
      roster,
      calls: [
        call('kim@school.org', 'Lincoln', 'Tom Lee', 'Left message'),
        call('kim@school.org', 'Lincoln', 'Tom Lee', 'No answer'),
        call('kim@school.org', 'Lincoln', 'Eva Park', 'Wrong number'),
      ],
    });
    expect(result.staff[0]).toMatchObject({
      familiesReached: 0,
      attempts: 3,
      status: 'Behind',
      percentOfGoal: 0,
    });
    expect(result.schools[0]).toMatchObject({
      school: 'Lincoln',
      familiesReached: 0,
      percentRosterReached: 0,
    });
  });

  test('two staff reaching the same family count it once for the school and the district', () => {
    const result = summary({
      staff: [staff('kim@school.org', 'Kim', 'Lincoln', 2), staff('lou@school.org', 'Lou', 'Lincoln', 2)],
      schools: [school('Lincoln')],
      roster,
      calls: [
        call('kim@school.org', 'Lincoln', 'Ana Ruiz', 'Conversation'),
        call('lou@school.org', 'Lincoln', 'Luis Ruiz', 'Conversation'),
        call('lou@school.org', 'Lincoln', 'Not On Roster', 'Conversation'),
      ],
    });
    expect(result.staff.map((s) => [s.name, s.familiesReached])).toEqual([
      ['Kim', 1],
      ['Lou', 2],
    ]);
    // Roster households: Ruiz, Lee, Park = 3; the Ruiz household is reached. The family not on the
    // Roster counts for Lou, and for the school apart: one number of families reached everywhere.
    expect(result.schools[0]).toMatchObject({
      familiesReached: 1,
      offRosterFamilies: 1,
      rosterFamilies: 3,
      percentRosterReached: 1 / 3,
    });
    expect(result.district).toMatchObject({
      school: 'District',
      familiesReached: 1,
      offRosterFamilies: 1,
      rosterFamilies: 3,
    });
    expect(result.callsNotOnRoster).toEqual({ count: 1, students: ['Not On Roster'] });
    expect(result.problems).toContain(
      "1 call was logged for students not on the Roster (Not On Roster): families reached among them are counted apart from the Roster's. If a name is misspelled, correct it on the Call Log; Relationship Calls → Check call log lists them.",
    );
  });

  test('without a Roster every family reached counts, and nothing is said to be off it', () => {
    const result = summary({
      staff: [staff('kim@school.org', 'Kim', 'Lincoln', 2)],
      schools: [school('Lincoln')],
      roster: [],
      calls: [call('kim@school.org', 'Lincoln', 'Anyone', 'Conversation')],
    });
    expect(result.schools[0]).toMatchObject({ familiesReached: 1, offRosterFamilies: 0 });
    expect(result.callsNotOnRoster.count).toBe(0);
  });
});

describe('rows', () => {
  test('staff with a goal, and staff without one who logged calls, get a row; by school, then status, then name', () => {
    const result = summary({
      staff: [
        staff('z@s.org', 'zoe', 'Lincoln', 5),
        staff('no@s.org', 'No Goal', 'Lincoln', null),
        staff('a@s.org', 'Abe', 'Lincoln', 5),
        staff('b@s.org', 'Bea', 'adams', 5),
      ],
      calls: [
        call('no@s.org', 'Lincoln', 'Ana Ruiz', 'Conversation'),
        call('z@s.org', 'Lincoln', 'Ben', 'No answer'),
      ],
    });
    // Lincoln: Abe has not started, zoe is behind, No Goal has no status and comes last.
    expect(result.staff.map((s) => [s.name, s.status])).toEqual([
      ['Bea', 'Not started'],
      ['Abe', 'Not started'],
      ['zoe', 'Behind'],
      ['No Goal', null],
    ]);
    expect(result.staff[3]).toMatchObject({ goal: null, percentOfGoal: null, familiesReached: 1 });
    // Without a goal they count toward no school's goals.
    expect(result.schools[1]).toMatchObject({ school: 'Lincoln', staffWithGoals: 2 });
    // Calls by staff without a goal are not by "unknown staff", and their families are reached.
    expect(result.callsByUnknownStaff.count).toBe(0);
    expect(result.district.familiesReached).toBe(1);
    expect(result.schools.map((s) => s.school)).toEqual(['adams', 'Lincoln']);
  });

  test('a person on two schools’ Staff rows gets a row per school; calls count where they were made', () => {
    const result = summary({
      staff: [staff('pat@s.org', 'Pat', 'Lincoln', 3), staff('pat@s.org', 'Pat', 'Adams', 2)],
      calls: [
        call('pat@s.org', 'Lincoln', 'Ana', 'Conversation'),
        call('pat@s.org', 'adams', 'Ben', 'Conversation'),
        call('pat@s.org', 'Adams', 'Cal', 'Conversation'),
        // A school that is on neither row counts toward the first row.
        call('pat@s.org', 'Grant', 'Dee', 'Conversation'),
      ],
    });
    const bySchool = Object.fromEntries(result.staff.map((s) => [s.school, s]));
    expect(bySchool.Lincoln).toMatchObject({ familiesReached: 2, attempts: 2, status: 'On pace' });
    expect(bySchool.Adams).toMatchObject({
      familiesReached: 2,
      attempts: 2,
      status: 'Met goal',
      percentOfGoal: 1,
    });
  });

  test('a goal of 0 is met', () => {
    const result = summary({ staff: [staff('a@s.org', 'Abe', 'Lincoln', 0)] });
    expect(result.staff[0]).toMatchObject({ status: 'Met goal', percentOfGoal: 1, counted: 0 });
    expect(result.schools[0]).toMatchObject({ staffWithGoals: 1, metGoal: 1, percentMet: 1 });
  });

  test('Last Call is the latest call date, attempts included', () => {
    const result = summary({
      staff: [staff('a@s.org', 'Abe', 'Lincoln', 5)],
      calls: [
        call('a@s.org', 'Lincoln', 'Ana', 'Conversation', '2026-09-03'),
        call('a@s.org', 'Lincoln', 'Ben', 'No answer', '2026-09-10'),
        call('a@s.org', 'Lincoln', 'Cal', 'Conversation', '2026-08-20'),
      ],
    });
    expect(result.staff[0].lastCall).toBe('2026-09-10');
    expect(summary({ staff: [staff('a@s.org', 'Abe', 'Lincoln', 5)] }).staff[0].lastCall).toBeNull();
  });
});

describe('pace', () => {
  // A 10-day window, Sep 1 – Sep 10, goal 10: one call a day.
  const status = (counted: number, today: Day, attempts = counted) =>
    statusFor(counted, attempts, 10, '2026-09-01', '2026-09-10', today);

  test('the pace is the goal times the elapsed share of the window, today included', () => {
    expect(paceFor(10, '2026-09-01', '2026-09-10', '2026-08-20')).toBe(0);
    expect(paceFor(10, '2026-09-01', '2026-09-10', '2026-09-01')).toBe(1);
    expect(paceFor(10, '2026-09-01', '2026-09-10', '2026-09-05')).toBe(5);
    expect(paceFor(10, '2026-09-01', '2026-09-10', '2026-09-10')).toBe(10);
    expect(paceFor(10, '2026-09-01', '2026-09-10', '2026-12-01')).toBe(10);
    // A deadline before the start: the whole goal is due.
    expect(paceFor(10, '2026-09-10', '2026-09-01', '2026-09-05')).toBe(10);
  });

  test('before the start, any call is on pace; none is not started', () => {
    expect(status(0, '2026-08-25')).toBe('Not started');
    expect(status(1, '2026-08-25')).toBe('On pace');
  });

  test('unanswered attempts only: started, and behind once something is due', () => {
    expect(status(0, '2026-09-05', 3)).toBe('Behind');
    expect(status(0, '2026-08-25', 3)).toBe('On pace');
  });

  test('mid-window: 5 of 10 on day 5 is on pace, 4 is behind', () => {
    expect(status(5, '2026-09-05')).toBe('On pace');
    expect(status(4, '2026-09-05')).toBe('Behind');
  });

  test('after the deadline, anything short of the goal is behind', () => {
    expect(status(9, '2026-09-10')).toBe('Behind');
    expect(status(9, '2026-10-01')).toBe('Behind');
    expect(status(10, '2026-10-01')).toBe('Met goal');
    expect(status(11, '2026-10-01')).toBe('Exceeded goal');
  });

  test("a school's Goal Deadline overrides the Settings deadline", () => {
    // Half the default window has elapsed on Sep 15: 5 of 10 is on pace. Adams's deadline,
    // Sep 15, makes the whole goal due.
    const calls = ['Ana', 'Ben', 'Cal', 'Dee', 'Eve'].flatMap((s) => [
      call('l@s.org', 'Lincoln', s, 'Conversation'),
      call('a@s.org', 'Adams', s, 'Conversation'),
    ]);
    const result = summary({
      staff: [staff('l@s.org', 'Lin', 'Lincoln', 10), staff('a@s.org', 'Ada', 'Adams', 10)],
      schools: [school('Lincoln'), school('Adams', '2026-09-15')],
      calls,
    });
    const bySchool = Object.fromEntries(result.staff.map((s) => [s.school, s.status]));
    expect(bySchool).toEqual({ Lincoln: 'On pace', Adams: 'Behind' });
  });
});

describe('Goal Counts', () => {
  const input = {
    staff: [staff('kim@s.org', 'Kim', 'Lincoln', 4)],
    roster,
    calls: [
      call('kim@s.org', 'Lincoln', 'Ana Ruiz', 'Conversation'),
      call('kim@s.org', 'Lincoln', 'Tom Lee', 'No answer'),
      call('kim@s.org', 'Lincoln', 'Tom Lee', 'Left message'),
      call('kim@s.org', 'Lincoln', 'Eva Park', 'No answer'),
      call('kim@s.org', 'Lincoln', 'Luis Ruiz', 'Conversation'),
    ],
  };

  test('Families reached: the goal counts households with a conversation', () => {
    const result = summary(input);
    expect(result.staff[0]).toMatchObject({
      counted: 1,
      familiesReached: 1,
      attempts: 5,
      percentOfGoal: 0.25,
      status: 'Behind',
    });
  });

  test('All attempts: the goal counts every call', () => {
    const result = summary({ ...input, settings: { ...settings, goalCounts: 'All attempts' } });
    expect(result.staff[0]).toMatchObject({
      counted: 5,
      familiesReached: 1,
      attempts: 5,
      percentOfGoal: 1.25,
      status: 'Exceeded goal',
    });
  });
});

describe('This Week', () => {
  // Today is Tuesday Sep 15. Calls on Sat 12, Sun 13, Mon 14, Tue 15.
  const input = {
    staff: [staff('kim@s.org', 'Kim', 'Lincoln', 4)],
    calls: ['2026-09-12', '2026-09-13', '2026-09-14', '2026-09-15'].map((d) =>
      call('kim@s.org', 'Lincoln', 'Ana', 'No answer', d),
    ),
  };

  test('weeks starting Monday count Monday and Tuesday', () => {
    expect(summary(input).staff[0].thisWeek).toBe(2);
  });

  test('weeks starting Sunday count Sunday too', () => {
    expect(summary({ ...input, settings: { ...settings, weekStarts: 'Sunday' } }).staff[0].thisWeek).toBe(3);
  });
});

describe('% Met', () => {
  test('3 of 5 teachers met their goal (one exceeded it): 60%', () => {
    const teachers = ['a', 'b', 'c', 'd', 'e'].map((t) => staff(`${t}@s.org`, t.toUpperCase(), 'Lincoln', 2));
    const reached: Record<string, number> = { a: 2, b: 2, c: 3, d: 1, e: 0 };
    const calls = Object.entries(reached).flatMap(([t, n]) =>
      Array.from({ length: n }, (_, i) => call(`${t}@s.org`, 'Lincoln', `Student ${t}${i}`, 'Conversation')),
    );
    const result = summary({ staff: teachers, calls });
    expect(result.schools[0]).toMatchObject({
      staffWithGoals: 5,
      metGoal: 3,
      exceededGoal: 1,
      percentMet: 0.6,
      percentExceeded: 0.2,
      familiesReached: 8,
    });
    // Half the window has elapsed: 1 of 2 is on pace. Who needs a word comes first.
    expect(result.staff.map((s) => [s.name, s.status])).toEqual([
      ['E', 'Not started'],
      ['D', 'On pace'],
      ['A', 'Met goal'],
      ['B', 'Met goal'],
      ['C', 'Exceeded goal'],
    ]);
  });

  test('the district counts every school’s staff together', () => {
    const result = summary({
      staff: [
        staff('a@s.org', 'A', 'Lincoln', 1),
        staff('b@s.org', 'B', 'Lincoln', 1),
        staff('c@s.org', 'C', 'Adams', 1),
        staff('d@s.org', 'D', 'Adams', 1),
      ],
      roster,
      calls: [
        call('a@s.org', 'Lincoln', 'Ana Ruiz', 'Conversation'),
        call('c@s.org', 'Adams', 'Zed', 'Conversation'),
      ],
    });
    expect(result.schools.map((s) => [s.school, s.metGoal, s.percentMet])).toEqual([
      ['Adams', 1, 0.5],
      ['Lincoln', 1, 0.5],
    ]);
    expect(result.district).toMatchObject({
      school: 'District',
      staffWithGoals: 4,
      metGoal: 2,
      percentMet: 0.5,
      familiesReached: 2,
      rosterFamilies: 3,
      percentRosterReached: 1 / 3,
    });
    // Adams has no Roster: no share of it can be reached.
    expect(result.schools[0].percentRosterReached).toBeNull();
  });
});

describe('open follow-ups', () => {
  test('count toward the staff member by call or by name, and toward the school; resolved ones do not', () => {
    const kimCall = call('kim@s.org', 'Lincoln', 'Ana', 'Conversation');
    const result = summary({
      staff: [staff('kim@s.org', 'Kim Diaz', 'Lincoln', 3), staff('lou@s.org', 'Lou', 'Adams', 3)],
      calls: [kimCall],
      followUps: [
        followUp(kimCall.callId, 'Lincoln', 'Kim Diaz', 'Open'),
        followUp('', 'Lincoln', 'kim  diaz', 'In progress'),
        followUp('', 'Lincoln', 'Kim Diaz', 'Resolved'),
        followUp('', 'Adams', 'Someone Else', 'Open'),
      ],
    });
    expect(result.staff.map((s) => [s.name, s.openFollowUps])).toEqual([
      ['Lou', 0],
      ['Kim Diaz', 2],
    ]);
    expect(result.schools.map((s) => [s.school, s.openFollowUps])).toEqual([
      ['Adams', 1],
      ['Lincoln', 2],
    ]);
    expect(result.district.openFollowUps).toBe(3);
  });

  test('overdue: open longer than Follow-up Due Days (2) after it was flagged', () => {
    const result = summary({
      staff: [staff('kim@s.org', 'Kim Diaz', 'Lincoln', 3)],
      followUps: [
        followUp('', 'Lincoln', 'Kim Diaz', 'Open', '2026-09-12'), // 3 days: overdue
        followUp('', 'Lincoln', 'Kim Diaz', 'In progress', '2026-09-13'), // 2 days: due today, not overdue
        followUp('', 'Lincoln', 'Kim Diaz', 'Resolved', '2026-09-01'), // resolved: never overdue
        followUp('', 'Lincoln', 'Kim Diaz', 'Open', null), // no date to count from
      ],
    });
    expect(result.staff[0]).toMatchObject({ openFollowUps: 3, overdueFollowUps: 1 });
    expect(result.schools[0]).toMatchObject({ openFollowUps: 3, overdueFollowUps: 1 });
    expect(result.district.overdueFollowUps).toBe(1);
  });
});

describe('problems', () => {
  test('calls by people not on Staff are counted and named, not dropped', () => {
    const result = summary({
      staff: [staff('kim@s.org', 'Kim', 'Lincoln', 3)],
      calls: [
        call('sub@s.org', 'Lincoln', 'Ana', 'Conversation'),
        call('sub@s.org', 'Lincoln', 'Ben', 'No answer'),
        call('aide@s.org', 'Lincoln', 'Cal', 'No answer'),
      ],
    });
    expect(result.callsByUnknownStaff).toEqual({ count: 3, emails: ['aide@s.org', 'sub@s.org'] });
    expect(result.problems).toEqual([
      '3 calls were logged by 2 people not on Staff (aide@s.org, sub@s.org): add them to Staff so their calls count.',
    ]);
    // The family was still reached, for the school.
    expect(result.schools[0].familiesReached).toBe(1);
  });

  test('rows that break the rules, and calls without a date in the window, are reported', () => {
    const result = summary({
      staff: [staff('kim@s.org', 'Kim', 'Lincoln', 3)],
      calls: [
        call('kim@s.org', 'Lincoln', 'Ana', 'Conversation', null),
        call('kim@s.org', 'Lincoln', 'Ben', 'Conversation', '2025-09-01'),
        call('kim@s.org', 'Lincoln', 'Cal', 'Conversation', '2026-09-16'),
        call('', 'Lincoln', 'Dee', 'Conversation'),
        call('kim@s.org', 'Lincoln', 'Eve', 'Conversation'),
      ],
      invalidCallRows: 3,
    });
    expect(result.staff[0]).toMatchObject({ attempts: 1, familiesReached: 1 });
    expect(result.invalidCallRows).toBe(3);
    expect(result.problems).toEqual([
      '3 rows of the Call Log break its rules: Relationship Calls → Check call log lists them with what to fix.',
      '4 calls were not counted: no Staff Email, or no Call Date from 2026-08-01 to 2026-09-15.',
    ]);
  });

  test('a clean log has no problems', () => {
    expect(summary({ staff: [staff('kim@s.org', 'Kim', 'Lincoln', 3)] }).problems).toEqual([]);
  });
});
