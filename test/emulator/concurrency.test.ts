import { TEACHER, emulate } from './helpers';

const OTHER = 'other@district.example.org';
const CODE = `
  function submit(label) {
    var lock = LockService.getDocumentLock();
    lock.waitLock(10000);
    var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
    var row = sheet.getLastRow() + 1;
    busyWait_(100);
    sheet.getRange(row, 1, 1, 2).setValues([[label, Session.getActiveUser().getEmail()]]);
    lock.releaseLock();
    return { ok: true, row: row };
  }
  function unlocked(label) {
    var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
    var row = sheet.getLastRow() + 1;
    // Both read before either writes, however slow the machine: a barrier, not a sleep.
    set_('read-' + label);
    until_(label === 'first' ? 'read-second' : 'read-first');
    sheet.getRange(row, 1).setValue(label);
    return row;
  }
  function set_(key) { PropertiesService.getScriptProperties().setProperty(key, 'yes'); }
  function until_(key) {
    var end = new Date().getTime() + 20000;
    while (!PropertiesService.getScriptProperties().getProperty(key)) {
      if (new Date().getTime() > end) throw new Error('gave up waiting for ' + key);
    }
  }
  // The emulator clock is live in these tests, so this really waits (each Date is a call to the main thread).
  function busyWait_(ms) { var end = new Date().getTime() + ms; while (new Date().getTime() < end) {} }
  function holdLong() {
    var lock = LockService.getScriptLock();
    lock.waitLock(1000);
    set_('held');
    until_('tried');
    return 'held';
  }
  function tryShort() { until_('held'); var got = LockService.getScriptLock().tryLock(50); set_('tried'); return got; }
  function waitShort() {
    until_('held');
    try { LockService.getScriptLock().waitLock(50); } finally { set_('tried'); }
    return 'got';
  }
  function read() { return SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1').getValues(); }
  function bad() { SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange(0, 1); }
  function dated() { return { at: new Date() }; }
`;

jest.setTimeout(30000);
const live = { now: undefined };

describe('runConcurrently (worker threads)', () => {
  test('two concurrent submits holding the document lock both land, one after the other', async () => {
    const emu = emulate(CODE, live);
    const [a, b] = await emu.runConcurrently([
      { fn: 'submit', args: ['first'], user: TEACHER, client: true },
      { fn: 'submit', args: ['second'], user: OTHER, client: true },
    ]);
    const rows = [(a.value as { row: number }).row, (b.value as { row: number }).row].sort();
    expect(rows).toEqual([1, 2]);
    const values = emu.spreadsheet.getRange('A1:B2').getValues();
    expect(values.map((r) => r[0]).sort()).toEqual(['first', 'second']);
    expect(values.find((r) => r[0] === 'first')![1]).toBe(TEACHER);
    expect(a.user).toBe(TEACHER);
    expect(a.calls).toEqual([
      'LockService.getDocumentLock',
      'Lock.waitLock',
      'SpreadsheetApp.getActive',
      'Spreadsheet.getSheetByName',
      'Sheet.getLastRow',
      'Sheet.getRange',
      'Session.getActiveUser',
      'User.getEmail',
      'Range.setValues',
      'Lock.releaseLock',
    ]);
  });

  test('without the lock, concurrent read-then-write loses a row (the race locks prevent)', async () => {
    const emu = emulate(CODE, live);
    const [a, b] = await emu.runConcurrently([
      { fn: 'unlocked', args: ['first'], user: TEACHER },
      { fn: 'unlocked', args: ['second'], user: OTHER },
    ]);
    expect(a.value).toBe(1);
    expect(b.value).toBe(1);
    expect(emu.spreadsheet.getSheetByName('Sheet1')!.getLastRow()).toBe(1);
  });

  test('tryLock gives up and waitLock times out while another execution holds the lock', async () => {
    const emu = emulate(CODE, live);
    const results = await emu.runConcurrently([
      { fn: 'holdLong', user: TEACHER },
      { fn: 'tryShort', user: OTHER },
    ]);
    expect(results.map((r) => r.value)).toEqual(['held', false]);
    await expect(
      emulate(CODE, live).runConcurrently([
        { fn: 'holdLong', user: TEACHER },
        { fn: 'waitShort', user: OTHER },
      ]),
    ).rejects.toThrow('Lock timeout: another process was holding the lock for too long.');
  });

  test('values cross by value: Dates, arrays; client calls drop Date results to null; errors keep their message', async () => {
    const emu = emulate(CODE, live);
    emu.spreadsheet.getRange('A1').setValue('2026-09-03');
    const [read, dated, clientDated] = await emu.runConcurrently([
      { fn: 'read', user: TEACHER },
      { fn: 'dated', user: TEACHER },
      { fn: 'dated', user: TEACHER, client: true },
    ]);
    expect(read.value).toEqual([[new Date('2026-09-03T05:00:00Z')]]);
    expect((dated.value as { at: Date }).at).toBeInstanceOf(Date);
    expect(Math.abs((dated.value as { at: Date }).at.getTime() - Date.now())).toBeLessThan(10000);
    expect(clientDated.value).toBeNull();
    await expect(emu.runConcurrently([{ fn: 'bad', user: TEACHER }])).rejects.toThrow(
      'The starting row of the range is too small.',
    );
  });
});
