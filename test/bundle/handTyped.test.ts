/**
 * No urgent call lost, no credit faked, whatever people do to the sheet by hand (issue 16): rows
 * typed, pasted or copied into the Call Log get their own identity; what counts is visible when it
 * was typed or changed after logging; a reached family leaves the hand-off list; nothing a person
 * clears comes back with a second alert; a broken layout after a save is said in words.
 */
import {
  addRows,
  callInput,
  cellUnder,
  checkReport,
  headersOf,
  newTracker,
  OWNER,
  PRINCIPAL,
  records,
  submitAs,
  summaryRowOf,
  SUPPORT,
  tab,
  TEACHER,
  TEACHER2,
  typeRow,
  upkeep,
} from './helpers';
import type { Emulator } from '../../dev/emulator';

const LIAISON = 'liaison.maple@district.example.org';

function callLogRow(emu: Emulator, row: number): Record<string, unknown> {
  return records(emu, 'Call Log')[row - 2];
}

const alertsFor = (emu: Emulator) => emu.outbox.filter((m) => m.subject.startsWith('Urgent follow-up'));

describe('a row typed into the Call Log', () => {
  it('gets a Call ID, Logged At and the typist’s Staff row; its urgent note gets one follow-up and one alert in one upkeep run', () => {
    const emu = newTracker();
    typeRow(
      emu,
      'Call Log',
      2,
      {
        'Call Date': '2026-11-20',
        Student: 'Liam Chen',
        'Family Member': 'Wei Chen (father)',
        Method: 'Phone',
        Outcome: 'Conversation',
        Notes: 'Dad said they were evicted on Friday',
      },
      TEACHER,
    );
    expect(callLogRow(emu, 2)).toMatchObject({
      'Call ID': expect.stringMatching(/^C-[0-9A-Z]{11}$/),
      'Staff Email': TEACHER,
      'Staff Name': 'Ms. Ortiz',
      School: 'Maple Elementary',
      Entry: 'Typed',
      Urgent: true,
      'Urgent Reason': 'Housing: "evicted"',
    });
    expect(callLogRow(emu, 2)['Logged At']).toBeInstanceOf(Date);
    upkeep(emu);
    const followUps = records(emu, 'Follow-ups');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]).toMatchObject({
      'Call ID': callLogRow(emu, 2)['Call ID'],
      Reason: 'Housing: "evicted"',
    });
    expect(alertsFor(emu)).toHaveLength(1);
    expect(alertsFor(emu)[0].to.split(',').sort()).toEqual([LIAISON, SUPPORT].sort());
    upkeep(emu);
    emu.run('refreshSummary', [], { user: OWNER });
    upkeep(emu);
    expect(records(emu, 'Follow-ups')).toHaveLength(1);
    expect(alertsFor(emu)).toHaveLength(1);
  });

  it('typed by someone Google does not name: listed by Check call log, alerted once a leader fills in the school', () => {
    const emu = newTracker();
    typeRow(
      emu,
      'Call Log',
      2,
      {
        'Call Date': '2026-11-20',
        Student: 'Liam Chen',
        Method: 'Phone',
        Outcome: 'No answer',
        Urgent: true,
      },
      'visitor@gmail.com',
    );
    expect(callLogRow(emu, 2)).toMatchObject({
      'Call ID': expect.stringMatching(/^C-/),
      'Staff Email': '',
      Entry: 'Typed',
    });
    upkeep(emu);
    expect(alertsFor(emu)).toEqual([]);
    expect(checkReport(emu)).toContain('Google did not name');
    emu.edit('Call Log', cellUnder(emu, 'Call Log', 'School', 2), [['Maple Elementary']], { user: OWNER });
    emu.edit('Call Log', cellUnder(emu, 'Call Log', 'Staff Email', 2), [[TEACHER]], { user: OWNER });
    upkeep(emu);
    expect(alertsFor(emu)).toHaveLength(1);
  });
});

describe('a copied row', () => {
  it('gets its own Call ID, and its new crisis its own reason, follow-up and alert', () => {
    const emu = newTracker();
    expect(submitAs(emu, TEACHER, callInput({ notes: 'The bus never came' }))).toMatchObject({ ok: true });
    expect(alertsFor(emu)).toHaveLength(1);
    const headers = headersOf(emu, 'Call Log');
    const copy: Record<string, unknown> = {
      ...callLogRow(emu, 2),
      Student: 'Ava Kim',
      Notes: 'Ava said there was abuse at home',
    };
    emu.edit(
      'Call Log',
      `A3:${cellUnder(emu, 'Call Log', headers[headers.length - 1], 3)}`,
      [headers.map((h) => copy[h] ?? '')],
      { user: TEACHER },
    );
    const [original, copied] = records(emu, 'Call Log');
    expect(copied['Call ID']).not.toBe(original['Call ID']);
    expect(copied).toMatchObject({ Entry: 'Typed', 'Urgent Reason': 'Safety: "abuse"' });
    upkeep(emu);
    expect(records(emu, 'Follow-ups').map((f) => [f['Call ID'], f.Student])).toEqual([
      [original['Call ID'], 'Liam Chen'],
      [copied['Call ID'], 'Ava Kim'],
    ]);
    expect(alertsFor(emu)).toHaveLength(2);
  });
});

describe('credit changed by hand is visible', () => {
  it('five copies of a signed row with new students count as the sheet says, and the Summary says whose were typed', () => {
    const emu = newTracker();
    submitAs(emu, TEACHER, callInput());
    const headers = headersOf(emu, 'Call Log');
    const source = callLogRow(emu, 2);
    const copies = Array.from({ length: 5 }, (_, i): Record<string, unknown> => ({
      ...source,
      Student: `Copy Kid ${i}`,
      'Student ID': '',
      'Family Member': `Parent ${i}`,
    }));
    emu.edit(
      'Call Log',
      `A3:${cellUnder(emu, 'Call Log', headers[headers.length - 1], 7)}`,
      copies.map((c) => headers.map((h) => c[h] ?? '')),
      { user: TEACHER },
    );
    expect(new Set(records(emu, 'Call Log').map((r) => r['Call ID'])).size).toBe(6);
    emu.run('refreshSummary', [], { user: OWNER });
    expect(summaryRowOf(emu, 'Ms. Ortiz')).toMatchObject({
      'Families Reached': 6,
      'Typed or Changed by Hand': 5,
    });
    expect(checkReport(emu).match(/Typed or pasted on the sheet/g)).toHaveLength(5);
  });

  it("a colleague's Outcome changed from Conversation to No answer is listed and shown against their name", () => {
    const emu = newTracker();
    submitAs(emu, TEACHER, callInput());
    emu.edit('Call Log', cellUnder(emu, 'Call Log', 'Outcome', 2), [['No answer']], { user: TEACHER2 });
    emu.run('refreshSummary', [], { user: OWNER });
    expect(summaryRowOf(emu, 'Ms. Ortiz')).toMatchObject({
      'Families Reached': 0,
      'Typed or Changed by Hand': 1,
    });
    expect(checkReport(emu)).toContain('Changed by hand after logging');
    const notes = records(emu, 'Summary')
      .flatMap((r) => Object.values(r))
      .join(' ');
    expect(notes).toContain('1 was changed by hand after logging');
    emu.run('sendDigestsNow', [], { user: OWNER });
    const digest = emu.outbox.find((m) => m.to === PRINCIPAL);
    expect(digest?.body).toContain(
      '1 call counted above was typed or pasted on the sheet, or changed by hand after logging',
    );
  });
});

describe('the hand-off list', () => {
  it('a family reached after its hand-off leaves it: the row is Resolved, saying by whom and when', () => {
    const emu = newTracker();
    for (const day of ['2026-11-16', '2026-11-17', '2026-11-18'])
      submitAs(emu, TEACHER, callInput({ callDate: day, outcome: 'No answer', familyMember: '' }));
    expect(records(emu, 'Follow-ups').map((f) => f.Status)).toEqual(['Open']);
    const sidebar = () =>
      emu.callFromClient('getCallFormData', [], { user: TEACHER }).value as { followUps: unknown[] };
    upkeep(emu);
    expect(sidebar().followUps).toEqual([expect.objectContaining({ status: 'Open' })]);
    submitAs(emu, TEACHER2, callInput({ callDate: '2026-11-20' }));
    upkeep(emu);
    expect(records(emu, 'Follow-ups')[0]).toMatchObject({
      Status: 'Resolved',
      Resolution: 'Reached by Mr. Nguyen on 2026-11-20.',
    });
    expect(sidebar().followUps).toEqual([]);
    upkeep(emu);
    expect(records(emu, 'Follow-ups')).toHaveLength(1);
  });
});

describe('no raw error after a save', () => {
  it('with the Follow-ups Alert header renamed, an urgent call is saved, the teacher told in words, the alert not lost', () => {
    const emu = newTracker();
    tab(emu, 'Follow-ups')
      .getRange(1, headersOf(emu, 'Follow-ups').indexOf('Alert') + 1)
      .setValue('Alert!!');
    const result = submitAs(emu, TEACHER, callInput({ urgent: true }));
    expect(result).toMatchObject({ ok: true });
    expect(JSON.stringify(result)).not.toMatch(/starting column|Exception/);
    expect(records(emu, 'Call Log')).toHaveLength(1);
    tab(emu, 'Follow-ups')
      .getRange(1, headersOf(emu, 'Follow-ups').indexOf('Alert!!') + 1)
      .setValue('Alert');
    upkeep(emu);
    upkeep(emu);
    expect(records(emu, 'Follow-ups')).toHaveLength(1);
    expect(alertsFor(emu)).toHaveLength(1);
  });
});

describe('rows pasted in bulk', () => {
  it('keep the Call IDs that are theirs, and a block pasted twice gets new ones on the second copy', () => {
    const emu = newTracker();
    const rows = Array.from({ length: 3 }, (_, i) => ({
      'Call ID': `C-OWN${i}`,
      'Call Date': '2026-11-20',
      Student: `Pasted ${i}`,
      Method: 'Phone',
      Outcome: 'No answer',
    }));
    addRows(emu, 'Call Log', []);
    const headers = headersOf(emu, 'Call Log');
    const last = cellUnder(emu, 'Call Log', headers[headers.length - 1], 4);
    emu.edit(
      'Call Log',
      `A2:${last}`,
      rows.map((r) => headers.map((h) => (r as Record<string, unknown>)[h] ?? '')),
      {
        user: TEACHER,
      },
    );
    expect(records(emu, 'Call Log').map((r) => r['Call ID'])).toEqual(['C-OWN0', 'C-OWN1', 'C-OWN2']);
    const again = cellUnder(emu, 'Call Log', headers[headers.length - 1], 7);
    emu.edit(
      'Call Log',
      `A5:${again}`,
      rows.map((r) => headers.map((h) => (r as Record<string, unknown>)[h] ?? '')),
      {
        user: TEACHER,
      },
    );
    const ids = records(emu, 'Call Log').map((r) => String(r['Call ID']));
    expect(new Set(ids).size).toBe(6);
    expect(ids.slice(0, 3)).toEqual(['C-OWN0', 'C-OWN1', 'C-OWN2']);
  });
});
