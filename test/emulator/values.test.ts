import type { EmuSheet } from '../../dev/emulator';
import { emulate } from './helpers';

function setup(code = 'function noop() {}', opts = {}) {
  const emu = emulate(code, opts);
  const sheet = emu.spreadsheet.getSheetByName('Sheet1') as EmuSheet;
  return { emu, sheet };
}

describe('getValues', () => {
  test("returns '' for empty cells, numbers, booleans and Dates; never null or undefined", () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['text', 5, true]]);
    sheet.getRange('A2').setValue(new Date('2026-09-03T05:00:00Z'));
    const values = sheet.getRange('A1:D2').getValues();
    expect(values).toEqual([
      ['text', 5, true, ''],
      [new Date('2026-09-03T05:00:00Z'), '', '', ''],
    ]);
  });

  test('a typed date is midnight in the spreadsheet time zone', () => {
    const chicago = setup().sheet;
    chicago.getRange('A1').setValue('2026-09-03');
    expect((chicago.getRange('A1').getValue() as Date).toISOString()).toBe('2026-09-03T05:00:00.000Z');
    const tokyo = setup('function f() {}', { timeZone: 'Asia/Tokyo' }).sheet;
    tokyo.getRange('A1').setValue('9/3/2026');
    expect((tokyo.getRange('A1').getValue() as Date).toISOString()).toBe('2026-09-02T15:00:00.000Z');
  });

  test('dates on both sides of a DST change are midnight local time', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['2026-03-07', '2026-03-09']]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([
      [new Date('2026-03-07T06:00:00Z'), new Date('2026-03-09T05:00:00Z')],
    ]);
  });

  test('a number in a date-formatted cell reads back as a Date; date cells read as numbers once reformatted', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('yyyy-mm-dd').setValue(46268);
    expect(sheet.getRange('A1').getValue()).toEqual(new Date('2026-09-03T05:00:00Z'));
    sheet.getRange('A1').setNumberFormat('0');
    expect(sheet.getRange('A1').getValue()).toBe(46268);
  });

  test('a script-written Date gets a date-time format', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(new Date('2026-09-03T19:30:00Z'));
    expect(sheet.getRange('A1').getNumberFormat()).toBe('M/d/yyyy H:mm:ss');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('9/3/2026 14:30:00');
  });
});

describe('setValues', () => {
  test('throws when the data has the wrong number of rows or columns', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1:B2').setValues([[1, 2]])).toThrow(
      'The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
    );
    expect(() =>
      sheet.getRange('A1:B2').setValues([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    ).toThrow(
      'The number of columns in the data does not match the number of columns in the range. The data has 3 but the range has 2.',
    );
    expect(sheet.getLastRow()).toBe(0);
  });

  test('setValue on a multi-cell range sets every cell', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B2').setValue('x');
    expect(sheet.getRange('A1:B2').getValues()).toEqual([
      ['x', 'x'],
      ['x', 'x'],
    ]);
  });

  test('null and undefined clear cells', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['a', 'b']]);
    sheet.getRange('A1:B1').setValues([[null, undefined]]);
    expect(sheet.getRange('A1:B1').getValues()).toEqual([['', '']]);
    expect(sheet.getLastRow()).toBe(0);
  });

  test('strings longer than 50,000 characters are refused', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue('x'.repeat(50001))).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    sheet.getRange('A1').setValue('x'.repeat(50000));
    expect((sheet.getRange('A1').getValue() as string).length).toBe(50000);
  });

  test('objects cannot be written (not implemented, never a silent guess)', () => {
    const { sheet } = setup();
    expect(() => sheet.getRange('A1').setValue({ a: 1 })).toThrow(
      'not implemented: writing a object to a cell',
    );
  });
});

describe('user-entered parsing of written strings', () => {
  test.each<[string, unknown, string]>([
    ['00123', 123, ''],
    ['1e3', 1000, ''],
    ['+1', 1, ''],
    ['-5', -5, ''],
    ['3.50', 3.5, ''],
    ['1,234', 1234, ''],
    ['50%', 0.5, ''],
    ['TRUE', true, ''],
    ['false', false, ''],
    ['hello', 'hello', ''],
    ["'=1+2", '=1+2', ''],
    ["'00123", '00123', ''],
    ['@mention', '@mention', ''],
    ['-', '-', ''],
    ['2026-02-30', '2026-02-30', ''],
    ['=1+2', 3, '=1+2'],
    ['+A1', '', '=+A1'],
  ])('%j becomes %j (formula %j)', (typed, value, formula) => {
    const { sheet } = setup();
    sheet.getRange('B1').setValue(typed);
    expect(sheet.getRange('B1').getFormula()).toBe(formula);
    if (formula === '=+A1') return;
    expect(sheet.getRange('B1').getValue()).toEqual(value);
  });

  test('a leading + or - on text makes a formula (the injection risk)', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['-call the office', '+SUM(A1)']]);
    expect(sheet.getRange('A1:B1').getFormulas()).toEqual([['=-call the office', '=+SUM(A1)']]);
  });

  test('date and date-time strings become dates with a format', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setValues([['2026-09-03', '9/3/2026', '2026-09-03 14:05']]);
    expect(sheet.getRange('A1:C1').getNumberFormats()).toEqual([
      ['yyyy-mm-dd', 'M/d/yyyy', 'yyyy-mm-dd H:mm:ss'],
    ]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([
      [new Date('2026-09-03T05:00:00Z'), new Date('2026-09-03T05:00:00Z'), new Date('2026-09-03T19:05:00Z')],
    ]);
    expect(sheet.getRange('A1:C1').getDisplayValues()).toEqual([
      ['2026-09-03', '9/3/2026', '2026-09-03 14:05:00'],
    ]);
  });

  test('percent and grouped numbers get formats', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setValues([['50%', '1,234']]);
    expect(sheet.getRange('A1:B1').getNumberFormats()).toEqual([['0%', '#,##0']]);
    expect(sheet.getRange('A1:B1').getDisplayValues()).toEqual([['50%', '1,234']]);
  });

  test('a plain-text (@) cell keeps strings literal, including =...', () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setNumberFormat('@');
    sheet.getRange('A1:C1').setValues([['=IMPORTXML("http://x")', '00123', '2026-09-03']]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['=IMPORTXML("http://x")', '00123', '2026-09-03']]);
    expect(sheet.getRange('A1:C1').getFormulas()).toEqual([['', '', '']]);
  });

  test('appendRow parses like setValues', () => {
    const { sheet } = setup();
    sheet.appendRow(['=2*3', '007', "'=x"]);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([[6, 7, '=x']]);
  });
});

describe('formulas', () => {
  test('getFormulas returns formulas; getValues evaluates trivial ones', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(2);
    sheet.getRange('B1:E1').setFormulas([['=A1*10', '="a"&"b"', '=(1+2)*3', "='Sheet1'!A1+1"]]);
    expect(sheet.getRange('B1:E1').getValues()).toEqual([[20, 'ab', 9, 3]]);
    expect(sheet.getRange('B1').getFormula()).toBe('=A1*10');
    expect(sheet.getRange('A1').getFormula()).toBe('');
  });

  test('anything else throws not implemented on read, but getFormulas still works', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('=IMPORTXML("https://evil.example", "//a")');
    expect(() => sheet.getRange('A1').getValues()).toThrow(
      'not implemented: evaluating formula =IMPORTXML("https://evil.example", "//a")',
    );
    expect(sheet.getRange('A1').getFormulas()).toEqual([['=IMPORTXML("https://evil.example", "//a")']]);
    expect(sheet.getLastRow()).toBe(1);
  });
});

describe('display values', () => {
  test('format numbers, booleans and dates by number format', () => {
    const { sheet } = setup();
    sheet.getRange('A1:F1').setValues([[1234.5, true, 0.256, 3, 'text', 7]]);
    sheet.getRange('A1').setNumberFormat('#,##0.00');
    sheet.getRange('C1').setNumberFormat('0.0%');
    sheet.getRange('D1').setNumberFormat('yyyy-mm-dd');
    expect(sheet.getRange('A1:F1').getDisplayValues()).toEqual([
      ['1,234.50', 'TRUE', '25.6%', '1900-01-02', 'text', '7'],
    ]);
  });

  test('date formats with month names, weekdays and 12-hour clocks', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue('2026-09-03 14:05');
    sheet.getRange('A1').setNumberFormat('dddd, mmmm d, yyyy h:mm am/pm');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('Thursday, September 3, 2026 2:05 pm');
    sheet.getRange('A1').setNumberFormat('mmm d');
    expect(sheet.getRange('A1').getDisplayValue()).toBe('Sep 3');
  });

  test('unsupported number formats are not implemented', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setValue(5).setNumberFormat('[Red]0;-0');
    expect(() => sheet.getRange('A1').getDisplayValues()).toThrow(
      'not implemented: display of number format',
    );
  });
});

describe('dimensions', () => {
  test('a new sheet is 1000 x 26; getLastRow/Column are 0 when empty', () => {
    const { sheet } = setup();
    expect([sheet.getMaxRows(), sheet.getMaxColumns(), sheet.getLastRow(), sheet.getLastColumn()]).toEqual([
      1000, 26, 0, 0,
    ]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1');
  });

  test('getLastRow/getLastColumn follow content; getDataRange spans it', () => {
    const { sheet } = setup();
    sheet.getRange('C5').setValue('x');
    sheet.getRange('B7').setValue(false);
    sheet.getRange('Z2').setNote('notes are not content');
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([7, 3]);
    expect(sheet.getDataRange().getA1Notation()).toBe('A1:C7');
  });

  test('ranges outside the sheet throw like Sheets', () => {
    const { sheet } = setup();
    const outside = 'The coordinates of the range are outside the dimensions of the sheet.';
    expect(() => sheet.getRange(1001, 1)).toThrow(outside);
    expect(() => sheet.getRange(1, 27)).toThrow(outside);
    expect(() => sheet.getRange(999, 1, 3, 1)).toThrow(outside);
    expect(() => sheet.getRange('A1:AA1')).toThrow(outside);
    expect(() => sheet.getRange(0, 1)).toThrow('The starting row of the range is too small.');
    expect(() => sheet.getRange(1, 0)).toThrow('The starting column of the range is too small.');
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow('The number of rows in the range must be at least 1.');
    expect(() => sheet.getRange('nonsense!!')).toThrow('Range not found');
  });

  test('appendRow writes after the last row and grows the sheet', () => {
    const { sheet } = setup();
    sheet.getRange(1000, 1).setValue('last');
    sheet.appendRow(['a', 'b']);
    expect(sheet.getMaxRows()).toBe(1001);
    expect(sheet.getRange(1001, 1, 1, 2).getValues()).toEqual([['a', 'b']]);
    sheet.appendRow(new Array(30).fill('x'));
    expect(sheet.getMaxColumns()).toBe(30);
  });

  test('insertRowsAfter / insertColumnsAfter add space and move cells', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').setValues([['one'], ['two']]);
    sheet.insertRowsAfter(1, 2);
    expect(sheet.getMaxRows()).toBe(1002);
    expect(sheet.getRange('A1:A4').getValues()).toEqual([['one'], [''], [''], ['two']]);
    sheet.insertColumnAfter(26);
    sheet.insertColumnsAfter(1, 1);
    expect(sheet.getMaxColumns()).toBe(28);
    sheet.getRange('B1').setValue('b');
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['one', 'b', '']]);
  });

  test('range coordinates, A1 notation and offset', () => {
    const { sheet } = setup();
    const r = sheet.getRange('B2:D5');
    expect([
      r.getRow(),
      r.getColumn(),
      r.getNumRows(),
      r.getNumColumns(),
      r.getLastRow(),
      r.getLastColumn(),
    ]).toEqual([2, 2, 4, 3, 5, 4]);
    expect(r.getA1Notation()).toBe('B2:D5');
    expect(r.offset(1, 1).getA1Notation()).toBe('C3:E6');
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe('B2');
    expect(sheet.getRange('A:B').getA1Notation()).toBe('A1:B1000');
    expect(r.getSheet().getName()).toBe('Sheet1');
    expect(r.isBlank()).toBe(true);
  });
});
