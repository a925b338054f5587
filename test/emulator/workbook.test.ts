import { Emulator, type EmuSheet } from '../../dev/emulator';
import { TEACHER, emulate, writeProject } from './helpers';

test('toJSON/fromJSON round-trip the whole workbook', () => {
  const emu = emulate(
    `
    function setup() {
      var ss = SpreadsheetApp.getActive();
      var log = ss.insertSheet('Call Log');
      log.getRange('A1:E1').setValues([['ID', 'Date', 'Count', 'Done', 'Formula']]);
      log.getRange('A2:E2').setValues([['00123x', '2026-09-03', 5, true, '=C2*2']]);
      log.getRange('A1').setNote('header').setBackground('#cfe2f3').setFontWeight('bold');
      log.getRange('F2').setNumberFormat('@').setValue('=literal');
      log.getRange('D2:D3').setDataValidation(SpreadsheetApp.newDataValidation().requireCheckbox().build());
      log.setFrozenRows(1);
      log.setColumnWidth(2, 150);
      log.getRange('A1:E1').protect().setWarningOnly(true).setDescription('Headers');
      log.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenCellEmpty().setBackground('#ff0000').setRanges([log.getRange('B2:B9')]).build()]);
      log.insertChart(log.newChart().setChartType(Charts.ChartType.COLUMN).addRange(log.getRange('A1:C2')).setPosition(1, 8, 0, 0).build());
      PropertiesService.getScriptProperties().setProperty('s', '1');
      PropertiesService.getDocumentProperties().setProperty('d', '2');
      PropertiesService.getUserProperties().setProperty('u', '3');
      ScriptApp.newTrigger('f').timeBased().everyDays(1).atHour(6).create();
      MailApp.sendEmail('p@x.org', 'S', 'B');
    }
    function userProp() { return PropertiesService.getUserProperties().getProperty('u'); }`,
    { owner: 'lead@x.org' },
  );
  emu.run('setup', [], { user: TEACHER });
  const json = JSON.parse(JSON.stringify(emu.toJSON()));
  const copy = Emulator.fromJSON(json, { now: new Date('2026-09-08T15:00:00Z') });
  expect(copy.toJSON()).toEqual(emu.toJSON());

  const log = copy.spreadsheet.getSheetByName('Call Log') as EmuSheet;
  expect(log.getRange('A2:F2').getValues()).toEqual([
    ['00123x', new Date('2026-09-03T05:00:00Z'), 5, true, 10, '=literal'],
  ]);
  expect(log.getRange('E2').getFormula()).toBe('=C2*2');
  expect([log.getRange('A1').getNote(), log.getRange('A1').getBackground(), log.getFrozenRows()]).toEqual([
    'header',
    '#cfe2f3',
    1,
  ]);
  expect(log.getRange('D3').getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
  expect(copy.spreadsheet.getProtections('RANGE')[0].getDescription()).toBe('Headers');
  expect(log.getCharts()).toHaveLength(1);
  expect(log.getConditionalFormatRules()).toHaveLength(1);
  expect(copy.triggers[0].createdBy).toBe(TEACHER);
  expect(copy.outbox[0].sentAt).toBeInstanceOf(Date);
  expect(copy.spreadsheet.getOwner().getEmail()).toBe('lead@x.org');
  copy.load(
    writeProject({
      code: `function userProp() { return PropertiesService.getUserProperties().getProperty('u'); }`,
    }),
  );
  expect(copy.run('userProp', [], { user: TEACHER }).value).toBe('3');
});

test('a new workbook has one sheet, Sheet1; options set name, owner and time zone', () => {
  const emu = new Emulator({ name: 'Test', owner: 'a@x.org', timeZone: 'Europe/Paris' });
  expect(emu.spreadsheet.getSheets().map((s) => s.getName())).toEqual(['Sheet1']);
  expect([
    emu.spreadsheet.getName(),
    emu.spreadsheet.getOwner().getEmail(),
    emu.spreadsheet.getSpreadsheetTimeZone(),
  ]).toEqual(['Test', 'a@x.org', 'Europe/Paris']);
  expect(() => new Emulator({ timeZone: 'Mars/Base' })).toThrow('Invalid time zone: Mars/Base');
});
