import { OWNER, TEACHER, emulate } from './helpers';

const LEADER = 'leader@district.example.org';
const CODE = `
  function sheet_() { return SpreadsheetApp.getActive().getSheetByName('Sheet1'); }
  // Setting an editor ends the new protection's mirroring of the spreadsheet's own permissions.
  function protectHeader(warningOnly) {
    var p = sheet_().getRange('A1:C1').protect().setDescription('Headers').setWarningOnly(warningOnly);
    p.addEditor(Session.getEffectiveUser());
    return p.getEditors().map(function (u) { return u.getEmail(); });
  }
  function protectSheet() {
    var p = sheet_().protect().setDescription('Whole sheet');
    p.addEditor(Session.getEffectiveUser());
    p.setUnprotectedRanges([sheet_().getRange('A5:B6')]);
    return p.getUnprotectedRanges().map(function (r) { return r.getA1Notation(); });
  }
  function write(a1, v) { sheet_().getRange(a1).setValue(v); }
  function canEdit() { return sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].canEdit(); }
  function addEditor(email) { sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].addEditor(email); }
`;

describe('protections', () => {
  test("a new protection's editors are the owner and its creator", () => {
    const emu = emulate(CODE);
    expect(emu.run('protectHeader', [false], { user: LEADER }).value).toEqual([OWNER, LEADER]);
    const [p] = emu.spreadsheet.getProtections('RANGE');
    expect([
      p.getDescription(),
      p.isWarningOnly(),
      p.getProtectionType(),
      p.getRange().getA1Notation(),
    ]).toEqual(['Headers', false, 'RANGE', 'A1:C1']);
  });

  test('blocks script writes by users who are not editors, with the Sheets message', () => {
    const emu = emulate(CODE);
    emu.run('protectHeader', [false]);
    expect(() => emu.run('write', ['B1', 'x'], { user: TEACHER })).toThrow(
      'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
    );
    expect(() => emu.run('write', ['B2', 'x'], { user: TEACHER })).not.toThrow();
    expect(emu.run('canEdit', [], { user: TEACHER }).value).toBe(false);
    emu.run('write', ['B1', 'owner can'], { user: OWNER });
    emu.run('addEditor', [TEACHER]);
    expect(emu.run('canEdit', [], { user: TEACHER }).value).toBe(true);
    expect(() => emu.run('write', ['B1', 'now ok'], { user: TEACHER })).not.toThrow();
  });

  test('blocks person edits too', () => {
    const emu = emulate(CODE);
    emu.run('protectHeader', [false]);
    expect(() => emu.edit('Sheet1', 'A1', [['x']], { user: TEACHER })).toThrow('protected cell or object');
    expect(emu.spreadsheet.getRange('A1').getValue()).toBe('');
  });

  test('warning-only protections never block scripts or edits', () => {
    const emu = emulate(CODE);
    emu.run('protectHeader', [true]);
    emu.run('write', ['A1', 'x'], { user: TEACHER });
    emu.edit('Sheet1', 'B1', [['y']], { user: TEACHER });
    expect(emu.spreadsheet.getRange('A1:B1').getValues()).toEqual([['x', 'y']]);
  });

  test('a sheet protection blocks all but its unprotected ranges, and structural changes', () => {
    const emu = emulate(`${CODE}
      function insert() { sheet_().insertRowsAfter(1, 1); }
      function fmt() { sheet_().getRange('A5').setBackground('#ff0000'); sheet_().getRange('Z9').setNote('n'); }`);
    expect(emu.run('protectSheet').value).toEqual(['A5:B6']);
    emu.run('write', ['B6', 'allowed'], { user: TEACHER });
    expect(() => emu.run('write', ['C6', 'no'], { user: TEACHER })).toThrow('protected cell');
    expect(() => emu.run('insert', [], { user: TEACHER })).toThrow('protected cell');
    expect(() => emu.run('fmt', [], { user: TEACHER })).toThrow('protected cell');
    expect(emu.spreadsheet.getRange('B6').getValue()).toBe('allowed');
  });

  test('sheet.protect() returns the existing sheet protection; remove() lifts it', () => {
    const emu = emulate(`${CODE}
      function again() { return sheet_().protect().getDescription(); }
      function lift() { sheet_().protect().remove(); }`);
    emu.run('protectSheet');
    expect(emu.run('again').value).toBe('Whole sheet');
    expect(emu.spreadsheet.getProtections('SHEET')).toHaveLength(1);
    emu.run('lift');
    expect(emu.spreadsheet.getProtections('SHEET')).toHaveLength(0);
    emu.run('write', ['C6', 'free'], { user: TEACHER });
  });

  test('a new protection mirrors the spreadsheet (blocks nobody) until its editors or domain edit are set', () => {
    const emu = emulate(`${CODE}
      function protectOnly() { sheet_().getRange('A1:C1').protect(); }
      function domainOff() {
        var p = sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0];
        return [p.canDomainEdit(), p.setDomainEdit(false).canDomainEdit()];
      }`);
    emu.run('protectOnly');
    expect(emu.run('canEdit', [], { user: TEACHER }).value).toBe(true);
    emu.run('write', ['A1', 'still open'], { user: TEACHER });
    expect(emu.run('domainOff').value).toEqual([false, false]);
    expect(() => emu.run('write', ['A1', 'x'], { user: TEACHER })).toThrow('protected cell');
  });

  test("domain edit lets everyone in the owner's domain edit, and nobody outside it", () => {
    const emu = emulate(`${CODE}
      function domainOn() {
        sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0].setDomainEdit(true);
      }`);
    emu.run('protectHeader', [false]);
    emu.run('domainOn');
    emu.run('write', ['A1', 'colleague'], { user: TEACHER });
    expect(() => emu.run('write', ['A1', 'x'], { user: 'someone@elsewhere.example' })).toThrow(
      'protected cell',
    );
  });

  test('editors can be removed, but never the owner', () => {
    const emu = emulate(`${CODE}
      function prune() {
        var p = sheet_().getProtections(SpreadsheetApp.ProtectionType.RANGE)[0];
        p.removeEditors(p.getEditors());
        return p.getEditors().map(function (u) { return u.getEmail(); });
      }`);
    emu.run('protectHeader', [false], { user: LEADER });
    expect(emu.run('prune', [], { user: LEADER }).value).toEqual([OWNER]);
    expect(() => emu.run('write', ['A1', 'x'], { user: LEADER })).toThrow('protected cell');
  });

  test('a sheet protection with open data rows: anyone writes those rows; only its editors rename, delete or grow the tab', () => {
    const emu = emulate(`${CODE}
      function protectAllButData() {
        var p = sheet_().protect().setDescription('Tab');
        p.addEditor(Session.getEffectiveUser());
        p.setUnprotectedRanges([sheet_().getRange(2, 1, sheet_().getMaxRows() - 1, sheet_().getMaxColumns())]);
      }
      function rename(name) { sheet_().setName(name); }
      function remove() { var ss = SpreadsheetApp.getActive(); ss.insertSheet('Other'); ss.deleteSheet(sheet_()); }
      function grow() { sheet_().insertRowsAfter(sheet_().getMaxRows(), 10); }`);
    emu.run('protectAllButData', [], { user: LEADER });
    emu.run('write', ['Z1000', 'last data cell'], { user: TEACHER });
    expect(() => emu.run('write', ['A1', 'header'], { user: TEACHER })).toThrow('protected cell');
    expect(() => emu.run('rename', ['Mine'], { user: TEACHER })).toThrow('protected cell');
    expect(() => emu.run('remove', [], { user: TEACHER })).toThrow('protected cell');
    expect(() => emu.run('grow', [], { user: TEACHER })).toThrow('protected cell');
    // By hand in the Sheets window, the same.
    const tab = emu.spreadsheet.getSheetByName('Sheet1')!;
    expect(() => emu.asPerson(TEACHER, () => tab.setName('Mine'))).toThrow('protected cell');
    expect(() => emu.asPerson(TEACHER, () => emu.spreadsheet.deleteSheet(tab))).toThrow('protected cell');
    expect(emu.spreadsheet.getSheetByName('Sheet1')).not.toBeNull();
    emu.asPerson(LEADER, () => tab.setName('Renamed by a leader'));
    expect(tab.getName()).toBe('Renamed by a leader');
    emu.asPerson(LEADER, () => tab.insertRowsAfter(1000, 10));
    expect(tab.getMaxRows()).toBe(1010);
    // Rows added at the end are outside the open rows until the protection is given them.
    expect(() => emu.asPerson(TEACHER, () => tab.getRange('A1005').setValue('x'))).toThrow('protected cell');
    emu.asPerson(TEACHER, () => tab.getRange('A1000').setValue('still open'));
  });

  test("google.script.run runs as the user at the keyboard, so a teacher's submit is blocked too", () => {
    const emu = emulate(`${CODE}
      function submitCall(input) { sheet_().appendRow([input.student]); return { ok: true }; }`);
    emu.run('protectSheet');
    expect(() => emu.callFromClient('submitCall', [{ student: 'Ana' }], { user: TEACHER })).toThrow(
      'You are trying to edit a protected cell or object.',
    );
    expect(emu.callFromClient('submitCall', [{ student: 'Ana' }], { user: OWNER }).value).toEqual({
      ok: true,
    });
  });
});
