import { SUMMARY_SCHOOL_HEADERS, SUMMARY_STAFF_HEADERS } from '../../src/core/schema';
import {
  addCallRows,
  addRows,
  callInput,
  IDLE_UPKEEP_CALLS,
  newTracker,
  OWNER,
  PRINCIPAL,
  tab,
  TEACHER,
  TEACHER2,
  STRANGER,
} from './helpers';

function summaryRows(emu: ReturnType<typeof newTracker>): unknown[][] {
  return tab(emu, 'Summary').getDataRange().getValues();
}

function table(rows: unknown[][], headers: readonly string[]): Array<Record<string, unknown>> {
  const start = rows.findIndex((r) => r[0] === headers[0] && r[1] === headers[1]);
  const out: Array<Record<string, unknown>> = [];
  for (let i = start + 1; i < rows.length && rows[i][0] !== ''; i++) {
    out.push(Object.fromEntries(headers.map((h, c) => [h, rows[i][c]])));
  }
  return out;
}

describe('refreshSummary', () => {
  function trackerWithCalls() {
    const emu = newTracker();
    const submit = (user: string, input: Record<string, unknown>) =>
      emu.callFromClient('submitCall', [callInput(input)], { user });
    // Ms. Ortiz reaches the Ruiz household twice (siblings) and the Chens once: 2 families.
    submit(TEACHER, {
      student: 'Mateo Ruiz',
      studentId: '00123',
      familyMember: 'Ana Ruiz (grandmother)',
      callDate: '2026-11-23',
    });
    submit(TEACHER, {
      student: 'Sofia Ruiz',
      studentId: '00124',
      familyMember: 'Ana Ruiz (grandmother)',
      callDate: '2026-11-16',
    });
    submit(TEACHER, { student: 'Liam Chen', callDate: '2026-11-10' });
    // Mr. Nguyen: one unanswered attempt.
    submit(TEACHER2, {
      student: 'Liam Chen',
      outcome: 'No answer',
      familyMember: '',
      callDate: '2026-11-24'.replace('24', '20'),
    });
    return emu;
  }

  it('shows each staff member with a goal, their households reached, and the school share who met it', () => {
    const emu = trackerWithCalls();
    emu.run('refreshSummary', [], { user: PRINCIPAL });
    const rows = summaryRows(emu);
    expect(String(rows[0][1])).toMatch(/^Last refreshed 2026-11-23 09:00/);
    const staff = table(rows, SUMMARY_STAFF_HEADERS);
    // Who needs a word first: not started, then behind.
    expect(staff.map((s) => [s.Staff, s.Status])).toEqual([
      ['Mx. Lee', 'Not started'],
      ['Mr. Nguyen', 'Behind'],
      ['Ms. Ortiz', 'Behind'],
    ]);
    expect(staff[2]).toMatchObject({
      Goal: 10,
      'Families Reached': 2,
      Attempts: 3,
      'This Week': 1,
      '% of Goal': 0.2,
    });
    expect(staff[1]).toMatchObject({ Goal: 5, 'Families Reached': 0, Attempts: 1, Status: 'Behind' });
    expect(staff[0]).toMatchObject({ Status: 'Not started', Attempts: 0 });
    const schools = table(rows, SUMMARY_SCHOOL_HEADERS);
    expect(schools.find((s) => s.School === 'Maple Elementary')).toMatchObject({
      School: 'Maple Elementary',
      'Staff With Goals': 3,
      'Met Goal': 0,
      'Roster Families': 2,
      'Families Reached': 2,
      '% Roster Reached': 1,
    });
    expect(schools.at(-1)).toMatchObject({ School: 'District', 'Staff With Goals': 3 });
    const sheet = tab(emu, 'Summary');
    expect(sheet.getCharts()).toHaveLength(1);
  });

  it('reads top-down: schools first, then staff with status colours; staff without a goal who called are listed', () => {
    const emu = trackerWithCalls();
    emu.callFromClient('submitCall', [callInput({ student: 'Mateo Ruiz', studentId: '00123' })], {
      user: PRINCIPAL,
    });
    emu.run('refreshSummary', [], { user: OWNER });
    const rows = summaryRows(emu);
    const schoolHeader = rows.findIndex(
      (r) => r[0] === SUMMARY_SCHOOL_HEADERS[0] && r[1] === SUMMARY_SCHOOL_HEADERS[1],
    );
    const staffHeader = rows.findIndex(
      (r) => r[0] === SUMMARY_STAFF_HEADERS[0] && r[1] === SUMMARY_STAFF_HEADERS[1],
    );
    expect(schoolHeader).toBe(2);
    expect(staffHeader).toBeGreaterThan(schoolHeader);
    const sheet = tab(emu, 'Summary');
    expect(sheet.getFrozenRows()).toBe(staffHeader + 1);
    const staff = table(rows, SUMMARY_STAFF_HEADERS);
    expect(staff.at(-1)).toMatchObject({ Staff: 'Ms. Park', Goal: '', Status: '', Attempts: 1 });
    const status = SUMMARY_STAFF_HEADERS.indexOf('Status') + 1;
    const colours = sheet
      .getRange(staffHeader + 2, status, staff.length, 1)
      .getBackgrounds()
      .flat();
    expect(colours).toEqual(['#f4c7c3', '#fce8b2', '#fce8b2', '#ffffff']);
    // Ms. Park's school now has 3 staff with goals still, none met: 0%.
    expect(table(rows, SUMMARY_SCHOOL_HEADERS).find((r) => r.School === 'Maple Elementary')).toMatchObject({
      'Staff With Goals': 3,
      '% Exceeded Goal': 0,
    });
  });

  it('gives the same values when run twice', () => {
    const emu = trackerWithCalls();
    emu.run('refreshSummary', [], { user: OWNER });
    const first = summaryRows(emu);
    emu.run('refreshSummary', [], { user: OWNER });
    expect(summaryRows(emu)).toEqual(first);
    expect(tab(emu, 'Summary').getCharts()).toHaveLength(1);
  });

  it('counts calls by people not on Staff instead of dropping them', () => {
    const emu = newTracker();
    addRows(emu, 'Call Log', [
      {
        'Call ID': 'C-X1',
        'Staff Email': STRANGER,
        'Call Date': '2026-11-02',
        Student: 'Ana',
        Method: 'Phone',
        Outcome: 'No answer',
      },
    ]);
    emu.run('refreshSummary', [], { user: OWNER });
    const text = summaryRows(emu).flat().join(' ');
    expect(text).toContain(STRANGER);
  });

  it('service calls are the same for 200 and 100,000 call rows, but for the log read and the state written in blocks', () => {
    const calls = (n: number) => {
      const emu = newTracker();
      addCallRows(emu, n);
      return emu.run('refreshSummary', [], { user: OWNER }).serviceCalls;
    };
    // 19 more blocks of 5,000 rows, each read as three runs of adjacent columns (the long text
    // around OK to Quote left out), and one more batch of the school's stored state written (a
    // megabyte at a time).
    expect(calls(100_000)).toBe(calls(200) + 19 * 6 + 7);
  });

  it('a district with more staff than a new sheet has rows still fits on Summary', () => {
    const emu = newTracker();
    addRows(
      emu,
      'Staff',
      Array.from({ length: 1_200 }, (_, i) => ({
        Email: `t${i}@district.example.org`,
        Name: `Teacher ${String(i).padStart(4, '0')}`,
        School: 'Maple Elementary',
        Role: 'Teacher',
        'Call Goal': 5,
      })),
    );
    const alertsBefore = emu.ui.alerts.length;
    emu.run('refreshSummary', [], { user: OWNER });
    expect(emu.ui.alerts.slice(alertsBefore)).toEqual([]);
    expect(table(summaryRows(emu), SUMMARY_STAFF_HEADERS)).toHaveLength(1_203);
  });

  it('from the menu it confirms with a toast', () => {
    const emu = trackerWithCalls();
    emu.run('refreshSummary', [], { user: PRINCIPAL });
    expect(emu.ui.toasts.at(-1)).toMatchObject({
      message: 'Summary and Families refreshed: 3 staff.',
    });
  });

  it('the upkeep trigger refreshes the Summary after a logged call, once, then rests', () => {
    const emu = trackerWithCalls();
    const trigger = emu.triggers.find((t) => t.handlerFunction === 'runUpkeep');
    expect(trigger).toBeDefined();
    emu.fireTrigger(trigger!.uniqueId);
    expect(table(summaryRows(emu), SUMMARY_STAFF_HEADERS)).toHaveLength(3);
    // Nothing changed since: the next run reads its flags and asks the Call Log its last row.
    const idle = emu.fireTrigger(trigger!.uniqueId);
    expect(idle.calls.filter((c) => /^(Spreadsheet|Sheet|Range)\./.test(c))).toEqual(IDLE_UPKEEP_CALLS);
    expect(idle.cellsRead).toBe(0);
    tab(emu, 'Summary').getRange('A1').setValue('stale');
    const logged = emu.callFromClient('submitCall', [callInput()], { user: TEACHER }).value as {
      ok: boolean;
    };
    expect(logged.ok).toBe(true);
    expect(summaryRows(emu)[0][0]).toBe('stale');
    emu.fireTrigger(trigger!.uniqueId);
    expect(summaryRows(emu)[0][0]).toBe('Call goal progress');
  });
});
