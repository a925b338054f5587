import type { EmuSheet } from '../../dev/emulator';
import { OWNER, TEACHER, emulate } from './helpers';

const SpreadsheetAppOf = (emu: ReturnType<typeof emulate>) =>
  emu.global.SpreadsheetApp as typeof SpreadsheetApp;

function setup(code = 'function noop() {}') {
  const emu = emulate(code);
  const sheet = emu.spreadsheet.getSheetByName('Sheet1') as EmuSheet;
  return { emu, ss: emu.spreadsheet, sheet };
}

describe('Spreadsheet', () => {
  test('identity, owner, time zone and URL', () => {
    const { ss } = setup();
    expect(ss.getName()).toBe('Relationship Call Tracker');
    expect(ss.getOwner().getEmail()).toBe(OWNER);
    expect(ss.getSpreadsheetTimeZone()).toBe('America/Chicago');
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  test('getSheetByName returns null when missing and ignores case', () => {
    const { ss } = setup();
    expect(ss.getSheetByName('Missing')).toBeNull();
    expect(ss.getSheetByName('sheet1')!.getName()).toBe('Sheet1');
  });

  test('getSheetById finds a tab by its id whatever it is named now; null for an id no tab has', () => {
    const { ss } = setup();
    const log = ss.insertSheet('Call Log');
    const id = log.getSheetId();
    log.setName('Calls 2026');
    expect(ss.getSheetById(id)!.getName()).toBe('Calls 2026');
    expect(ss.getSheetByName('Call Log')).toBeNull();
    ss.deleteSheet(log);
    expect(ss.getSheetById(id)).toBeNull();
    // Ids are never reused: a new tab of the same name is another sheet.
    expect(ss.insertSheet('Call Log').getSheetId()).not.toBe(id);
  });

  test('insertSheet refuses a duplicate name (case-insensitive) and places the sheet at the index', () => {
    const { ss } = setup();
    const log = ss.insertSheet('Call Log');
    expect(() => ss.insertSheet('call log')).toThrow(
      'A sheet with the name "call log" already exists. Please enter another name.',
    );
    ss.insertSheet('First', 0);
    expect(ss.getSheets().map((s) => s.getName())).toEqual(['First', 'Sheet1', 'Call Log']);
    expect(log.getIndex()).toBe(3);
    expect(ss.getActiveSheet().getName()).toBe('First');
    expect(() => log.setName('Sheet1')).toThrow('A sheet with the name "Sheet1" already exists.');
  });

  test('deleteSheet removes a sheet but never the last one', () => {
    const { ss, sheet } = setup();
    const other = ss.insertSheet('Other');
    ss.deleteSheet(other);
    expect(ss.getSheets()).toHaveLength(1);
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the sheets in a document.");
  });

  test("getRange('Sheet!A1:B2') and the active sheet", () => {
    const { ss } = setup();
    const tab = ss.insertSheet("Kid's Tab");
    tab.getRange('B2').setValue('x');
    expect(ss.getRange("'Kid''s Tab'!B2").getValue()).toBe('x');
    ss.setActiveSheet(ss.getSheetByName('Sheet1')!);
    expect(ss.getActiveSheet().getName()).toBe('Sheet1');
    expect(ss.getRange('A1').getSheet().getName()).toBe('Sheet1');
    expect(() => ss.getRange('Nope!A1')).toThrow('Range not found');
  });

  test('toast is recorded', () => {
    const { emu } = setup(`function t() { SpreadsheetApp.getActive().toast('Saved', 'Tracker', 5); }`);
    emu.run('t');
    expect(emu.ui.toasts).toEqual([{ message: 'Saved', title: 'Tracker', timeoutSeconds: 5 }]);
  });
});

describe('Sheet layout', () => {
  test('frozen rows and columns, widths, tab color, hiding', () => {
    const { ss, sheet } = setup();
    sheet.setFrozenRows(1);
    sheet.setFrozenColumns(2);
    sheet.setColumnWidth(1, 240);
    sheet.setColumnWidths(2, 2, 80);
    sheet.setTabColor('#ABC');
    expect([sheet.getFrozenRows(), sheet.getFrozenColumns()]).toEqual([1, 2]);
    expect([1, 2, 3, 4].map((c) => sheet.getColumnWidth(c))).toEqual([240, 80, 80, 100]);
    expect(sheet.getTabColor()).toBe('#aabbcc');
    ss.insertSheet('Other');
    sheet.hideSheet();
    expect(sheet.isSheetHidden()).toBe(true);
    sheet.showSheet();
    expect(sheet.isSheetHidden()).toBe(false);
  });

  test('deleteColumns moves cells, widths, hidden columns, protections and rules left; what was wholly deleted goes', () => {
    const { emu, ss, sheet } = setup();
    sheet.getRange('A1:E1').setValues([['a', 'b', 'c', 'd', 'e']]);
    sheet.setColumnWidth(5, 250);
    sheet.hideColumns(3);
    sheet.hideColumns(5);
    sheet.getRange('B1').protect().setDescription('on B');
    sheet.getRange('D1:E1').protect().setDescription('on D:E');
    const rule = SpreadsheetAppOf(emu).newConditionalFormatRule().whenCellEmpty().setBackground('#ff0000');
    sheet.setConditionalFormatRules([rule.setRanges([sheet.getRange('A2:E9') as never]).build() as never]);
    sheet.deleteColumns(2, 2);
    expect(sheet.getMaxColumns()).toBe(24);
    expect(sheet.getRange('A1:C1').getValues()).toEqual([['a', 'd', 'e']]);
    expect(sheet.getColumnWidth(3)).toBe(250);
    expect([1, 2, 3].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, false, true]);
    expect(ss.getProtections('RANGE').map((p) => [p.getDescription(), p.getRange().getA1Notation()])).toEqual(
      [['on D:E', 'B1:C1']],
    );
    expect(sheet.getConditionalFormatRules()[0].getRanges()[0].getA1Notation()).toBe('A2:C9');
    sheet.deleteColumn(24);
    expect(sheet.getMaxColumns()).toBe(23);
  });

  test('deleteRows shrinks the open rows of a sheet protection; bounds and the last non-frozen rows are refused as in Sheets', () => {
    const { ss, sheet } = setup();
    sheet.setFrozenRows(1);
    const protection = sheet.protect();
    protection.setUnprotectedRanges([sheet.getRange('A2:Z1000')]);
    sheet.getRange('A600').setValue('kept');
    sheet.deleteRows(100, 400);
    expect(sheet.getMaxRows()).toBe(600);
    expect(sheet.getRange('A200').getValue()).toBe('kept');
    expect(protection.getUnprotectedRanges().map((r) => r.getA1Notation())).toEqual(['A2:Z600']);
    expect(() => sheet.deleteRows(590, 20)).toThrow('Those rows are out of bounds.');
    expect(() => sheet.deleteRows(2, 599)).toThrow(
      'Sorry, it is not possible to delete all non-frozen rows.',
    );
    expect(() => sheet.deleteColumns(1, 26)).toThrow(
      'Sorry, it is not possible to delete all non-frozen columns.',
    );
    sheet.deleteRow(2);
    expect([sheet.getMaxRows(), sheet.getFrozenRows(), ss.getProtections('SHEET').length]).toEqual([
      599, 1, 1,
    ]);
  });

  test('a sheet protection keeps people who may not edit it from deleting rows, even rows left open to them', () => {
    const { emu, sheet } = setup();
    const protection = sheet.protect();
    protection.removeEditors(protection.getEditors());
    protection.setUnprotectedRanges([sheet.getRange('A2:Z1000')]);
    emu.asPerson(TEACHER, () => sheet.getRange('A5').setValue('typed'));
    expect(() => emu.asPerson(TEACHER, () => sheet.deleteRows(5, 1))).toThrow('protected cell or object');
    sheet.deleteRows(5, 1);
    expect(sheet.getRange('A5').getValue()).toBe('');
  });

  test('hidden columns: hidden and shown by position, moved by inserted columns, kept by clear()', () => {
    const { sheet } = setup();
    sheet.hideColumns(3);
    sheet.hideColumns(5, 2);
    expect([2, 3, 4, 5, 6, 7].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([
      false,
      true,
      false,
      true,
      true,
      false,
    ]);
    sheet.insertColumnsBefore(1, 1);
    sheet.clear();
    expect([3, 4, 6, 7].map((c) => sheet.isColumnHiddenByUser(c))).toEqual([false, true, true, true]);
    sheet.showColumns(6, 2);
    expect(sheet.isColumnHiddenByUser(6)).toBe(false);
    expect(() => sheet.hideColumns(28)).toThrow(
      'The coordinates of the range are outside the dimensions of the sheet.',
    );
  });

  test('after autoResizeColumns the width is unknown: reading it is not implemented', () => {
    const { sheet } = setup();
    sheet.autoResizeColumns(1, 2);
    expect(() => sheet.getColumnWidth(1)).toThrow(
      'not implemented: Sheet.getColumnWidth after autoResizeColumns',
    );
  });

  test('inserting rows above keeps frozen rows and protections with their cells', () => {
    const { emu, sheet } = setup();
    sheet.setFrozenRows(2);
    const p = sheet.getRange('A5:B6').protect();
    sheet.insertRowsAfter(1, 3);
    expect(sheet.getFrozenRows()).toBe(5);
    expect(p.getRange().getA1Notation()).toBe('A8:B9');
    expect(emu.toJSON().protections[0].rect).toEqual({ row: 8, col: 1, numRows: 2, numCols: 2 });
  });
});

describe('formats and notes', () => {
  test('notes are stored and read back', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNote('Check the date');
    sheet.getRange('B1:C1').setNotes([['one', '']]);
    expect(sheet.getRange('A1:C1').getNotes()).toEqual([['Check the date', 'one', '']]);
    sheet.getRange('A1').clearNote();
    expect(sheet.getRange('A1').getNote()).toBe('');
    sheet.clearNotes();
    expect(sheet.getRange('B1').getNote()).toBe('');
  });

  test('backgrounds: hex normalized, null clears to white', () => {
    const { sheet } = setup();
    sheet.getRange('A1:B1').setBackground('#FFF2CC');
    sheet.getRange('C1:D1').setBackgrounds([['red', null]]);
    expect(sheet.getRange('A1:D1').getBackgrounds()).toEqual([['#fff2cc', '#fff2cc', '#ff0000', '#ffffff']]);
    sheet.getRange('A1').setBackground(null);
    expect(sheet.getRange('A1').getBackground()).toBe('#ffffff');
  });

  test('font weight, color, style, wrap and alignment read back', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1:B1');
    r.setFontWeight('bold').setFontColor('#1155CC').setFontStyle('italic').setWrap(true);
    r.setHorizontalAlignment('center').setVerticalAlignment('top');
    sheet.getRange('C1').setWrapStrategy('CLIP');
    expect(r.getFontWeight()).toBe('bold');
    expect(r.getFontColor()).toBe('#1155cc');
    expect(r.getFontStyle()).toBe('italic');
    expect(r.getWrap()).toBe(true);
    expect(sheet.getRange('C1').getWrapStrategy()).toBe('CLIP');
    expect(sheet.getRange('D1').getWrapStrategy()).toBe('OVERFLOW');
    sheet.getRange('E1:F1').setWrapStrategies([['WRAP', 'CLIP']]);
    expect(sheet.getRange('D1:F1').getWrapStrategies()).toEqual([['OVERFLOW', 'WRAP', 'CLIP']]);
    expect(() => sheet.getRange('E1').setWrapStrategies([['SHRINK']])).toThrow('method signature');
    expect([r.getHorizontalAlignment(), r.getVerticalAlignment()]).toEqual(['center', 'top']);
    expect(sheet.getRange('B1:C1').getFontWeights()).toEqual([['bold', 'normal']]);
    sheet.getRange('A1:B1').setFontWeights([['normal', 'bold']]);
    expect(sheet.getRange('A1:B1').getFontWeights()).toEqual([['normal', 'bold']]);
  });

  test("font lines: 'line-through' and 'underline' read back, null and 'none' clear, anything else is not guessed", () => {
    const { sheet } = setup();
    sheet.getRange('A1:C1').setFontLine('line-through');
    sheet.getRange('C1:D1').setFontLines([['underline', null]]);
    expect(sheet.getRange('A1:D1').getFontLines()).toEqual([
      ['line-through', 'line-through', 'underline', 'none'],
    ]);
    sheet.getRange('A1').setFontLine(null);
    sheet.getRange('B1').setFontLine('none');
    expect(sheet.getRange('A1:B1').getFontLines()).toEqual([['none', 'none']]);
    expect(() => sheet.getRange('A1').setFontLine('strikethrough')).toThrow(/not implemented: font line/);
    sheet.getRange('C1').clearFormat();
    expect(sheet.getRange('C1').getFontLine()).toBe('none');
  });

  test('number formats read back; automatic cells report 0.###############', () => {
    const { sheet } = setup();
    sheet.getRange('A1').setNumberFormat('yyyy-mm-dd');
    sheet.getRange('B1:C1').setNumberFormats([['@', '0.00']]);
    expect(sheet.getRange('A1:D1').getNumberFormats()).toEqual([
      ['yyyy-mm-dd', '@', '0.00', '0.###############'],
    ]);
  });

  test('clear() removes contents, formats and validations but keeps notes; the options pick parts', () => {
    const { sheet } = setup();
    const r = sheet.getRange('A1');
    r.setValue('x').setBackground('#ff0000').setNote('n');
    r.setDataValidation(buildCheckboxRule(sheet));
    r.clear({ formatOnly: true });
    expect([r.getValue(), r.getBackground(), r.getNote(), r.getDataValidation() !== null]).toEqual([
      'x',
      '#ffffff',
      'n',
      true,
    ]);
    r.clear({ contentsOnly: true });
    expect(r.getValue()).toBe('');
    r.setValue('y').setBackground('#ff0000');
    r.clear();
    expect([r.getValue(), r.getBackground(), r.getNote(), r.getDataValidation()]).toEqual([
      '',
      '#ffffff',
      'n',
      null,
    ]);
    r.setValue('z');
    sheet.clearContents();
    expect(sheet.getLastRow()).toBe(0);
  });
});

function buildCheckboxRule(sheet: EmuSheet) {
  sheet.getRange('Z1').insertCheckboxes();
  return sheet.getRange('Z1').getDataValidation()!;
}

describe('conditional format rules', () => {
  test('are stored per sheet and read back', () => {
    const { emu, sheet } = setup(`
      function rules() {
        var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
        var range = sheet.getRange('H2:H100');
        var behind = SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('Behind')
          .setBackground('#f4cccc').setFontColor('#990000').setRanges([range]).build();
        var scale = SpreadsheetApp.newConditionalFormatRule()
          .setGradientMinpoint('#ffffff')
          .setGradientMaxpointWithValue('#57bb8a', SpreadsheetApp.InterpolationType.NUMBER, '100')
          .setRanges([sheet.getRange('G2:G100')]).build();
        sheet.setConditionalFormatRules([behind, scale]);
      }`);
    emu.run('rules');
    const rules = sheet.getConditionalFormatRules();
    expect(rules).toHaveLength(2);
    const cond = rules[0].getBooleanCondition()!;
    expect([
      cond.getCriteriaType(),
      cond.getCriteriaValues(),
      cond.getBackground(),
      cond.getFontColor(),
    ]).toEqual(['TEXT_EQUAL_TO', ['Behind'], '#f4cccc', '#990000']);
    expect(rules[0].getRanges().map((r) => r.getA1Notation())).toEqual(['H2:H100']);
    const gradient = rules[1].getGradientCondition()!;
    expect([
      gradient.getMinColor(),
      gradient.getMaxColor(),
      gradient.getMaxType(),
      gradient.getMaxValue(),
    ]).toEqual(['#ffffff', '#57bb8a', 'NUMBER', '100']);
    expect(rules[1].getBooleanCondition()).toBeNull();
  });
});

describe('charts', () => {
  test('are built, inserted, updated, read back and removed', () => {
    const { emu, sheet } = setup(`
      function chart() {
        var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
        var chart = sheet.newChart().setChartType(Charts.ChartType.BAR).addRange(sheet.getRange('A1:B10'))
          .setPosition(2, 5, 0, 0).setOption('title', 'Progress by school').build();
        sheet.insertChart(chart);
        var again = sheet.getCharts()[0].modify().setOption('title', 'Renamed').build();
        sheet.updateChart(again);
      }
      function remove() {
        var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
        sheet.removeChart(sheet.getCharts()[0]);
      }`);
    emu.run('chart');
    const charts = sheet.getCharts();
    expect(charts).toHaveLength(1);
    expect(charts[0].getOptions().get('title')).toBe('Renamed');
    expect(charts[0].modify().getChartType()).toBe('BAR');
    expect(charts[0].getRanges().map((r) => r.getA1Notation())).toEqual(['A1:B10']);
    const info = charts[0].getContainerInfo();
    expect([info.getAnchorRow(), info.getAnchorColumn()]).toEqual([2, 5]);
    emu.run('remove');
    expect(sheet.getCharts()).toHaveLength(0);
  });
});

describe('filters', () => {
  test('one per sheet: created on a range, read back, removed; criteria are not implemented', () => {
    const { emu, sheet } = setup(`
      function create() {
        SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1:C5').createFilter();
      }
      function criteria() {
        SpreadsheetApp.getActive().getSheetByName('Sheet1').getFilter().setColumnFilterCriteria(1, null);
      }
      function remove() {
        SpreadsheetApp.getActive().getSheetByName('Sheet1').getFilter().remove();
      }`);
    expect(sheet.getFilter()).toBeNull();
    emu.run('create');
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe('A1:C5');
    expect(sheet.getRange('B2').getFilter()).not.toBeNull();
    expect(() => emu.run('create')).toThrow(
      "You can't create a filter in a sheet that already has a filter.",
    );
    expect(() => emu.run('criteria')).toThrow('not implemented: Filter.setColumnFilterCriteria');
    emu.run('remove');
    expect(sheet.getFilter()).toBeNull();
  });
});
