import { CALL_LOG, FOLLOW_UPS, METHODS, TABS } from '../../src/core/schema';
import { SETTING_DEFINITIONS } from '../../src/core/settings';
import {
  addRows,
  headersOf,
  newEmulator,
  newTracker,
  OWNER,
  PRINCIPAL,
  records,
  tab,
  TEACHER,
} from './helpers';

const SETTERS = /\.(set|insert|append|protect|clear|delete|remove|add)[A-Z]?|newTrigger/;

describe('Set up tracker on an empty spreadsheet', () => {
  const emu = newEmulator();
  emu.run('setUpTracker', [], { user: OWNER });

  it('creates every tab with the contract headers in order, header row frozen', () => {
    for (const t of TABS) {
      expect(emu.spreadsheet.getSheetByName(t.name)).not.toBeNull();
      // Summary and Families are written whole by the refresh, headers included.
      if (t.columns.length === 0 || t.rewritten) continue;
      expect(headersOf(emu, t.name)).toEqual(t.columns.map((c) => c.header));
      expect(tab(emu, t.name).getFrozenRows()).toBe(1);
    }
  });

  it('puts dropdowns, tick boxes and dates on Call Log, with help text', () => {
    const log = tab(emu, 'Call Log');
    const column = (header: string) => headersOf(emu, 'Call Log').indexOf(header) + 1;
    const method = log.getRange(2, column('Method')).getDataValidation();
    expect(method?.getCriteriaValues()[0]).toEqual([...METHODS]);
    expect(method?.getHelpText()).toContain('Phone');
    expect(log.getRange(500, column('Urgent')).getDataValidation()?.getCriteriaType()).toBe(
      emu.global.SpreadsheetApp &&
        (emu.global.SpreadsheetApp as typeof SpreadsheetApp).DataValidationCriteria.CHECKBOX,
    );
    expect(log.getRange(2, column('Call Date')).getNumberFormat()).toBe('yyyy-mm-dd');
  });

  it('keeps Student IDs like 00123 as text when a person types them', () => {
    emu.edit('Roster', 'A2:B2', [['00123', 'Mateo Ruiz']], { user: OWNER });
    expect(records(emu, 'Roster')[0]['Student ID']).toBe('00123');
  });

  it('fills Settings with every default', () => {
    const settings = records(emu, 'Settings').map((r) => r.Setting);
    expect(settings).toEqual(SETTING_DEFINITIONS.map((d) => d.name));
    expect(settings).not.toContain('Urgent Phrases');
    expect(records(emu, 'Settings').find((r) => r.Setting === 'Follow-up Due Days')?.Value).toBe(2);
  });

  it('gives the Value of each setting the validation that matches it, with help', () => {
    const settings = tab(emu, 'Settings');
    const rowOf = (name: string) => records(emu, 'Settings').findIndex((r) => r.Setting === name) + 2;
    const rule = (name: string) => settings.getRange(rowOf(name), 2).getDataValidation();
    const criteria = SpreadsheetAppEnum(emu).DataValidationCriteria;
    expect(rule('Goal Deadline')?.getCriteriaType()).toBe(criteria.DATE_IS_VALID_DATE);
    expect(rule('Goal Deadline')?.getHelpText()).toMatch(/a date \(a date cell, or YYYY-MM-DD\)/);
    expect(settings.getRange(rowOf('Goal Deadline'), 2).getValue()).toBeInstanceOf(Date);
    expect(rule('Goal Counts')?.getCriteriaValues()[0]).toEqual(['Families reached', 'All attempts']);
    expect(rule('Digest Hour')?.getCriteriaType()).toBe(criteria.NUMBER_BETWEEN);
    expect(rule('Digest Hour')?.getCriteriaValues()).toEqual([0, 23]);
    expect(rule('Follow-up Due Days')?.getHelpText()).toMatch(/If it cannot be read: 2/);
    expect(rule('Time Zone')).toBeNull();
    expect(settings.getRange(rowOf('Time Zone'), 1).getNote()).toMatch(/IANA time zone/);
  });

  it("warns (only) on the Call Log columns the add-on fills: teachers' own submits write them", () => {
    const protections = tab(emu, 'Call Log').getProtections(SpreadsheetAppEnum(emu).ProtectionType.RANGE);
    const warnings = protections.filter((p) => p.isWarningOnly());
    expect(warnings.map((p) => p.getDescription())).toEqual(
      CALL_LOG.columns
        .filter((c) => c.auto)
        .map((c) => `Relationship Calls: ${c.header} is filled in by the add-on`),
    );
  });

  it('installs one upkeep trigger every 5 minutes', () => {
    expect(emu.triggers.filter((t) => t.handlerFunction === 'runUpkeep')).toHaveLength(1);
    expect(emu.triggers.filter((t) => t.handlerFunction === 'refreshSummary')).toHaveLength(0);
  });
});

function SpreadsheetAppEnum(emu: ReturnType<typeof newEmulator>): typeof SpreadsheetApp {
  return emu.global.SpreadsheetApp as typeof SpreadsheetApp;
}

describe('Set up tracker over a tracker in use', () => {
  function trackerInUse() {
    const emu = newTracker();
    addRows(emu, 'Call Log', [
      {
        'Call ID': 'C-1',
        'Staff Email': TEACHER,
        Student: 'Mateo Ruiz',
        'Call Date': '2026-11-02',
        Method: 'Phone',
        Outcome: 'No answer',
      },
      {
        'Call ID': 'C-2',
        'Staff Email': TEACHER,
        Student: 'Liam Chen',
        'Call Date': '2026-11-03',
        Method: 'Video',
        Outcome: 'Conversation',
        'Family Member': 'Wei Chen',
      },
    ]);
    const log = tab(emu, 'Call Log');
    // A leader adds a column of their own (setup left no empty one) and swaps Student with Method.
    const width = log.getLastColumn();
    log.insertColumnAfter(width);
    log.getRange(1, width + 1).setValue('My Notes');
    log.getRange(2, width + 1).setValue('call back after 5pm');
    const headers = headersOf(emu, 'Call Log');
    const student = headers.indexOf('Student') + 1;
    const method = headers.indexOf('Method') + 1;
    const studentCol = log.getRange(1, student, 3, 1).getValues();
    const methodCol = log.getRange(1, method, 3, 1).getValues();
    log.getRange(1, student, 3, 1).setValues(methodCol);
    log.getRange(1, method, 3, 1).setValues(studentCol);
    emu.run('setUpTracker', [], { user: OWNER });
    return emu;
  }

  it('keeps every data cell under its header, including the user column', () => {
    const emu = trackerInUse();
    const rows = records(emu, 'Call Log');
    expect(rows[0]).toMatchObject({
      'Call ID': 'C-1',
      Student: 'Mateo Ruiz',
      Method: 'Phone',
      'My Notes': 'call back after 5pm',
    });
    expect(rows[1]).toMatchObject({
      'Call ID': 'C-2',
      Student: 'Liam Chen',
      Method: 'Video',
      'Family Member': 'Wei Chen',
    });
    expect(headersOf(emu, 'Call Log')).toContain('My Notes');
  });

  it('a second run changes nothing and calls no setter', () => {
    const emu = trackerInUse();
    const before = JSON.stringify(emu.toJSON());
    const execution = emu.run('setUpTracker', [], { user: OWNER });
    expect(JSON.stringify(emu.toJSON())).toBe(before);
    expect(
      execution.calls.filter(
        (c) => SETTERS.test(c.split('.')[1] ?? '') && !c.startsWith('Ui.') && !c.includes('Builder'),
      ),
    ).toEqual([]);
    expect(emu.ui.alerts.at(-1)?.prompt).toContain('nothing was changed');
  });

  it('brings back a deleted header at the end of row 1 and a deleted tab, keeping settings people changed', () => {
    const emu = newTracker();
    const log = tab(emu, 'Call Log');
    const headers = headersOf(emu, 'Call Log');
    log.getRange(1, headers.indexOf('Urgent Reason') + 1).setValue('');
    emu.spreadsheet.deleteSheet(emu.spreadsheet.getSheetByName('Follow-ups') as never);
    const settings = tab(emu, 'Settings');
    const row = records(emu, 'Settings').findIndex((r) => r.Setting === 'Goal Counts') + 2;
    settings.getRange(row, 2).setValue('All attempts');
    emu.run('setUpTracker', [], { user: OWNER });
    expect(headersOf(emu, 'Call Log').at(-1)).toBe('Urgent Reason');
    expect(headersOf(emu, 'Follow-ups')).toEqual(FOLLOW_UPS.columns.map((c) => c.header));
    expect(records(emu, 'Settings').find((r) => r.Setting === 'Goal Counts')?.Value).toBe('All attempts');
    expect(emu.ui.alerts.at(-1)?.prompt).toContain('Urgent Reason');
  });
});

describe('who may set up', () => {
  it('refuses a teacher clearly and changes nothing', () => {
    const emu = newTracker();
    const before = JSON.stringify(emu.toJSON().sheets ?? emu.toJSON());
    emu.run('setUpTracker', [], { user: TEACHER });
    expect(emu.ui.alerts.at(-1)?.prompt).toMatch(/Only the spreadsheet's owner or a Leader/);
    expect(JSON.stringify(emu.toJSON().sheets ?? emu.toJSON())).toBe(before);
  });

  it('refuses a principal too: setup is for leaders', () => {
    const emu = newTracker();
    emu.run('setUpTracker', [], { user: PRINCIPAL });
    expect(emu.ui.alerts.at(-1)?.prompt).toBe(
      "Only the spreadsheet's owner or a Leader on the Staff tab can set up the tracker. Ask Dr. Reyes.",
    );
  });

  it('lets a Leader on Staff who is not the owner set up', () => {
    const emu = newTracker();
    addRows(emu, 'Staff', [
      { Email: 'deputy@district.example.org', Name: 'Deputy', School: 'District Office', Role: 'Leader' },
    ]);
    emu.run('setUpTracker', [], { user: 'deputy@district.example.org' });
    expect(emu.ui.alerts.at(-1)?.prompt).not.toContain('Only the');
    expect(emu.ui.alerts.at(-1)?.prompt).toContain('No data was moved');
  });

  it('before Staff exists, only the owner', () => {
    const emu = newEmulator();
    emu.run('setUpTracker', [], { user: TEACHER });
    expect(emu.spreadsheet.getSheetByName('Call Log')).toBeNull();
    expect(emu.ui.alerts.at(-1)?.prompt).toContain("Only the spreadsheet's owner");
  });
});
