/**
 * Every tab is protected against rename and delete (issue 16): the tabs teachers write (Call Log,
 * Follow-ups) have their data rows left open, so the people who write rows keep writing them;
 * nobody but the owner and the Leaders renames, deletes or grows them or changes a header. Each
 * protection is tried by hand as each role meets it.
 */
import { columnToLetters, type Emulator } from '../../dev/emulator';
import { TABS } from '../../src/core/schema';
import { ROOM_ROWS } from '../../src/sheets/room';
import {
  addRows,
  callInput,
  headersOf,
  newTracker,
  OWNER,
  PRINCIPAL,
  submitAs,
  tab,
  TEACHER,
  upkeep,
} from './helpers';

const DEPUTY = 'deputy@district.example.org';
const ROLES = { teacher: TEACHER, principal: PRINCIPAL, leader: DEPUTY, owner: OWNER } as const;
type Role = keyof typeof ROLES;

const TEACHER_TABS = ['Call Log', 'Follow-ups'];
const GENERATED = ['Summary', 'Families', 'Sidebar Data'];

/** What each role may do to a tab by hand. */
function expected(name: string, role: Role): Record<string, boolean> {
  const leads = role === 'leader' || role === 'owner';
  const writesTab = leads || (role === 'principal' && GENERATED.includes(name));
  return {
    'write a data row': writesTab || TEACHER_TABS.includes(name),
    'change the header row': writesTab,
    'add rows': writesTab,
    rename: writesTab,
    delete: writesTab,
  };
}

/** Whether the protections let the action through (a value the cell's validation refuses got past them). */
function attempt(action: () => void): boolean {
  try {
    action();
    return true;
  } catch (error) {
    if (String(error).includes('violates the data validation rules')) return true;
    if (!String(error).includes('You are trying to edit a protected cell or object')) throw error;
    return false;
  }
}

function tryEverything(emu: Emulator, name: string, user: string): Record<string, boolean> {
  const sheet = tab(emu, name);
  const asUser = (action: () => void) => attempt(() => emu.asPerson(user, action));
  // Typing over the last column's header and first row with what they hold: the protections decide.
  const last = columnToLetters(sheet.getMaxColumns());
  const [[header], [data]] = sheet.getRange(`${last}1:${last}2`).getValues();
  const result = {
    'write a data row': attempt(() => emu.edit(name, `${last}2`, [[data]], { user })),
    'change the header row': attempt(() => emu.edit(name, `${last}1`, [[header]], { user })),
    'add rows': asUser(() => sheet.insertRowsAfter(sheet.getMaxRows(), 5)),
    rename: asUser(() => sheet.setName(`${name} (mine)`)),
    delete: false,
  };
  if (result.rename) emu.asPerson(OWNER, () => sheet.setName(name));
  result.delete = asUser(() => emu.spreadsheet.deleteSheet(sheet as never));
  return result;
}

describe.each(Object.keys(ROLES) as Role[])('by hand, as the %s', (role) => {
  const emu = newTracker();
  addRows(emu, 'Staff', [{ Email: DEPUTY, Name: 'Mr. Diaz', School: 'District Office', Role: 'Leader' }]);
  emu.run('setUpTracker', [], { user: OWNER });
  const seen = Object.fromEntries(TABS.map((t) => [t.name, tryEverything(emu, t.name, ROLES[role])]));

  it.each(TABS.map((t) => t.name))('%s', (name) => {
    expect(seen[name]).toEqual(expected(name, role));
  });
});

describe('the rows teachers write stay theirs', () => {
  it('a teacher types, submits and works follow-ups on the open rows; the header row stays the leaders’', () => {
    const emu = newTracker();
    expect(submitAs(emu, TEACHER, callInput({ notes: 'The family was evicted.' }))).toMatchObject({
      ok: true,
    });
    emu.edit('Follow-ups', 'H2', [['In progress']], { user: TEACHER });
    expect(() => emu.edit('Follow-ups', 'H1', [['State']], { user: TEACHER })).toThrow('protected cell');
    const [protection] = tab(emu, 'Call Log').getProtections('SHEET' as never);
    expect(protection.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual([
      `A2:${String.fromCharCode(64 + tab(emu, 'Call Log').getMaxColumns())}${tab(emu, 'Call Log').getMaxRows()}`,
    ]);
  });

  it('when calls fill the tab, upkeep adds room and opens it before teachers need it; a teacher never adds rows', () => {
    const emu = newTracker();
    const log = tab(emu, 'Call Log');
    // Calls up to 10 rows short of the end, as after a busy morning.
    const filler = Array.from({ length: log.getMaxRows() - 11 }, (_, i) => ({
      'Call Date': '2026-11-20',
      Student: `Student ${i}`,
      Method: 'Phone',
      Outcome: 'No answer',
    }));
    log.getRange(2, 6, filler.length, 4).setValues(filler.map((r) => Object.values(r)));
    expect(submitAs(emu, TEACHER, callInput())).toMatchObject({ ok: true });
    const before = log.getMaxRows();
    upkeep(emu);
    expect(log.getMaxRows()).toBe(log.getLastRow() + ROOM_ROWS);
    expect(log.getMaxRows()).toBeGreaterThan(before);
    // The new rows are laid out like the rows above them: the same tick boxes and formats.
    const urgent = headersOf(emu, 'Call Log').indexOf('Urgent') + 1;
    expect(log.getRange(log.getMaxRows(), urgent).getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
    emu.edit('Call Log', `F${log.getMaxRows()}`, [['2026-11-20']], { user: TEACHER });
  });

  it('a teacher whose call finds no empty row is told in the form, and nothing is written', () => {
    const emu = newTracker();
    const log = tab(emu, 'Call Log');
    const rows = log.getMaxRows() - 1;
    log.getRange(2, 7, rows, 1).setValues(Array.from({ length: rows }, (_, i) => [`Student ${i}`]));
    const result = submitAs(emu, TEACHER, callInput());
    expect(result).toEqual({
      ok: false,
      errors: { form: expect.stringContaining('The Call Log tab has no empty row left') as unknown },
    });
    expect(log.getLastRow()).toBe(rows + 1);
  });
});
