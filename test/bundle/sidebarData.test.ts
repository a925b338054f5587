/**
 * Issue 15, "Generated tabs are the add-on's": what the sidebar shows from Sidebar Data is
 * verified before it is shown. A principal may edit the tab; what they type there reaches no
 * teacher, and their own refresh still works.
 */
import type { CallFormData } from '../../src/contract';
import { addCallRows, addRows, newTracker, OWNER, PRINCIPAL, records, tab } from './helpers';

const OAK_TEACHER = 'lane@district.example.org';

function tracker() {
  const emu = newTracker();
  addRows(emu, 'Staff', [
    { Email: OAK_TEACHER, Name: 'Mr. Lane', School: 'Oak Middle', Role: 'Teacher', 'Call Goal': 4 },
  ]);
  addRows(emu, 'Roster', [
    {
      'Student ID': '00900',
      Student: 'Zoe Lane',
      Grade: '7',
      School: 'Oak Middle',
      'Family Member': 'Kay Lane (mother)',
      Phone: '555-0900',
      'Assigned To': OAK_TEACHER,
    },
  ]);
  addCallRows(emu, 300);
  emu.run('refreshSummary', [], { user: OWNER });
  return emu;
}

function students(emu: ReturnType<typeof newTracker>, user: string): string[] {
  const form = emu.callFromClient('getCallFormData', [], { user }).value as CallFormData;
  return form.families.map((f) => f.student);
}

describe('Sidebar Data is verified before it is shown', () => {
  it("a principal's edit of another school's part shows nothing of it to that school's teachers", () => {
    const emu = tracker();
    expect(students(emu, OAK_TEACHER)).toEqual(['Zoe Lane']);
    // Maple's principal rewrites Oak's stored part, keeping it well formed, with a name of theirs.
    const rows = records(emu, 'Sidebar Data');
    const at = rows.findIndex((r) => String(r.Data).includes('Zoe Lane'));
    expect(at).toBeGreaterThanOrEqual(0);
    const data = tab(emu, 'Sidebar Data').getRange(1, 1, 1, 4).getValues()[0].indexOf('Data');
    const forged = String(rows[at].Data).replace('Zoe Lane', 'Call 555-0199 about a refund');
    const cell = tab(emu, 'Sidebar Data')
      .getRange(at + 2, data + 1)
      .getA1Notation();
    emu.edit('Sidebar Data', cell, [[forged]], { user: PRINCIPAL });
    emu.dropCaches();
    expect(students(emu, OAK_TEACHER)).toEqual(['Zoe Lane']);
  });

  it("the principal's own refresh still works, and rewrites what was altered", () => {
    const emu = tracker();
    const rows = records(emu, 'Sidebar Data');
    const at = rows.findIndex((r) => String(r.Data).includes('Zoe Lane'));
    const cell = tab(emu, 'Sidebar Data')
      .getRange(at + 2, 3)
      .getA1Notation();
    emu.edit('Sidebar Data', cell, [['{}']], { user: PRINCIPAL });
    emu.dropCaches();
    emu.run('refreshSummary', [], { user: PRINCIPAL });
    expect(emu.ui.toasts.at(-1)?.message).toMatch(/^Summary and Families refreshed/);
    expect(records(emu, 'Sidebar Data').some((r) => String(r.Data).includes('Zoe Lane'))).toBe(true);
    emu.dropCaches();
    const open = emu.callFromClient('getCallFormData', [], { user: OAK_TEACHER });
    expect((open.value as CallFormData).families.map((f) => f.student)).toEqual(['Zoe Lane']);
    // Read from the stored parts again, not from the whole log's 300 rows.
    expect(open.cellsRead).toBeLessThan(300);
  });
});
