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

test('File → Make a copy: tabs, sheet protections (owner only) and the bound script; not range protections, properties or triggers', () => {
  const emu = emulate(
    `
    function setup() {
      var ss = SpreadsheetApp.getActive();
      var log = ss.insertSheet('Call Log');
      log.getRange('A1:B2').setValues([['ID', 'Student'], ['C-1', 'Ana']]);
      log.getRange('B2').setNote('typed');
      log.getRange('A1:B1').protect().setDescription('Headers').addEditor('deputy@x.org');
      var p = log.protect().setDescription('Whole tab').addEditor('deputy@x.org');
      p.setUnprotectedRanges([log.getRange('A2:B9')]);
      PropertiesService.getDocumentProperties().setProperty('key', 'secret');
      PropertiesService.getScriptProperties().setProperty('s', '1');
      ScriptApp.newTrigger('whoami').timeBased().everyMinutes(5).create();
      return log.getSheetId();
    }
    function whoami() { return [SpreadsheetApp.getActive().getId(), Session.getEffectiveUser().getEmail(), PropertiesService.getDocumentProperties().getProperty('key'), PropertiesService.getScriptProperties().getProperty('s')]; }`,
    {
      owner: 'lead@x.org',
      name: 'Tracker 2026–27',
    },
  );
  const logId = emu.run('setup', [], { user: 'lead@x.org' }).value;
  const copy = emu.makeCopy({ user: 'next@x.org' });
  const log = copy.spreadsheet.getSheetByName('Call Log')!;
  expect([copy.spreadsheet.getName(), copy.spreadsheet.getOwner().getEmail()]).toEqual([
    'Copy of Tracker 2026–27',
    'next@x.org',
  ]);
  expect(copy.spreadsheet.getId()).not.toBe(emu.spreadsheet.getId());
  expect(log.getSheetId()).toBe(logId);
  expect(log.getRange('A1:B2').getValues()).toEqual([
    ['ID', 'Student'],
    ['C-1', 'Ana'],
  ]);
  expect(log.getRange('B2').getNote()).toBe('typed');
  expect(copy.spreadsheet.getProtections('RANGE')).toHaveLength(0);
  const [sheetProtection] = copy.spreadsheet.getProtections('SHEET');
  expect([
    sheetProtection.getDescription(),
    sheetProtection.getEditors().map((u) => u.getEmail()),
    sheetProtection.getUnprotectedRanges().map((r) => r.getA1Notation()),
  ]).toEqual(['Whole tab', ['next@x.org'], ['A2:B9']]);
  expect(copy.triggers).toEqual([]);
  expect(copy.run('whoami', [], { user: 'next@x.org' }).value).toEqual([
    copy.spreadsheet.getId(),
    'next@x.org',
    null,
    null,
  ]);
  // In the same Drive (openById finds it) and on the same clock.
  expect(copy.drive).toBe(emu.drive);
  expect(emu.drive.find(copy.spreadsheet.getId())).toBeDefined();
  expect(copy.clock.now()).toEqual(emu.clock.now());
  // The original is untouched by what happens in the copy.
  copy.spreadsheet.getSheetByName('Call Log')!.getRange('B2').setValue('changed');
  expect(emu.spreadsheet.getSheetByName('Call Log')!.getRange('B2').getValue()).toBe('Ana');
  expect(emu.run('whoami', [], { user: 'lead@x.org' }).value).toEqual([
    emu.spreadsheet.getId(),
    'lead@x.org',
    'secret',
    '1',
  ]);
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
