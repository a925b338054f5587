import {
  addCallRows,
  addRows,
  headersOf,
  newTracker,
  OWNER,
  PRINCIPAL,
  pastedCalls,
  records,
  tab,
  TEACHER,
} from './helpers';

const NOTE_PREFIX = '⚠ Relationship Calls: ';

function a1(column: number, row: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return `${s}${row}`;
}

function marked(emu: ReturnType<typeof newTracker>): string[] {
  const log = tab(emu, 'Call Log');
  const headers = headersOf(emu, 'Call Log');
  const notes = log.getRange(1, 1, log.getLastRow(), headers.length).getNotes();
  const out: string[] = [];
  notes.forEach((row, r) =>
    row.forEach((note, c) => {
      if (note.startsWith(NOTE_PREFIX)) out.push(`${headers[c]}@${r + 1}`);
    }),
  );
  return out.sort();
}

describe('hand edits to the Call Log', () => {
  it('a paste of 100 rows, good and bad mixed, marks exactly the bad cells', () => {
    const emu = newTracker();
    const headers = headersOf(emu, 'Call Log');
    const rows = pastedCalls(100);
    const expected: string[] = [];
    rows.forEach((row, i) => {
      const sheetRow = i + 2;
      if (i % 10 === 1) {
        row.Method = 'Carrier pigeon';
        expected.push(`Method@${sheetRow}`);
      }
      if (i % 10 === 2) {
        row['Call Date'] = '2027-01-05';
        expected.push(`Call Date@${sheetRow}`);
      }
      if (i % 10 === 3) {
        row.Outcome = 'Conversation';
        row['Family Member'] = '';
        expected.push(`Family Member@${sheetRow}`);
      }
      if (i % 10 === 4) {
        row.Student = '';
        expected.push(`Student@${sheetRow}`);
      }
    });
    const values = rows.map((r) => headers.map((h) => (h in r ? r[h] : '')));
    emu.edit('Call Log', `A2:${a1(headers.length, 101)}`, values, { user: TEACHER });
    expect(marked(emu)).toEqual(expected.sort());
    const log = tab(emu, 'Call Log');
    const methodCol = headers.indexOf('Method') + 1;
    expect(log.getRange(3, methodCol).getNote()).toContain('Method must be one of: Phone');
    expect(log.getRange(3, methodCol).getBackground()).toBe('#fce8e6');
    expect(log.getRange(2, methodCol).getBackground()).toBe('#ffffff');
  });

  it('fixing a bad cell clears its note and highlight; a person’s own note stays', () => {
    const emu = newTracker();
    addRows(emu, 'Call Log', pastedCalls(1));
    const headers = headersOf(emu, 'Call Log');
    const method = a1(headers.indexOf('Method') + 1, 2);
    const notesCell = a1(headers.indexOf('Notes') + 1, 2);
    tab(emu, 'Call Log').getRange(notesCell).setNote('Ask about the bus');
    emu.edit('Call Log', method, [['Fax']], { user: TEACHER });
    expect(marked(emu)).toEqual(['Method@2']);
    emu.edit('Call Log', method, [['Video']], { user: TEACHER });
    expect(marked(emu)).toEqual([]);
    expect(tab(emu, 'Call Log').getRange(method).getBackground()).toBe('#ffffff');
    expect(tab(emu, 'Call Log').getRange(notesCell).getNote()).toBe('Ask about the bus');
  });

  it('marks typing into a column the add-on fills', () => {
    const emu = newTracker();
    addRows(emu, 'Call Log', pastedCalls(1));
    const headers = headersOf(emu, 'Call Log');
    emu.edit('Call Log', a1(headers.indexOf('Staff Name') + 1, 2), [['Somebody else']], { user: TEACHER });
    expect(marked(emu)).toEqual(['Staff Name@2']);
    expect(
      tab(emu, 'Call Log')
        .getRange(a1(headers.indexOf('Staff Name') + 1, 2))
        .getNote(),
    ).toContain('filled in by the add-on');
  });

  it('edits elsewhere are left alone and send no mail', () => {
    const emu = newTracker();
    const execution = emu.edit('Roster', 'B5', [['New Student']], { user: OWNER });
    expect(execution?.calls.some((c) => c.startsWith('Range.setNotes'))).toBe(false);
    expect(emu.outbox).toHaveLength(0);
  });

  it("onEdit's service calls do not grow with the sheet: 1,000 rows vs 50,000", () => {
    const calls = (n: number) => {
      const emu = newTracker();
      addCallRows(emu, n);
      const headers = headersOf(emu, 'Call Log');
      return emu.edit('Call Log', a1(headers.indexOf('Method') + 1, n), [['Fax']], { user: TEACHER })
        ?.serviceCalls;
    };
    const small = calls(1_000);
    expect(small).toBeGreaterThan(0);
    expect(calls(50_000)).toBe(small);
  });
});

describe('bulk edits stay inside the simple trigger’s 30 seconds', () => {
  /** A refreshed tracker with 1,000 calls, then `n` rows pasted below them. */
  function pasted(n: number) {
    const emu = newTracker();
    addCallRows(emu, 1_000);
    emu.run('refreshSummary', [], { user: OWNER });
    const headers = headersOf(emu, 'Call Log');
    const sheet = tab(emu, 'Call Log');
    sheet.insertRowsAfter(sheet.getMaxRows(), 500);
    const rows = pastedCalls(n, 5_000).map((r) => headers.map((h) => (h in r ? r[h] : '')));
    const paste = emu.edit('Call Log', `A1002:${a1(headers.length, 1_001 + n)}`, rows, { user: TEACHER });
    return {
      emu,
      headers,
      paste: paste!,
      urgent: a1(headers.indexOf('Urgent') + 1, 1_002).replace(/\d+$/, ''),
    };
  }

  it('a paste of 500 rows makes the service calls a paste of 5 does', () => {
    const [five, many] = [5, 500].map((n) => pasted(n).paste);
    expect(many.serviceCalls).toBe(five.serviceCalls);
    // Constant: the identity of the pasted rows (their Call IDs looked for elsewhere with one search) included.
    expect(five.serviceCalls).toBe(40);
  });

  it('pasting 500 copies of logged rows makes the service calls 5 copies do, and each copy gets its own Call ID', () => {
    const copies = (n: number) => {
      const { emu, headers, paste } = pasted(n);
      const log = tab(emu, 'Call Log');
      const block = log.getRange(1_002, 1, n, headers.length).getValues();
      const first = 1_002 + n;
      const again = emu.edit('Call Log', `A${first}:${a1(headers.length, first + n - 1)}`, block, {
        user: TEACHER,
      })!;
      const ids = records(emu, 'Call Log').map((r) => String(r['Call ID']));
      expect(new Set(ids).size).toBe(ids.length);
      expect(paste.serviceCalls).toBeGreaterThan(0);
      return again.serviceCalls;
    };
    expect(copies(500)).toBe(copies(5));
  });

  it('unticking Urgent on 500 rows makes the service calls 5 do, and closes every follow-up', () => {
    const untick = (n: number) => {
      const { emu, urgent } = pasted(n);
      const column = `${urgent}1002:${urgent}${1_001 + n}`;
      emu.edit(
        'Call Log',
        column,
        Array.from({ length: n }, () => [true]),
        { user: TEACHER },
      );
      emu.run('refreshSummary', [], { user: OWNER });
      // The owner, who may untick anyone's call (a teacher's untick of a colleague's is undone).
      const edit = emu.edit(
        'Call Log',
        column,
        Array.from({ length: n }, () => [false]),
        { user: OWNER },
      )!;
      const closed = records(emu, 'Follow-ups').filter((f) => f.Status === 'Not urgent');
      expect(closed).toHaveLength(n);
      return edit;
    };
    const [five, many] = [5, 500].map(untick);
    expect(many.serviceCalls).toBe(five.serviceCalls);
    expect(five.serviceCalls).toBe(65);
  });
});

describe('Check call log', () => {
  it('lists each kind of bad row with its row number', () => {
    const emu = newTracker();
    const rows = pastedCalls(9);
    rows[1]['Call Date'] = '2027-01-05'; // row 3: future
    rows[2]['Call Date'] = '2026-07-01'; // row 4: before the start date
    rows[3].Method = 'Fax'; // row 5
    rows[4].Student = ''; // row 6
    rows[5].Outcome = 'Conversation';
    rows[5]['Family Member'] = ''; // row 7
    rows[6].Notes = 'x'.repeat(5001); // row 8
    rows[7]['Call ID'] = rows[0]['Call ID']; // row 9: duplicate
    rows[8]['Staff Email'] = 'stranger@x.org'; // row 10
    addRows(emu, 'Call Log', rows);
    emu.run('checkCallLog', [], { user: TEACHER });
    const html = emu.ui.dialogs.at(-1)?.html ?? '';
    const expectRow = (row: number, text: string) =>
      expect(html).toMatch(new RegExp(`<td>${row}</td><td>[^<]+</td><td>[^<]*${text}`));
    expectRow(3, 'can&#39;t be in the future');
    expectRow(4, 'before the Calls Start Date');
    expectRow(5, 'Method must be one of');
    expectRow(6, 'Enter the student');
    expectRow(7, 'Say who you spoke with');
    expectRow(8, 'the limit is 5,000');
    expectRow(9, 'also on row 2');
    expectRow(10, 'stranger@x.org is not on the Staff tab');
    expect(html).toContain('8 problems in 8 of 9 rows');
  });

  it('says so when every row is fine, and escapes what people typed', () => {
    const emu = newTracker();
    addRows(emu, 'Call Log', pastedCalls(3));
    emu.run('checkCallLog', [], { user: TEACHER });
    expect(emu.ui.dialogs.at(-1)?.html).toContain('All 3 rows of the Call Log follow the rules');
    const bad = pastedCalls(1, 3);
    bad[0].Method = '<img src=x onerror=alert(1)>';
    addRows(emu, 'Call Log', bad);
    emu.run('checkCallLog', [], { user: TEACHER });
    expect(emu.ui.dialogs.at(-1)?.html).not.toContain('<img');
  });

  it('a renamed header is a clear error that names the column and the fix', () => {
    const emu = newTracker();
    const headers = headersOf(emu, 'Call Log');
    tab(emu, 'Call Log')
      .getRange(1, headers.indexOf('Outcome') + 1)
      .setValue('Result');
    emu.run('checkCallLog', [], { user: TEACHER });
    expect(emu.ui.alerts.at(-1)?.prompt).toBe(
      'The Call Log tab has no "Outcome" column in row 1. Run Relationship Calls → Set up tracker to repair it.',
    );
  });

  it('reads the log once: service calls are the same for 1,000 and 50,000 rows', () => {
    const calls = (n: number) => {
      const emu = newTracker();
      addCallRows(emu, n);
      return emu.run('checkCallLog', [], { user: TEACHER }).serviceCalls;
    };
    expect(calls(50_000)).toBe(calls(1_000));
  });

  it('is the same check the Summary counts', () => {
    const emu = newTracker();
    const rows = pastedCalls(4);
    rows[0].Method = 'Fax';
    addRows(emu, 'Call Log', rows);
    emu.run('refreshSummary', [], { user: PRINCIPAL });
    const text = records(emu, 'Summary')
      .flatMap((r) => Object.values(r))
      .join(' ');
    expect(text).toContain(
      '1 row of the Call Log breaks its rules: Relationship Calls → Check call log lists them with what to fix.',
    );
  });
});
