/**
 * Tabs are found by identity, not by name (issue 16, "Renaming a tab loses data"): setup records
 * each tab's sheet id; a renamed tab keeps working for every read and write, setup gives it its
 * name back and says so, and never makes an empty twin or reopens, re-adds or re-alerts a follow-up.
 */
import type { CallFormData } from '../../src/contract';
import type { Emulator } from '../../dev/emulator';
import {
  callInput,
  newTracker,
  OWNER,
  records,
  submitAs,
  SUPPORT,
  tab,
  TEACHER,
  typeRow,
  upkeep,
} from './helpers';

const alertsSent = (emu: Emulator) => emu.outbox.filter((m) => m.subject.startsWith('Urgent follow-up'));
const sheetNames = (emu: Emulator) => emu.spreadsheet.getSheets().map((s) => s.getName());
const setUp = (emu: Emulator) => {
  emu.run('setUpTracker', [], { user: OWNER });
  return emu.ui.alerts.at(-1)?.prompt ?? '';
};

/** A leader renames a tab by hand (leaders may: they edit the tabs' protections). */
function rename(emu: Emulator, from: string, to: string): void {
  emu.asPerson(OWNER, () => emu.spreadsheet.getSheetByName(from)!.setName(to));
}

function rowsOf(emu: Emulator, name: string): Array<Record<string, unknown>> {
  const values = emu.spreadsheet.getSheetByName(name)!.getDataRange().getValues();
  const [headers, ...rows] = values;
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [String(h), row[i]])));
}

/** An urgent call for a student not on the Roster, logged as typed (the form's second, explicit choice). */
const urgent = (student: string) => ({
  ...callInput({
    student,
    studentId: '',
    notes: 'The family was evicted last week.',
    outcome: 'Conversation',
  }),
  offRoster: true,
});

describe('Follow-ups renamed by hand', () => {
  const emu = newTracker();
  for (const student of ['Ana One', 'Ben Two', 'Cara Three'])
    expect(submitAs(emu, TEACHER, urgent(student)).ok).toBe(true);
  // The school's follow-up contact resolves all three.
  for (let row = 2; row <= 4; row++)
    typeRow(emu, 'Follow-ups', row, { ...records(emu, 'Follow-ups')[row - 2], Status: 'Resolved' }, SUPPORT);
  const alertsBefore = alertsSent(emu).length;
  rename(emu, 'Follow-ups', 'Follow ups 2026');

  it('an urgent submit still saves, adds its follow-up to the renamed tab and sends its alert', () => {
    const result = submitAs(emu, TEACHER, urgent('Dan Four'));
    expect(result).toMatchObject({ ok: true, urgent: true });
    expect(rowsOf(emu, 'Follow ups 2026').map((r) => r.Student)).toEqual([
      'Ana One',
      'Ben Two',
      'Cara Three',
      'Dan Four',
    ]);
    expect(alertsSent(emu)).toHaveLength(alertsBefore + 1);
  });

  it('upkeep keeps working on it; setup gives it its name back, says so, and creates no second Follow-ups', () => {
    upkeep(emu);
    const message = setUp(emu);
    expect(message).toContain('Follow-ups: the tab had been renamed "Follow ups 2026"; its name is back');
    expect(sheetNames(emu).filter((n) => n.startsWith('Follow'))).toEqual(['Follow-ups']);
    upkeep(emu);
  });

  it('nothing resolved is reopened, nothing is added twice, nobody is alerted again', () => {
    const rows = records(emu, 'Follow-ups');
    expect(rows.map((r) => [r.Student, r.Status])).toEqual([
      ['Ana One', 'Resolved'],
      ['Ben Two', 'Resolved'],
      ['Cara Three', 'Resolved'],
      ['Dan Four', 'Open'],
    ]);
    expect(alertsSent(emu)).toHaveLength(alertsBefore + 1);
  });
});

describe('Call Log renamed by hand', () => {
  const emu = newTracker();
  expect(submitAs(emu, TEACHER, callInput()).ok).toBe(true);
  emu.run('refreshSummary', [], { user: OWNER });
  rename(emu, 'Call Log', 'Calls');

  it('the sidebar opens and a submit saves, on the renamed tab', () => {
    const form = emu.callFromClient('getCallFormData', [], { user: TEACHER }).value as CallFormData;
    expect(form).toMatchObject({ ok: true, progress: { familiesReached: 1 } });
    const second = submitAs(
      emu,
      TEACHER,
      callInput({ student: 'Mateo Ruiz', studentId: '00123', familyMember: 'Ana Ruiz (grandmother)' }),
    );
    expect(second).toMatchObject({ ok: true, progress: { familiesReached: 2 } });
    expect(rowsOf(emu, 'Calls').map((r) => r.Student)).toEqual(['Liam Chen', 'Mateo Ruiz']);
  });

  it('setup puts the name back instead of creating an empty Call Log; the teacher keeps every family reached', () => {
    const message = setUp(emu);
    expect(message).toContain('Call Log: the tab had been renamed "Calls"; its name is back');
    expect(message).not.toContain('Created');
    expect(sheetNames(emu)).not.toContain('Calls');
    expect(records(emu, 'Call Log').map((r) => r.Student)).toEqual(['Liam Chen', 'Mateo Ruiz']);
    emu.run('refreshSummary', [], { user: OWNER });
    const form = emu.callFromClient('getCallFormData', [], { user: TEACHER }).value as CallFormData;
    expect(form).toMatchObject({ ok: true, progress: { familiesReached: 2 } });
  });
});

describe('a tracker set up before tabs were recorded', () => {
  it('finds its renamed Call Log by the protection setup gave it, and never makes an empty one', () => {
    const emu = newTracker();
    expect(submitAs(emu, TEACHER, callInput()).ok).toBe(true);
    emu.documentProperties.delete('tabs.ids');
    rename(emu, 'Call Log', 'Old calls');
    const message = setUp(emu);
    expect(message).toContain('Call Log: the tab had been renamed "Old calls"; its name is back');
    expect(records(emu, 'Call Log').map((r) => r.Student)).toEqual(['Liam Chen']);
    expect(sheetNames(emu)).not.toContain('Old calls');
  });
});

describe('a renamed tab with another tab now holding its name', () => {
  it('setup keeps using the real one and says what to do; submits still go to it', () => {
    const emu = newTracker();
    rename(emu, 'Call Log', 'Calls (real)');
    emu.asPerson(OWNER, () => emu.spreadsheet.insertSheet('Call Log'));
    const message = setUp(emu);
    expect(message).toContain(
      'The Call Log tab is named "Calls (real)", and another tab is named "Call Log". The add-on keeps using "Calls (real)"',
    );
    expect(submitAs(emu, TEACHER, callInput()).ok).toBe(true);
    expect(rowsOf(emu, 'Calls (real)').map((r) => r.Student)).toEqual(['Liam Chen']);
    expect(tab(emu, 'Call Log').getLastRow()).toBe(0);
  });
});
