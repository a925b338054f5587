import { addRows, newTracker, OWNER, records, tab, TEACHER } from './helpers';

const NOTE_PREFIX = '⚠ Relationship Calls: ';
const PROBLEM_BACKGROUND = '#fce8e6';

function valueCell(emu: ReturnType<typeof newTracker>, setting: string) {
  const row = records(emu, 'Settings').findIndex((r) => r.Setting === setting) + 2;
  return tab(emu, 'Settings').getRange(row, 2);
}

/**
 * A tracker set up by an earlier version: its Value cells were plain text with no validation,
 * so a leader could type a US date or a word where a number goes.
 */
function typedAsText(emu: ReturnType<typeof newTracker>, setting: string, value: string): void {
  const cell = valueCell(emu, setting);
  cell.clearDataValidations().setNumberFormat('@').setValue(value);
}

function summaryStamp(emu: ReturnType<typeof newTracker>): string {
  return String(tab(emu, 'Summary').getRange(1, 2).getValue());
}

describe('Settings that cannot be read are said out loud', () => {
  const emu = newTracker();
  addRows(emu, 'Call Log', [
    {
      'Call ID': 'C-S1',
      'Staff Email': TEACHER,
      'Staff Name': 'Ms. Ortiz',
      School: 'Maple Elementary',
      'Call Date': '2026-11-10',
      Student: 'Liam Chen',
      Method: 'Phone',
      Outcome: 'Conversation',
      'Family Member': 'Wei Chen (father)',
    },
  ]);
  typedAsText(emu, 'Goal Deadline', '12/15/2026');
  typedAsText(emu, 'Digest Hour', 'seven');
  emu.run('refreshSummary', [], { user: OWNER });

  it('a note and a highlight on the Value cell itself', () => {
    const cell = valueCell(emu, 'Goal Deadline');
    expect(cell.getNote()).toBe(
      `${NOTE_PREFIX}Goal Deadline "12/15/2026" is not a date (a date cell, or YYYY-MM-DD); using 2026-10-31. Type a date (a date cell, or YYYY-MM-DD).`,
    );
    expect(cell.getBackground()).toBe(PROBLEM_BACKGROUND);
    expect(valueCell(emu, 'Digest Hour').getNote()).toMatch(
      /"seven" is not a whole number from 0 to 23; using 7/,
    );
    expect(valueCell(emu, 'Goal Counts').getNote()).toBe('');
  });

  it('named in the refresh message and on the Summary stamp line', () => {
    expect(emu.ui.toasts.at(-1)?.message).toContain(
      'Settings not read, defaults used: Goal Deadline, Digest Hour (see the note on each in Settings).',
    );
    expect(summaryStamp(emu)).toMatch(
      /^Last refreshed .+\. Settings not read, defaults used: Goal Deadline, Digest Hour \(see the note on each in Settings\)\.$/,
    );
  });

  it('listed by Check call log', () => {
    emu.run('checkCallLog', [], { user: TEACHER });
    const html = emu.ui.dialogs.at(-1)?.html ?? '';
    expect(html).toContain('<h2>Settings to fix</h2>');
    expect(html).toContain('<li>Goal Deadline &quot;12/15/2026&quot; is not a date');
  });

  it('YYYY-MM-DD text and a date cell both read; the note and highlight go once it reads', () => {
    valueCell(emu, 'Goal Deadline').setValue('2026-12-15'); // still a plain-text cell
    valueCell(emu, 'Digest Hour').setNumberFormat('0').setValue(8);
    emu.run('refreshSummary', [], { user: OWNER });
    expect(valueCell(emu, 'Goal Deadline').getNote()).toBe('');
    expect(valueCell(emu, 'Goal Deadline').getBackground()).toBe('#ffffff');
    expect(summaryStamp(emu)).toMatch(/^Last refreshed [^.]+$/);
    // The pasted call is not from the form, so the message still points to the Summary's notes.
    expect(emu.ui.toasts.at(-1)?.message).toBe(
      'Summary and Families refreshed: 3 staff. Some calls need attention: see the notes at the bottom of Summary.',
    );
    valueCell(emu, 'Goal Deadline').setNumberFormat('yyyy-mm-dd').setValue(new Date('2026-12-15T06:00:00Z'));
    emu.run('refreshSummary', [], { user: OWNER });
    expect(valueCell(emu, 'Goal Deadline').getNote()).toBe('');
  });

  it('a leader typing a bad value sees the note at once (onEdit)', () => {
    const row = records(emu, 'Settings').findIndex((r) => r.Setting === 'Time Zone') + 2;
    emu.edit('Settings', `B${row}`, [['Mars/Olympus']], { user: OWNER });
    expect(valueCell(emu, 'Time Zone').getNote()).toMatch(/^⚠ Relationship Calls: Time Zone "Mars\/Olympus"/);
    emu.edit('Settings', `B${row}`, [['America/Chicago']], { user: OWNER });
    expect(valueCell(emu, 'Time Zone').getNote()).toBe('');
  });

  it('a date typed as text by an earlier version becomes a date cell when setup runs', () => {
    const fresh = newTracker();
    typedAsText(fresh, 'Calls Start Date', '2026-08-15');
    fresh.run('setUpTracker', [], { user: OWNER });
    const cell = valueCell(fresh, 'Calls Start Date');
    expect(cell.getValue()).toBeInstanceOf(Date);
    expect(cell.getDisplayValue()).toBe('2026-08-15');
    expect(cell.getDataValidation()?.getHelpText()).toMatch(/^The first day calls count/);
    expect(fresh.ui.alerts.at(-1)?.prompt).toContain('Calls Start Date 2026-08-15 is now a date cell');
  });
});
