/**
 * "My school": a principal's four answers, from the school's snapshot (the Summary's own numbers),
 * each line linked to its row; a leader picks any school; nobody else sees one. Opening it reads a
 * few cells whatever the size of the Call Log.
 */
import type { MySchoolUnavailable, MySchoolView } from '../../src/contract';
import {
  addCallRows,
  addOakMiddle,
  callInput,
  newTracker,
  NOW,
  OAK_PRINCIPAL,
  OWNER,
  PRINCIPAL,
  records,
  STRANGER,
  submitAs,
  tab,
  TEACHER,
  TEACHER2,
  upkeep,
} from './helpers';
import type { Emulator } from '../../dev/emulator';

const DAY = 86_400_000;

function mySchool(emu: Emulator, user: string, school = ''): MySchoolView | MySchoolUnavailable {
  return emu.callFromClient('getMySchool', [school], { user }).value as MySchoolView | MySchoolUnavailable;
}

function shown(value: MySchoolView | MySchoolUnavailable): MySchoolView {
  if (!value.ok) throw new Error(value.message);
  return value;
}

/** Maple with an urgent call three days old (overdue), a family handed off, and a refreshed Summary. */
function maple(): Emulator {
  const emu = newTracker();
  emu.clock.set(new Date(NOW.getTime() - 5 * DAY));
  submitAs(emu, TEACHER, callInput({ callDate: '2026-11-18', notes: 'The family was evicted.' }));
  emu.clock.set(NOW);
  emu.run('refreshSummary', [], { user: PRINCIPAL });
  return emu;
}

describe('My school', () => {
  it("a principal sees their school's four answers, the Summary's own numbers", () => {
    const emu = maple();
    const view = shown(mySchool(emu, PRINCIPAL));
    expect(view.school).toBe('Maple Elementary');
    expect(view.schools).toEqual([]);
    const summary = tab(emu, 'Summary').getDataRange().getValues();
    const schools = summary.findIndex((r) => r[0] === 'School');
    const row = summary.find((r) => r[0] === 'Maple Elementary')!;
    const at = (h: string) => summary[schools].indexOf(h);
    expect(view.goal).toMatchObject({
      staffWithGoals: row[at('Staff With Goals')],
      metGoal: row[at('Met Goal')],
      exceededGoal: row[at('Exceeded Goal')],
      percentMet: row[at('% Met')],
      // Settings' Goal Deadline (Maple has none of its own), passed 23 days ago.
      deadline: '2026-10-31',
      daysLeft: -23,
    });
    // Ms. Ortiz reached one of 10 (behind); Mr. Nguyen and Mx. Lee have not started.
    expect(view.checkIns.count).toBe(3);
    expect(view.checkIns.lines.map((c) => [c.name, c.status, c.counted, c.goal])).toEqual([
      ['Mr. Nguyen', 'Not started', 0, 5],
      ['Mx. Lee', 'Not started', 0, 3],
      ['Ms. Ortiz', 'Behind', 1, 10],
    ]);
    // Each line links to its own row on the Summary.
    const staffHeader = summary.findIndex((r) => r[0] === 'Staff');
    const ortizRow = summary.findIndex((r) => r[0] === 'Ms. Ortiz') + 1;
    expect(ortizRow).toBeGreaterThan(staffHeader);
    expect(view.checkIns.lines[2].link).toMatch(new RegExp(`#gid=\\d+&range=A${ortizRow}$`));
    // Two Roster households, the Chens reached: the Ruiz family (priority) is waiting.
    expect(view.waiting).toMatchObject({ count: 1, priority: 1, rosterFamilies: 2 });
    expect(view.waiting.lines[0]).toMatchObject({
      students: 'Mateo Ruiz, Sofia Ruiz',
      priority: 'New family',
      assignedTo: 'Ms. Ortiz, Mr. Nguyen',
      status: 'Not yet called',
    });
    const families = records(emu, 'Families');
    const ruiz = families.findIndex((f) => String(f.Students).startsWith('Mateo Ruiz')) + 2;
    expect(view.waiting.lines[0].link).toMatch(new RegExp(`&range=A${ruiz}$`));
    // The eviction: open 5 days, 3 past Follow-up Due Days.
    expect(view.urgent).toMatchObject({ open: 1, overdue: 1 });
    expect(view.urgent.lines[0]).toMatchObject({
      student: 'Liam Chen',
      reason: 'Housing: "evicted"',
      daysOpen: 5,
      daysOver: 3,
      link: expect.stringMatching(/&range=A2$/),
    });
  });

  it('overdue follow-ups come first, the longest overdue first', () => {
    const emu = newTracker();
    for (const [daysAgo, student, id] of [
      [1, 'Liam Chen', '00200'],
      [9, 'Mateo Ruiz', '00123'],
      [4, 'Sofia Ruiz', '00124'],
    ] as const) {
      emu.clock.set(new Date(NOW.getTime() - daysAgo * DAY));
      submitAs(emu, TEACHER, callInput({ student, studentId: id, urgent: true, callDate: '2026-11-10' }));
    }
    emu.clock.set(NOW);
    emu.run('refreshSummary', [], { user: OWNER });
    const view = shown(mySchool(emu, PRINCIPAL));
    expect(view.urgent.lines.map((u) => [u.student, u.daysOver])).toEqual([
      ['Mateo Ruiz', 7],
      ['Sofia Ruiz', 2],
      ['Liam Chen', 0],
    ]);
    expect(view.urgent).toMatchObject({ open: 3, overdue: 2 });
  });

  it('reads the same few cells for a Call Log of 1,000 rows as of 20,000, from the cache or from the tab', () => {
    const cost = (rows: number): number[] => {
      const emu = newTracker();
      addCallRows(emu, rows);
      emu.run('refreshSummary', [], { user: OWNER });
      const cached = emu.callFromClient('getMySchool', [''], { user: PRINCIPAL });
      expect((cached.value as MySchoolView).ok).toBe(true);
      emu.dropCaches();
      const fromTab = emu.callFromClient('getMySchool', [''], { user: PRINCIPAL });
      expect(fromTab.value).toEqual(cached.value);
      return [cached.serviceCalls, cached.cellsRead, fromTab.serviceCalls, fromTab.cellsRead];
    };
    const small = cost(1_000);
    expect(cost(20_000)).toEqual(small);
    // Who asks (the Staff search, the owner), the school's part and the links to three tabs: from
    // the cache, or its one signed row of Sidebar Data (4 cells, 6 more calls with the signing key)
    // when the cache has let it go. Settings is read whole (16 rows with Previous Year Tracker: 32
    // cells) and Staff's header row as wide as setup trimmed it (5 cells, was 26 before the trim).
    expect(small).toEqual([28, 42, 34, 46]);
  });

  it('an upkeep refresh after a call brings it up to date, its links to the rows as they stand', () => {
    const emu = maple();
    upkeep(emu); // the day's full rebuild
    const before = shown(mySchool(emu, PRINCIPAL));
    expect(before.waiting.count).toBe(1);
    // Mr. Nguyen reaches the Ruiz family: no family waits, and he has started (1 of 5, behind).
    emu.clock.set(new Date(NOW.getTime() + 3_600_000));
    submitAs(
      emu,
      TEACHER2,
      callInput({ student: 'Mateo Ruiz', studentId: '00123', familyMember: 'Ana Ruiz' }),
    );
    const run = upkeep(emu);
    expect(run.calls).not.toContain('Sheet.clear'); // incremental: no tab rewritten whole
    const after = shown(mySchool(emu, PRINCIPAL));
    expect(after.waiting).toMatchObject({ count: 0, lines: [] });
    expect(after.checkIns.lines.find((c) => c.name === 'Mr. Nguyen')).toMatchObject({
      status: 'Behind',
      counted: 1,
    });
    expect(after.asOf).not.toBe(before.asOf);
    const summary = tab(emu, 'Summary').getDataRange().getValues();
    for (const line of after.checkIns.lines) {
      const row = Number(/range=A(\d+)$/.exec(line.link)?.[1]);
      expect(summary[row - 1][0]).toBe(line.name);
    }
  });

  it('after a hand edit it still shows what the Summary shows, as of its last refresh', () => {
    const emu = maple();
    const log = tab(emu, 'Call Log');
    emu.edit('Call Log', 'G2', [['Liam Chen']], { user: TEACHER });
    expect(log.getLastRow()).toBe(2);
    expect(shown(mySchool(emu, PRINCIPAL)).urgent.open).toBe(1);
  });

  it('a leader picks any school; a principal only their own', () => {
    const emu = maple();
    addOakMiddle(emu);
    emu.run('refreshSummary', [], { user: OWNER });
    const leader = shown(mySchool(emu, OWNER, 'oak middle'));
    expect(leader.school).toBe('Oak Middle');
    expect(leader.schools).toEqual(['Maple Elementary', 'Oak Middle']);
    expect(shown(mySchool(emu, OAK_PRINCIPAL)).school).toBe('Oak Middle');
    expect(mySchool(emu, PRINCIPAL, 'Oak Middle')).toEqual({
      ok: false,
      message: 'You can look at your own school only: Maple Elementary.',
    });
  });

  it.each([
    ['a teacher', TEACHER, /My school is for principals/],
    ['someone not on Staff', STRANGER, /not on the Staff tab/],
    ['a blank email', '', /Google did not tell the tracker who you are/],
  ])('%s is told why, and sees no school', (_who, user, message) => {
    const emu = maple();
    const value = mySchool(emu, user, 'Maple Elementary');
    expect(value).toEqual({ ok: false, message: expect.stringMatching(message) });
    emu.run('showMySchool', [], { user });
    expect(emu.ui.sidebars).toEqual([]);
    expect(emu.ui.alerts.at(-1)?.prompt).toMatch(message);
  });

  it('from the menu it opens in the sidebar; before any refresh it says when its numbers come', () => {
    const emu = newTracker();
    emu.run('showMySchool', [], { user: PRINCIPAL });
    expect(emu.ui.sidebars.map((s) => s.title)).toEqual(['My school']);
    expect(emu.ui.sidebars[0].html).toContain('<title>My school</title>');
    expect(mySchool(emu, PRINCIPAL)).toEqual({
      ok: false,
      message:
        "Maple Elementary has no numbers yet: they come with the Summary's next refresh (within minutes, or Relationship Calls → Refresh summary).",
    });
  });
});
