/**
 * Setup repairs in constant work, and the grid holds only what is used (issue 18): run again on
 * a healthy tracker, setup makes the same calls and reads the same cells at 1,000 and 20,000 Call
 * Log rows, at most 100 calls and 50,000 cells, and holds no lock; it trims every tab's empty
 * columns, never one with a header or anything typed in it.
 */
import type { Emulator, Execution } from '../../dev/emulator';
import { TABS } from '../../src/core/schema';
import { SUMMARY_WIDTH } from '../../src/core/summaryTable';
import { addCallRows, headersOf, newEmulator, newTracker, OWNER, tab } from './helpers';

const SETTERS = /\.(set|insert|append|protect|clear|delete|remove|add)[A-Z]?|newTrigger/;

function setUp(emu: Emulator): Execution<unknown> {
  return emu.run('setUpTracker', [], { user: OWNER });
}

describe('Set up tracker run again on a healthy tracker', () => {
  const measured = [1_000, 20_000].map((rows) => {
    const emu = newTracker();
    addCallRows(emu, rows);
    setUp(emu);
    const again = setUp(emu);
    return { rows, again, prompt: emu.ui.alerts.at(-1)?.prompt ?? '' };
  });

  it('makes the same calls and reads the same cells at 1,000 and 20,000 rows', () => {
    const [small, large] = measured.map((m) => m.again);
    expect(large.calls).toEqual(small.calls);
    expect(large.cellsRead).toBe(small.cellsRead);
  });

  it.each(measured)(
    'at $rows rows: at most 100 calls, 50,000 cells read, no lock, nothing written',
    ({ again, prompt }) => {
      expect(again.serviceCalls).toBeLessThanOrEqual(100);
      expect(again.cellsRead).toBeLessThanOrEqual(50_000);
      expect(again.lockHeldCalls).toBe(0);
      expect(again.calls.filter((c) => c.startsWith('LockService'))).toEqual([]);
      expect(again.cellsWritten).toBe(0);
      expect(again.calls.filter((c) => SETTERS.test(c.split('.')[1] ?? '') && !c.startsWith('Ui.'))).toEqual(
        [],
      );
      expect(prompt).toContain('nothing was changed');
    },
  );

  it('still repairs what people broke at a column’s ends: a paste over row 2, rows added past the end', () => {
    const emu = newTracker();
    addCallRows(emu, 1_000);
    setUp(emu);
    const log = tab(emu, 'Call Log');
    const urgent = headersOf(emu, 'Call Log').indexOf('Urgent') + 1;
    log.getRange(2, urgent).setDataValidation(null);
    log.insertRowsAfter(log.getMaxRows(), 10);
    setUp(emu);
    const prompt = emu.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toContain('Urgent tick boxes');
    expect(prompt).toContain(`(every row, down to row ${log.getMaxRows().toLocaleString('en-US')})`);
    expect(prompt).toContain(
      `Call Log: rows 2 to ${log.getMaxRows().toLocaleString('en-US')} left open to everyone`,
    );
    for (const row of [2, 700, log.getMaxRows()])
      expect(log.getRange(row, urgent).getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
  });
});

describe('the grid holds only what is used', () => {
  it('a new tracker: each tab as wide as what it holds', () => {
    const emu = newEmulator();
    setUp(emu);
    emu.run('refreshSummary', [], { user: OWNER });
    for (const t of TABS) {
      const width = t.columns.length || SUMMARY_WIDTH + 8; // the Summary's chart stands beside its table
      expect([t.name, tab(emu, t.name).getMaxColumns()]).toEqual([t.name, width]);
    }
  });

  it('a tracker set up before: empty columns go, a column with a header or anything typed in it stays', () => {
    const emu = newEmulator();
    setUp(emu);
    const roster = tab(emu, 'Roster');
    roster.insertColumnsAfter(roster.getMaxColumns(), 16);
    const width = headersOf(emu, 'Roster').length;
    roster.getRange(1, width + 1).setValue('Bus Route');
    roster.getRange(5, width + 3).setValue('a note with no header');
    setUp(emu);
    expect(roster.getMaxColumns()).toBe(width + 3);
    expect(roster.getRange(5, width + 3).getValue()).toBe('a note with no header');
    expect(emu.ui.alerts.at(-1)?.prompt).toContain(`Roster: removed 13 empty columns after column`);
  });
});
