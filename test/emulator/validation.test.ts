import type { EmuSheet } from '../../dev/emulator';
import { TEACHER, emulate } from './helpers';

const CODE = `
  function sheet_() { return SpreadsheetApp.getActive().getSheetByName('Sheet1'); }
  function listRule(allowInvalid) {
    var rule = SpreadsheetApp.newDataValidation().requireValueInList(['Phone', 'Video'], true)
      .setAllowInvalid(allowInvalid).setHelpText('Pick a method').build();
    sheet_().getRange('A2:A10').setDataValidation(rule);
  }
  function write(a1, value) { sheet_().getRange(a1).setValue(value); }
  function rules() {
    var r = sheet_();
    var start = new Date(Date.UTC(2026, 7, 1, 5));
    r.getRange('B1').setDataValidation(SpreadsheetApp.newDataValidation().requireDate().setAllowInvalid(false).build());
    r.getRange('C1').setDataValidation(SpreadsheetApp.newDataValidation().requireDateOnOrAfter(start).setAllowInvalid(false).build());
    r.getRange('D1').setDataValidation(SpreadsheetApp.newDataValidation().requireNumberBetween(0, 200).setAllowInvalid(false).build());
    r.getRange('E1').setDataValidation(SpreadsheetApp.newDataValidation().requireTextIsEmail().setAllowInvalid(false).build());
    r.getRange('F1').setDataValidation(SpreadsheetApp.newDataValidation().requireNumberGreaterThanOrEqualTo(0).setAllowInvalid(false).build());
    r.getRange('G1').setDataValidation(SpreadsheetApp.newDataValidation().requireValueInRange(r.getRange('Z1:Z3')).setAllowInvalid(false).build());
    r.getRange('H1').setDataValidation(SpreadsheetApp.newDataValidation().requireFormulaSatisfied('=LEN(H1)<5').setAllowInvalid(false).build());
    r.getRange('I1').setDataValidation(SpreadsheetApp.newDataValidation().requireDateOnOrBefore(start).setAllowInvalid(false).build());
  }
`;

function setup() {
  const emu = emulate(CODE);
  const sheet = emu.spreadsheet.getSheetByName('Sheet1') as EmuSheet;
  return { emu, sheet };
}

describe('data validation rules', () => {
  test('are stored per cell and read back', () => {
    const { emu, sheet } = setup();
    emu.run('listRule', [false]);
    const rule = sheet.getRange('A5').getDataValidation()!;
    expect(rule.getCriteriaType()).toBe('VALUE_IN_LIST');
    expect(rule.getCriteriaValues()).toEqual([['Phone', 'Video'], true]);
    expect(rule.getHelpText()).toBe('Pick a method');
    expect(rule.getAllowInvalid()).toBe(false);
    expect(sheet.getRange('A1').getDataValidation()).toBeNull();
    expect(
      sheet
        .getRange('A1:A2')
        .getDataValidations()
        .map((r) => r[0]?.getCriteriaType() ?? null),
    ).toEqual([null, 'VALUE_IN_LIST']);
    const copy = rule.copy().setHelpText('changed').build();
    expect([copy.getCriteriaType(), copy.getHelpText()]).toEqual(['VALUE_IN_LIST', 'changed']);
    sheet.getRange('A2:A10').clearDataValidations();
    expect(sheet.getRange('A5').getDataValidation()).toBeNull();
  });

  test('new rules allow invalid input by default (a warning, not a rejection)', () => {
    const { emu, sheet } = setup();
    emu.run('listRule', [true]);
    emu.run('write', ['A2', 'Carrier pigeon']);
    expect(sheet.getRange('A2').getValue()).toBe('Carrier pigeon');
  });

  test('a script write that breaks a reject-invalid rule throws and changes nothing', () => {
    const { emu, sheet } = setup();
    emu.run('listRule', [false]);
    emu.run('write', ['A2', 'Phone']);
    expect(() => emu.run('write', ['A2', 'Fax'])).toThrow(
      'The data you entered in cell A2 violates the data validation rules set on this cell.',
    );
    expect(sheet.getRange('A2').getValue()).toBe('Phone');
    expect(() => sheet.getRange('A1:A3').setValues([['header'], ['Video'], ['Fax']])).toThrow('cell A3');
    expect(sheet.getRange('A1:A3').getValues()).toEqual([[''], ['Phone'], ['']]);
    sheet.getRange('A2').setValue('');
    expect(sheet.getRange('A2').getValue()).toBe('');
  });

  test('a person edit that breaks a reject-invalid rule is rejected', () => {
    const { emu, sheet } = setup();
    emu.run('listRule', [false]);
    expect(() => emu.edit('Sheet1', 'A3', [['Fax']], { user: TEACHER })).toThrow(
      'The data you entered in cell A3 violates the data validation rules set on this cell.',
    );
    expect(sheet.getRange('A3').getValue()).toBe('');
    emu.edit('Sheet1', 'A3', [['Video']], { user: TEACHER });
    expect(sheet.getRange('A3').getValue()).toBe('Video');
  });

  test.each<[string, unknown, boolean]>([
    ['B1', '2026-09-03', true],
    ['B1', 'soon', false],
    ['C1', '2026-08-01', true],
    ['C1', '2026-07-31', false],
    ['I1', '2026-08-01', true],
    ['I1', '2026-08-02', false],
    ['D1', 200, true],
    ['D1', '201', false],
    ['E1', 'ana@school.org', true],
    ['E1', 'ana at school', false],
    ['F1', -1, false],
    ['G1', 'Blue', true],
    ['G1', 'Green', false],
  ])('%s accepts %j: %s', (a1, value, ok) => {
    const { emu, sheet } = setup();
    sheet.getRange('Z1:Z3').setValues([['Red'], ['Blue'], ['']]);
    emu.run('rules');
    const write = () => emu.run('write', [a1, value]);
    if (ok) expect(write).not.toThrow();
    else expect(write).toThrow('violates the data validation rules');
  });

  test('custom formula rules cannot be checked: not implemented', () => {
    const { emu } = setup();
    emu.run('rules');
    expect(() => emu.run('write', ['H1', 'abc'])).toThrow(
      'not implemented: evaluating data validation formula =LEN(H1)<5',
    );
  });

  test('criteria values come back as Dates and Ranges', () => {
    const { emu, sheet } = setup();
    emu.run('rules');
    expect(sheet.getRange('C1').getDataValidation()!.getCriteriaValues()).toEqual([
      new Date(Date.UTC(2026, 7, 1, 5)),
    ]);
    const [range, dropdown] = sheet.getRange('G1').getDataValidation()!.getCriteriaValues() as [
      { getA1Notation(): string },
      boolean,
    ];
    expect([range.getA1Notation(), dropdown]).toEqual(['Z1:Z3', true]);
  });
});

describe('checkboxes', () => {
  test('insertCheckboxes adds a checkbox rule and sets every cell to false', () => {
    const { sheet } = setup();
    sheet.getRange('A1:A2').insertCheckboxes();
    expect(sheet.getRange('A1:A2').getValues()).toEqual([[false], [false]]);
    expect(sheet.getRange('A1').getDataValidation()!.getCriteriaType()).toBe('CHECKBOX');
  });

  test('requireCheckbox alone leaves the value; TRUE typed into a checkbox cell is a boolean', () => {
    const { emu, sheet } = setup();
    emu.run('write', ['B1', 'x']);
    sheet.getRange('B1').setDataValidation(sheet.getRange('B1').insertCheckboxes().getDataValidation());
    sheet.getRange('C1').setValue('kept');
    sheet.getRange('C1').setDataValidation(sheet.getRange('B1').getDataValidation());
    expect(sheet.getRange('C1').getValue()).toBe('kept');
    emu.edit('Sheet1', 'B1', [['TRUE']], { user: TEACHER });
    expect(sheet.getRange('B1').getValue()).toBe(true);
  });
});
