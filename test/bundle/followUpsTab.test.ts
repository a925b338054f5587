/**
 * Follow-ups as a principal reads it at 1366×768: what kind, whose family, where it stands, how
 * late, first; the link to the call last and narrow. A tracker already in use gets the new
 * columns at the end of row 1 and nothing moves.
 */
import type { Emulator } from '../../dev/emulator';
import { FOLLOW_UPS } from '../../src/core/schema';
import {
  addRows,
  callInput,
  cellUnder,
  headersOf,
  newTracker,
  NOW,
  OWNER,
  records,
  submitAs,
  tab,
  TEACHER,
  upkeep,
} from './helpers';

const DAY = 86_400_000;

/** The Follow-ups header row of trackers set up before Kind and Overdue. */
const OLD_HEADERS = [
  'Call ID',
  'Flagged At',
  'School',
  'Staff',
  'Student',
  'Reason',
  'Assigned To',
  'Status',
  'Resolution',
  'Resolved At',
  'Alert',
  'Staff Email',
  'Family Member',
  'Phone',
  'Family Email',
  'Call Date',
  'Call Log Row',
  'Days Open',
  'Signature',
];

/** A tracker with an urgent call for Liam Chen, and the Ruiz family unreached after 3 attempts (a hand-off). */
function urgentAndHandOff(): Emulator {
  const emu = newTracker();
  submitAs(emu, TEACHER, callInput({ notes: 'The family was evicted last week.' }));
  for (const day of ['2026-11-18', '2026-11-19', '2026-11-20'])
    submitAs(
      emu,
      TEACHER,
      callInput({
        student: 'Mateo Ruiz',
        studentId: '00123',
        familyMember: '',
        outcome: 'No answer',
        callDate: day,
      }),
    );
  return emu;
}

describe('Follow-ups for a principal', () => {
  it('a new tracker reads Kind, Student, Status, Overdue, Days Open first; the call link last and narrow', () => {
    const emu = newTracker();
    const headers = headersOf(emu, 'Follow-ups');
    expect(headers.slice(0, 6)).toEqual(['Kind', 'Student', 'Status', 'Overdue', 'Days Open', 'Reason']);
    expect(headers.at(-1)).toBe('Call Log Row');
    const sheet = tab(emu, 'Follow-ups');
    const widths = headers.map((_, i) => sheet.getColumnWidth(i + 1));
    // Kind through Days Open fit beside a frozen row header with room to spare at 1366 px.
    expect(widths.slice(0, 5).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(560);
    expect(widths.at(-1)).toBeLessThanOrEqual(100);
    expect(widths).toEqual(FOLLOW_UPS.columns.map((c) => c.width));
  });

  it('urgent rows say Urgent, hand-offs Hand-off; Overdue says by how many days, and clears once closed', () => {
    const emu = urgentAndHandOff();
    upkeep(emu);
    const rows = () => records(emu, 'Follow-ups');
    expect(rows().map((r) => [r.Kind, r.Student, r.Overdue, r['Days Open']])).toEqual([
      ['Urgent', 'Liam Chen', '', 0],
      ['Hand-off', 'Mateo Ruiz', '', 0],
    ]);
    // Follow-up Due Days is 2: five days later both are 3 days over.
    emu.clock.set(new Date(NOW.getTime() + 5 * DAY));
    upkeep(emu);
    expect(rows().map((r) => [r.Kind, r.Overdue, r['Days Open']])).toEqual([
      ['Urgent', 'Yes, 3 days over', 5],
      ['Hand-off', 'Yes, 3 days over', 5],
    ]);
    const status = headersOf(emu, 'Follow-ups').indexOf('Status') + 1;
    tab(emu, 'Follow-ups').getRange(2, status).setValue('Resolved');
    emu.run('refreshSummary', [], { user: OWNER });
    expect(rows()[0].Overdue).toBe('');
  });

  it("between the day's full rebuilds, upkeep clears Overdue once a follow-up is closed by hand or by reaching the family", () => {
    const emu = urgentAndHandOff();
    emu.clock.set(new Date(NOW.getTime() + 5 * DAY));
    upkeep(emu); // the day's first: a full rebuild
    const rows = () => records(emu, 'Follow-ups').map((r) => [r.Kind, r.Status, r.Overdue, r['Days Open']]);
    expect(rows()).toEqual([
      ['Urgent', 'Open', 'Yes, 3 days over', 5],
      ['Hand-off', 'Open', 'Yes, 3 days over', 5],
    ]);
    // A principal closes the urgent one; a teacher reaches the Ruiz family, which closes the hand-off.
    emu.edit('Follow-ups', cellUnder(emu, 'Follow-ups', 'Status', 2), [['Resolved']], { user: OWNER });
    emu.clock.set(new Date(NOW.getTime() + 5 * DAY + 3_600_000));
    submitAs(emu, TEACHER, callInput({ student: 'Mateo Ruiz', studentId: '00123', callDate: '2026-11-28' }));
    upkeep(emu);
    expect(rows()).toEqual([
      ['Urgent', 'Resolved', '', 5],
      ['Hand-off', 'Resolved', '', 5],
    ]);
  });

  it('a tracker in use gets Kind and Overdue at the end of row 1, filled in for its rows; nothing moves', () => {
    const emu = newTracker();
    const ss = emu.spreadsheet;
    ss.getSheetByName('Follow-ups')!.setName('Follow-ups (new)');
    const old = ss.insertSheet('Follow-ups');
    old.getRange(1, 1, 1, OLD_HEADERS.length).setValues([OLD_HEADERS]);
    ss.deleteSheet(ss.getSheetByName('Follow-ups (new)')!);
    addRows(emu, 'Follow-ups', [
      { 'Call ID': 'C-TYPED', Student: 'Someone', Reason: 'Not reached after 3 attempts', Status: 'Open' },
    ]);
    emu.run('setUpTracker', [], { user: OWNER });
    expect(headersOf(emu, 'Follow-ups')).toEqual([...OLD_HEADERS, 'Kind', 'Overdue']);
    expect(records(emu, 'Follow-ups')[0]).toMatchObject({ 'Call ID': 'C-TYPED', Student: 'Someone' });
    emu.run('refreshSummary', [], { user: OWNER });
    expect(records(emu, 'Follow-ups')[0]).toMatchObject({ 'Call ID': 'C-TYPED', Kind: 'Hand-off' });
  });
});
