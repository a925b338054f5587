/**
 * Issue 18: upkeep refreshes in proportion to what changed. Between two full rebuilds, a refresh
 * reads only the rows logged or edited since, and rewrites only the schools they bear on; what
 * it shows is what a full rebuild shows.
 */
import type { Emulator, Execution } from '../../dev/emulator';
import { prng } from '../../dev/prng';
import { benchDistrict, OWNER } from '../../bench/district';
import type { SyntheticDistrict } from '../../bench/syntheticDistrict';
import type { MySchoolView } from '../../src/contract';
import { addCallRows, callInput, headersOf, newTracker, records, tab, TEACHER, TEACHER2 } from './helpers';

function upkeep(emu: Emulator): Execution<unknown> {
  const trigger = emu.triggers.find((t) => t.handlerFunction === 'runUpkeep');
  if (!trigger) throw new Error('no upkeep trigger');
  return emu.fireTrigger(trigger.uniqueId);
}

function a1(column: number, row: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

/**
 * Each school's My school as a leader sees it, every line's link followed to its row (a family's
 * row stands where the last refresh found or put it): the name on that row must be the line's.
 */
function mySchools(emu: Emulator): unknown {
  const schools = records(emu, 'Schools').map((s) => String(s.School));
  const rowOf = (link: string): number => Number(/range=A(\d+)$/.exec(link)?.[1]);
  const cell = (tabName: string, header: string, link: string): unknown =>
    records(emu, tabName)[rowOf(link) - 2]?.[header];
  // The staff table's names are in column A.
  const staffName = (link: string): unknown => tab(emu, 'Summary').getRange(rowOf(link), 1).getValue();
  return schools.map((school) => {
    const view = emu.callFromClient('getMySchool', [school], { user: OWNER }).value as MySchoolView;
    for (const c of view.checkIns.lines) expect(staffName(c.link)).toBe(c.name);
    for (const w of view.waiting.lines) expect(cell('Families', 'Students', w.link)).toBe(w.students);
    for (const u of view.urgent.lines) expect(cell('Follow-ups', 'Student', u.link)).toBe(u.student);
    const unlinked = <T extends { link: string }>(lines: T[]): Array<Omit<T, 'link'>> =>
      lines.map(({ link: _link, ...line }) => line);
    return {
      ...view,
      asOf: '',
      links: '',
      checkIns: { ...view.checkIns, lines: unlinked(view.checkIns.lines) },
      waiting: { ...view.waiting, lines: unlinked(view.waiting.lines) },
      urgent: { ...view.urgent, lines: unlinked(view.urgent.lines) },
    };
  });
}

/**
 * What people see: Summary whole, Families by household (a refresh updates rows where they
 * stand), each teacher's sidebar, each school's My school, and what the add-on keeps on each
 * Follow-ups row (Days Open, Overdue as statuses change).
 */
function seen(emu: Emulator, teachers: readonly string[]): unknown {
  const families = records(emu, 'Families').sort((a, b) =>
    String(a.Household).localeCompare(String(b.Household)),
  );
  const sidebars = teachers.map((user) => emu.callFromClient('getCallFormData', [], { user }).value);
  const followUps = records(emu, 'Follow-ups').map((f) => [
    f.Student,
    f.Status,
    f.Kind,
    f['Days Open'],
    f.Overdue,
  ]);
  return {
    summary: tab(emu, 'Summary').getDataRange().getValues(),
    families,
    sidebars,
    mySchools: mySchools(emu),
    followUps,
  };
}

/** A round of what a district does between two upkeep runs: calls logged, rows fixed by hand, follow-ups closed. */
function changes(emu: Emulator, district: SyntheticDistrict, random: () => number): void {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const teachers = district.staff.filter((s) => s.role === 'Teacher');
  for (let i = 0; i < 6; i++) {
    const teacher = pick(teachers);
    const students = district.roster.filter((s) => s.school === teacher.school);
    const student = pick(students);
    const outcome = pick(['Conversation', 'No answer', 'Left message']);
    const result = emu.callFromClient(
      'submitCall',
      [
        {
          submissionId: `round-${random().toString(36).slice(2)}`,
          callDate: district.today,
          student: student.student,
          studentId: student.studentId,
          familyMember: outcome === 'Conversation' ? student.familyMember : '',
          method: 'Phone',
          outcome,
          language: 'English',
          interpreter: 'None',
          preferredContact: '',
          familyStrengths: '',
          hopesAndDreams: '',
          notes: random() < 0.2 ? 'They were evicted last week.' : '',
          followUpNeeded: false,
          urgent: false,
        },
      ],
      { user: teacher.email },
    );
    expect(result.value).toMatchObject({ ok: true });
  }
  const headers = headersOf(emu, 'Call Log');
  const last = tab(emu, 'Call Log').getLastRow();
  const column = (header: string): number => headers.indexOf(header) + 1;
  // A teacher turns an unanswered call into a conversation, and a call's student into a sibling's.
  for (let i = 0; i < 3; i++) {
    const row = 2 + Math.floor(random() * (last - 1));
    emu.edit('Call Log', a1(column('Outcome'), row), [['Conversation']], { user: OWNER });
    emu.edit('Call Log', a1(column('Family Member'), row), [['A parent']], { user: OWNER });
  }
  const row = 2 + Math.floor(random() * (last - 1));
  const sibling = district.roster[Math.floor(random() * district.roster.length)];
  emu.edit('Call Log', a1(column('Student'), row), [[sibling.student]], { user: OWNER });
  // Someone clears a row.
  const cleared = 2 + Math.floor(random() * (last - 1));
  emu.edit('Call Log', `A${cleared}:${a1(headers.length, cleared)}`, [headers.map(() => '')], {
    user: OWNER,
  });
  // A call typed in by hand, urgent by its words; and two rows pasted over with another school's.
  const typed = tab(emu, 'Call Log').getLastRow() + 1;
  const teacher = pick(teachers);
  const cells: Record<string, unknown> = {
    'Call Date': district.today,
    Student: pick(district.roster.filter((r) => r.school === teacher.school)).student,
    Method: 'Phone',
    Outcome: 'No answer',
    Language: 'English',
    Interpreter: 'None',
    Notes: 'The family was evicted on Monday.',
    'Staff Email': teacher.email,
    'Staff Name': teacher.name,
    School: teacher.school,
  };
  emu.edit('Call Log', `A${typed}:${a1(headers.length, typed)}`, [headers.map((h) => cells[h] ?? '')], {
    user: OWNER,
  });
  // And one typed with only what a person sees to fill: no Staff Email, no School.
  const bare: Record<string, unknown> = {
    ...cells,
    'Staff Email': '',
    'Staff Name': '',
    School: '',
    Notes: '',
  };
  emu.edit(
    'Call Log',
    `A${typed + 1}:${a1(headers.length, typed + 1)}`,
    [headers.map((h) => bare[h] ?? '')],
    {
      user: OWNER,
    },
  );
  const pasted = 2 + Math.floor(random() * (last - 2));
  const other = pick(district.schools).school;
  emu.edit(
    'Call Log',
    `${a1(column('School'), pasted)}:${a1(column('School'), pasted + 1)}`,
    [[other], [other]],
    {
      user: OWNER,
    },
  );
  // A follow-up is closed, a goal changes, and a teacher moves to another school.
  const followUps = records(emu, 'Follow-ups');
  const open = followUps.findIndex((f) => f.Status === 'Open');
  if (open >= 0) {
    const status = headersOf(emu, 'Follow-ups').indexOf('Status') + 1;
    emu.edit('Follow-ups', a1(status, open + 2), [['Resolved']], { user: OWNER });
  }
  const staff = records(emu, 'Staff');
  const goal = headersOf(emu, 'Staff').indexOf('Call Goal') + 1;
  emu.edit('Staff', a1(goal, 2 + Math.floor(random() * staff.length)), [[3]], { user: OWNER });
  const school = headersOf(emu, 'Staff').indexOf('School') + 1;
  emu.edit(
    'Staff',
    a1(school, 3 + Math.floor(random() * (staff.length - 1))),
    [[pick(district.schools).school]],
    {
      user: OWNER,
    },
  );
}

describe('upkeep refreshes in proportion to what changed', () => {
  it('after calls logged, rows edited and follow-ups closed, it shows what a full rebuild shows', () => {
    const { emu, district } = benchDistrict(2_000, 11, { schools: 3 });
    emu.run('refreshSummary', [], { user: OWNER });
    const random = prng(5);
    const teachers = district.staff.filter((s) => s.role === 'Teacher').map((s) => s.email);
    const watched = [teachers[0], teachers[1], teachers[2]];
    for (let round = 0; round < 4; round++) {
      const before = seen(emu, watched);
      changes(emu, district, random);
      const run = upkeep(emu);
      // It refreshed: what people see moved with the changes.
      expect(seen(emu, watched)).not.toEqual(before);
      // Proportion: the refresh read the rows that changed, not the log's 2,000.
      expect(run.cellsRead).toBeLessThan(6_000);
      const incremental = seen(emu, watched);
      emu.run('refreshSummary', [], { user: OWNER });
      expect(incremental).toEqual(seen(emu, watched));
    }
  });
});

describe('what a refresh costs', () => {
  /** A refreshed tracker with `n` calls; then 10 calls are logged and upkeep runs. */
  function refreshAfterTenCalls(n: number) {
    const emu = newTracker();
    addCallRows(emu, n);
    emu.run('refreshSummary', [], { user: OWNER });
    for (let i = 0; i < 10; i++)
      emu.callFromClient(
        'submitCall',
        [callInput({ outcome: i % 2 ? 'No answer' : 'Conversation', familyMember: i % 2 ? '' : 'Wei Chen' })],
        {
          user: i % 2 ? TEACHER : TEACHER2,
        },
      );
    return upkeep(emu);
  }

  it('after 10 new calls, the same calls and cells at 1,000 and 10,000 rows, and a short hold of the lock', () => {
    const [small, large] = [1_000, 10_000].map(refreshAfterTenCalls);
    const cost = (ex: Execution<unknown>) => ({
      calls: ex.serviceCalls,
      read: ex.cellsRead,
      written: ex.cellsWritten,
      locked: ex.lockHeldCalls,
    });
    expect(cost(large)).toEqual(cost(small));
    // The 10 rows, the refreshed school's Summary rows that changed, its families' rows and the
    // Rollup tab's rows (read for the district's % Met, and written); the lock only to take and give back the refresh's lease and to clear the edits it read.
    // Calls were logged, so upkeep checks the room below Call Log and Follow-ups (5 calls: their
    // rows, Follow-ups found and its last row). Header rows are read as wide as setup left each
    // tab (empty columns trimmed), and Settings has its Previous Year Tracker row: 3 cells fewer;
    // Follow-ups' trimmed header holds its Kind and Overdue columns: 2 cells more.
    // The school's My school part rewritten in its slot (5 calls, one row of 4 cells), and the
    // Summary's note of calls for students not on the Roster (these rows name none of Maple's: 13 cells).
    expect(cost(small)).toEqual({ calls: 109, read: 485, written: 224, locked: 10 });
  });

  it('a full rebuild from the menu, and from upkeep once a day: This Week and pace move with the day', () => {
    const emu = newTracker();
    addCallRows(emu, 2_000);
    const full = emu.run('refreshSummary', [], { user: OWNER });
    expect(full.cellsRead).toBeGreaterThan(2_000 * 10);
    emu.callFromClient('submitCall', [callInput()], { user: TEACHER });
    expect(upkeep(emu).cellsRead).toBeLessThan(2_000);
    // The next morning: the first upkeep run rebuilds everything, though nothing was logged.
    emu.clock.set(new Date(emu.clock.now().getTime() + 24 * 3_600_000));
    expect(upkeep(emu).cellsRead).toBeGreaterThan(2_000 * 10);
    emu.callFromClient('submitCall', [callInput({ callDate: '2026-11-24' })], { user: TEACHER });
    expect(upkeep(emu).cellsRead).toBeLessThan(2_000);
  });
});
