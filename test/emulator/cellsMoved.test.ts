import { emulate } from './helpers';

describe('cells moved per execution', () => {
  test('reads and writes count the cells they move; a one-cell getter counts one', () => {
    const emu = emulate(`
      function work() {
        var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
        sheet.getRange(1, 1, 3, 4).setValues([[1,2,3,4],[5,6,7,8],[9,10,11,12]]);
        sheet.getRange(1, 1, 3, 4).getValues();
        sheet.getRange(2, 2).getValue();
        sheet.getRange(1, 1, 2, 2).getNotes();
        sheet.appendRow(['a', 'b']);
        sheet.getRange(1, 1, 10, 1).setNumberFormat('@');
        return true;
      }`);
    const ex = emu.run('work');
    expect([ex.cellsRead, ex.cellsWritten]).toEqual([12 + 1 + 4, 12 + 2]);
  });

  test('calls made while holding a lock are counted apart', () => {
    const emu = emulate(`
      function locked() {
        var lock = LockService.getDocumentLock();
        lock.tryLock(1000);
        SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1').setValue('x');
        lock.releaseLock();
        SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1:B2').getValues();
      }`);
    // getActive, getSheetByName, getRange, setValue and releaseLock run while the lock is held.
    const ex = emu.run('locked');
    expect(ex.lockHeldCalls).toBe(5);
    expect([ex.lockHeldCellsRead, ex.lockHeldCellsWritten]).toEqual([0, 1]);
  });
});

describe('TextFinder', () => {
  const code = `
    function setUp() {
      SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange(1, 1, 4, 2)
        .setValues([['C-1', 'x'], ['c-10', 'y'], ['C-2', 'C-1'], ['', 'C-1 again']]);
    }
    function find(text, entire, matchCase) {
      var finder = SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange(1, 1, 4, 2).createTextFinder(text);
      if (entire) finder.matchEntireCell(true);
      if (matchCase) finder.matchCase(true);
      return finder.findAll().map(function (r) { return r.getA1Notation(); });
    }
    function regex(pattern, entire) {
      var finder = SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange(1, 1, 4, 2)
        .createTextFinder(pattern).useRegularExpression(true);
      if (entire) finder.matchEntireCell(true);
      return finder.findAll().map(function (r) { return r.getA1Notation(); });
    }
    function first(text) {
      var found = SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1:A4')
        .createTextFinder(text).matchEntireCell(true).findNext();
      return found ? found.getRow() : null;
    }`;

  test('finds row by row, whole cells or parts, any case unless asked', () => {
    const emu = emulate(code);
    emu.run('setUp');
    expect(emu.run('find', ['C-1', true, false]).value).toEqual(['A1', 'B3']);
    expect(emu.run('find', ['c-1', false, false]).value).toEqual(['A1', 'A2', 'B3', 'B4']);
    expect(emu.run('find', ['c-1', false, true]).value).toEqual(['A2']);
    expect(emu.run('first', ['C-2']).value).toBe(3);
    expect(emu.run('first', ['C-9']).value).toBeNull();
  });

  test('a regular expression finds any of several values in one search', () => {
    const emu = emulate(code);
    emu.run('setUp');
    expect(emu.run('regex', ['C-1|C-2', true]).value).toEqual(['A1', 'A3', 'B3']);
    expect(emu.run('regex', ['^c-1', false]).value).toEqual(['A1', 'A2', 'B3', 'B4']);
    expect(() => emu.run('regex', ['C-(?=1)', false])).toThrow('not implemented');
  });

  test('moves no cell values to the script', () => {
    const emu = emulate(code);
    emu.run('setUp');
    const ex = emu.run('first', ['C-2']);
    expect(ex.cellsRead).toBe(0);
  });
});

describe('RangeList', () => {
  const code = `
    function mark() {
      var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      var list = sheet.getRangeList(['B2', 'D4:D5']);
      list.setValue('=1+1');
      sheet.getRangeList(['A1', 'C3']).setValue('Not urgent');
      return list.getRanges().map(function (r) { return r.getA1Notation(); });
    }
    function elsewhere() {
      SpreadsheetApp.getActive().getSheetByName('Sheet1').getRangeList(['Other!A1']);
    }`;

  test('sets each range as typed in one call, counting every cell written', () => {
    const emu = emulate(code);
    const ex = emu.run('mark');
    expect(ex.value).toEqual(['B2', 'D4:D5']);
    expect(ex.calls.filter((c) => c === 'RangeList.setValue')).toHaveLength(2);
    expect(ex.cellsWritten).toBe(3 + 2);
    const sheet = emu.spreadsheet.getSheetByName('Sheet1')!;
    expect(sheet.getRange('D5').getFormula()).toBe('=1+1');
    expect([
      sheet.getRange('A1').getValue(),
      sheet.getRange('C3').getValue(),
      sheet.getRange('B3').getValue(),
    ]).toEqual(['Not urgent', 'Not urgent', '']);
  });

  test('a range on another sheet is not found', () => {
    expect(() => emulate(code).run('elsewhere')).toThrow('Range not found');
  });
});
