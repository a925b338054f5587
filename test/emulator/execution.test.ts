import { Emulator, type Execution } from '../../dev/emulator';
import { OWNER, TEACHER, emulate, writeProject } from './helpers';

describe('executions', () => {
  test('counts every service call of an execution, in order, by Class.method', () => {
    const emu = emulate(`
      function read() {
        var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
        var values = sheet.getRange(1, 1, 2, 2).getValues();
        Session.getActiveUser().getEmail();
        Utilities.formatDate(new Date(), 'UTC', 'yyyy');
        return values.length;
      }`);
    const ex = emu.run('read');
    expect(ex.value).toBe(2);
    expect(ex.calls).toEqual([
      'SpreadsheetApp.getActive',
      'Spreadsheet.getSheetByName',
      'Sheet.getRange',
      'Range.getValues',
      'Session.getActiveUser',
      'User.getEmail',
      'Utilities.formatDate',
    ]);
    expect(ex.serviceCalls).toBe(7);
    expect(ex.user).toBe(OWNER);
  });

  test('chained builder calls and methods returning this are counted', () => {
    const emu = emulate(`
      function build() {
        return SpreadsheetApp.newDataValidation().requireCheckbox().setAllowInvalid(false).build().getCriteriaType();
      }`);
    const ex = emu.run('build');
    expect(ex.value).toBe('CHECKBOX');
    expect(ex.calls).toEqual([
      'SpreadsheetApp.newDataValidation',
      'DataValidationBuilder.requireCheckbox',
      'DataValidationBuilder.setAllowInvalid',
      'DataValidationBuilder.build',
      'DataValidation.getCriteriaType',
    ]);
  });

  test('calls made by tests outside executions are not counted', () => {
    const emu = emulate(`function count() { return SpreadsheetApp.getActive().getName(); }`);
    emu.spreadsheet.getSheetByName('Sheet1')!.getRange('A1').setValue('x');
    expect(emu.run('count').serviceCalls).toBe(2);
  });

  test('run passes arguments and returns the value; the user defaults to the owner', () => {
    const emu = emulate(`function add(a, b) { return a + b; }`);
    const ex: Execution<number> = emu.run<number>('add', [2, 3], { user: TEACHER });
    expect(ex.value).toBe(5);
    expect(ex.user).toBe(TEACHER);
  });

  test('a missing function fails like Apps Script', () => {
    const emu = emulate(`function a() {}`);
    expect(() => emu.run('nope')).toThrow('Script function not found: nope');
  });

  test("a script error is rethrown with the execution's record attached", () => {
    const emu = emulate(`
      function fail() {
        SpreadsheetApp.getActive();
        console.log('about to fail');
        throw new Error('boom');
      }`);
    let caught: unknown;
    try {
      emu.run('fail');
    } catch (e) {
      caught = e;
    }
    expect((caught as Error).message).toBe('boom');
    const execution = (caught as { execution: Execution }).execution;
    expect(execution.calls).toEqual(['SpreadsheetApp.getActive']);
    expect(execution.logs).toEqual(['about to fail']);
  });

  test('service exceptions are Errors named Exception in the script realm', () => {
    const emu = emulate(`
      function probe() {
        try {
          SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange(0, 1);
        } catch (e) {
          return [e instanceof Error, e.name, e.message, String(e)];
        }
      }`);
    expect(emu.run('probe').value).toEqual([
      true,
      'Exception',
      'The starting row of the range is too small.',
      'Exception: The starting row of the range is too small.',
    ]);
  });

  test('Logger.log and console.* go to the execution logs', () => {
    const emu = emulate(`
      function logs() {
        Logger.log('count: %s', 3);
        Logger.log({ a: 1 });
        console.log('plain', 1);
        console.error('bad');
      }`);
    const ex = emu.run('logs');
    expect(ex.logs).toEqual(['count: 3', '{ a: 1 }', 'plain 1', 'bad']);
    expect(ex.calls).toEqual(['Logger.log', 'Logger.log']);
  });

  test('each execution starts with a fresh global scope, as in Apps Script', () => {
    const emu = emulate(`
      var cache = null;
      function remember() { cache = 'set'; return cache; }
      function recall() { return cache; }`);
    expect(emu.run('remember').value).toBe('set');
    expect(emu.run('recall').value).toBeNull();
    expect(typeof emu.global.recall).toBe('function');
  });

  test('calling a method the emulator does not implement throws not implemented', () => {
    const emu = emulate(`
      function merge() { SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1:B1').merge(); }
      function openByUrl() { SpreadsheetApp.openByUrl('x'); }
      function enumValue() { return SpreadsheetApp.BorderStyle.DOTTED; }`);
    expect(() => emu.run('merge')).toThrow('not implemented: Range.merge');
    expect(() => emu.run('openByUrl')).toThrow('not implemented: SpreadsheetApp.openByUrl');
    expect(() => emu.run('enumValue')).toThrow('not implemented: SpreadsheetApp.BorderStyle.DOTTED');
  });

  test('tests using the spreadsheet directly get not implemented for unknown methods too', () => {
    const emu = emulate(`function f() {}`);
    const range = emu.spreadsheet.getSheetByName('Sheet1')!.getRange('A1') as unknown as Record<
      string,
      () => void
    >;
    expect(() => range.merge()).toThrow('not implemented: Range.merge');
    expect(() => range.rect).not.toThrow();
    expect(typeof range.rect).toBe('function');
  });

  test('service objects print as their class name', () => {
    const emu = emulate(
      `function name() { return String(SpreadsheetApp.getActive()) + ' ' + SpreadsheetApp.getActive().getSheets()[0]; }`,
    );
    expect(emu.run('name').value).toBe('Spreadsheet Sheet');
  });
});

describe('clock and Date', () => {
  test('new Date() and Date.now() in the script read the emulator clock', () => {
    const emu = emulate(`function now() { return [new Date().toISOString(), Date.now()]; }`, {
      now: new Date('2026-09-08T15:00:00Z'),
    });
    expect(emu.run('now').value).toEqual(['2026-09-08T15:00:00.000Z', Date.parse('2026-09-08T15:00:00Z')]);
    emu.clock.advance(60000);
    expect((emu.run('now').value as unknown[])[0]).toBe('2026-09-08T15:01:00.000Z');
    emu.clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(emu.clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  test('Dates the emulator returns are instanceof Date in the script, and vice versa', () => {
    const emu = emulate(`
      function check() {
        var range = SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1');
        range.setValue(new Date(Date.UTC(2026, 8, 3, 5)));
        var back = range.getValue();
        return [back instanceof Date, new Date(5) instanceof Date, Object.prototype.toString.call(back)];
      }`);
    expect(emu.run('check').value).toEqual([true, true, '[object Date]']);
    expect(emu.spreadsheet.getSheetByName('Sheet1')!.getRange('A1').getValue()).toBeInstanceOf(Date);
  });

  test('without a fixed start the clock is live', () => {
    const emu = new Emulator();
    const before = Date.now();
    const now = emu.clock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThan(before + 5000);
  });
});

describe('onServiceCall hook', () => {
  test('runs after each counted call with the live execution; calls made inside it are not counted there', () => {
    const emu = emulate(`function two() { SpreadsheetApp.getActive().getName(); }`);
    const seen: Array<[string, number]> = [];
    emu.onServiceCall = (name, execution) => {
      seen.push([name, execution.serviceCalls]);
      emu.spreadsheet.getName();
    };
    const ex = emu.run('two');
    expect(seen).toEqual([
      ['SpreadsheetApp.getActive', 1],
      ['Spreadsheet.getName', 2],
    ]);
    expect(ex.serviceCalls).toBe(2);
  });

  test('load() reads the manifest and fails clearly without a code directory', () => {
    expect(() => new Emulator().load('/nonexistent/dir')).toThrow('Code directory not found');
    const dir = writeProject({
      code: 'function f() { return Session.getScriptTimeZone(); }',
      manifest: { timeZone: 'Europe/Paris' },
    });
    expect(new Emulator().load(dir).run('f').value).toBe('Europe/Paris');
  });
});
