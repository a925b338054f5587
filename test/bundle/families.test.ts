import { FAMILIES } from '../../src/core/schema';
import { addRows, newTracker, OWNER, records, tab, TEACHER, TEACHER2 } from './helpers';

const MORE_ROSTER = [
  { name: 'Ava Kim', id: '00300', family: 'Min Kim (mother)', phone: '555-0300' },
  { name: 'Noah Diaz', id: '00301', family: 'Luis Diaz (father)', phone: '555-0301' },
  { name: 'Eli Park', id: '00302', family: 'Jo Park (aunt)', phone: '555-0302' },
].map((s) => ({
  'Student ID': s.id,
  Student: s.name,
  Grade: '2',
  School: 'Maple Elementary',
  'Family Member': s.family,
  Phone: s.phone,
  'Home Language': 'English',
  'Assigned To': TEACHER2,
}));

let nextId = 0;
function call(staff: string, student: string, studentId: string, outcome: string, day: string) {
  const name = staff === TEACHER ? 'Ms. Ortiz' : 'Mr. Nguyen';
  return {
    'Call ID': `C-FAM${nextId++}`,
    'Staff Email': staff,
    'Staff Name': name,
    School: 'Maple Elementary',
    'Call Date': day,
    Student: student,
    'Student ID': studentId,
    Method: 'Phone',
    Outcome: outcome,
    'Family Member': outcome === 'Conversation' ? 'Someone' : '',
  };
}

/**
 * Maple: the Ruiz siblings (priority New family) tried once through Sofia; the Chens reached;
 * the Kims not reached after 3 attempts (the hand-off); the Diaz family tried once; the Parks
 * never called. Oak Middle: one family, never called.
 */
function district() {
  const emu = newTracker();
  addRows(emu, 'Roster', [
    ...MORE_ROSTER,
    {
      'Student ID': '00900',
      Student: 'Zoe Lane',
      School: 'Oak Middle',
      'Family Member': 'Kay Lane (mother)',
      Phone: '555-0900',
    },
  ]);
  addRows(emu, 'Call Log', [
    call(TEACHER2, 'Sofia Ruiz', '00124', 'No answer', '2026-11-16'),
    call(TEACHER, 'Liam Chen', '00200', 'Left message', '2026-11-09'),
    call(TEACHER, 'Liam Chen', '00200', 'Conversation', '2026-11-10'),
    call(TEACHER, 'Liam Chen', '00200', 'Conversation', '2026-11-12'),
    call(TEACHER2, 'Ava Kim', '00300', 'No answer', '2026-11-02'),
    call(TEACHER2, 'Ava Kim', '00300', 'Wrong number', '2026-11-04'),
    call(TEACHER2, 'Ava Kim', '00300', 'Left message', '2026-11-06'),
    call(TEACHER2, 'Noah Diaz', '00301', 'Left message', '2026-11-20'),
  ]);
  return emu;
}

describe('the Families tab', () => {
  const emu = district();
  const refresh = emu.run('refreshSummary', [], { user: OWNER });
  const rows = records(emu, 'Families');

  it('has one row per Roster household: siblings together, their calls counted once for the family', () => {
    expect(rows).toHaveLength(6);
    const ruiz = rows.find((r) => String(r.Students).includes('Mateo Ruiz'));
    expect(ruiz).toEqual({
      School: 'Maple Elementary',
      Students: 'Mateo Ruiz, Sofia Ruiz',
      'Family Member': 'Ana Ruiz (grandmother)',
      Phone: '555-0101',
      'Home Language': 'Spanish',
      Priority: 'New family',
      'Assigned To': 'Ms. Ortiz, Mr. Nguyen',
      Attempts: 1,
      'Last Attempt': expect.any(Date),
      'Reached By': '',
      'Reached On': '',
      Status: 'Trying',
      Household: expect.any(String),
    });
  });

  it('says who reached a family first, and when', () => {
    const chen = rows.find((r) => r.Students === 'Liam Chen');
    expect(chen).toMatchObject({ Attempts: 3, 'Reached By': 'Ms. Ortiz', Status: 'Reached' });
    expect(
      tab(emu, 'Families')
        .getRange(rows.indexOf(chen!) + 2, 11)
        .getDisplayValue(),
    ).toBe('2026-11-10');
  });

  it('lists the families still waiting first in each school, priority first; hand-off after 3 attempts', () => {
    expect(rows.map((r) => [r.School, r.Students, r.Status])).toEqual([
      ['Maple Elementary', 'Mateo Ruiz, Sofia Ruiz', 'Trying'],
      ['Maple Elementary', 'Eli Park', 'Not yet called'],
      ['Maple Elementary', 'Noah Diaz', 'Trying'],
      ['Maple Elementary', 'Ava Kim', 'Hand-off'],
      ['Maple Elementary', 'Liam Chen', 'Reached'],
      ['Oak Middle', 'Zoe Lane', 'Not yet called'],
    ]);
  });

  it('is written in one setValues, with a filter on the header row and its key hidden', () => {
    // One write each: the Kims' hand-off on Follow-ups, Sidebar Data, Families, the Summary and the Rollup.
    expect(refresh.calls.filter((c) => c === 'Range.setValues')).toHaveLength(5);
    const sheet = tab(emu, 'Families');
    expect(sheet.getRange(1, 1, 1, FAMILIES.columns.length).getValues()[0]).toEqual(
      FAMILIES.columns.map((c) => c.header),
    );
    expect(sheet.getFrozenRows()).toBe(1);
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:M7');
    // The household's key, by which a refresh finds the family's row: nothing for people to read.
    expect(sheet.isColumnHiddenByUser(FAMILIES.columns.findIndex((c) => c.key === 'household') + 1)).toBe(
      true,
    );
  });

  it('a second refresh gives the same tab, with one filter', () => {
    const before = records(emu, 'Families');
    emu.run('refreshSummary', [], { user: OWNER });
    expect(records(emu, 'Families')).toEqual(before);
    expect(tab(emu, 'Families').getFilter()?.getRange().getA1Notation()).toBe('A1:M7');
  });

  it('costs the same service calls for 200 and 100,000 call rows, but for the log read and the state written in blocks', () => {
    const calls = (n: number) => {
      const e = newTracker();
      addRows(
        e,
        'Call Log',
        Array.from({ length: n }, () => call(TEACHER, 'Liam Chen', '00200', 'No answer', '2026-11-02')).map(
          (r, i) => ({ ...r, 'Call ID': `C-N${i}` }),
        ),
      );
      return e.run('refreshSummary', [], { user: OWNER }).serviceCalls;
    };
    // 19 more blocks of 5,000 rows, each read as three runs of adjacent columns (the long text
    // around OK to Quote left out), and one more batch of the school's stored state written (a
    // megabyte at a time).
    expect(calls(100_000)).toBe(calls(200) + 19 * 6 + 7);
  });
});
