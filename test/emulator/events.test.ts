import { OWNER, TEACHER, emulate } from './helpers';

const CODE = `
  function onEdit(e) {
    var r = e.range;
    Logger.log(JSON.stringify({
      authMode: String(e.authMode), a1: r.getA1Notation(), sheet: r.getSheet().getName(),
      source: e.source.getName(), user: e.user.getEmail(), value: e.value, oldValue: e.oldValue,
      hasValue: 'value' in e, uid: typeof e.triggerUid
    }));
    if (e.value === 'bad') r.setNote('Not a method');
  }
  function onOpen(e) {
    SpreadsheetApp.getUi().createMenu('Tracker').addItem('Log', 'showCallForm').addToUi();
    return [String(e.authMode), 'source' in e, e.user.getEmail()];
  }
`;

describe('emu.edit', () => {
  test('writes as the person (user-entered) then fires onEdit in LIMITED with a real event', () => {
    const emu = emulate(CODE);
    emu.spreadsheet.getRange('B2').setValue('old');
    const ex = emu.edit('Sheet1', 'B2', [['bad']], { user: TEACHER })!;
    expect(JSON.parse(ex.logs[0])).toEqual({
      authMode: 'LIMITED',
      a1: 'B2',
      sheet: 'Sheet1',
      source: 'Relationship Call Tracker',
      user: TEACHER,
      value: 'bad',
      oldValue: 'old',
      hasValue: true,
      uid: 'string',
    });
    expect(ex.user).toBe(TEACHER);
    expect(emu.spreadsheet.getRange('B2').getNote()).toBe('Not a method');
  });

  test("the event's user is blank for people outside the owner's Workspace domain", () => {
    const emu = emulate(CODE);
    for (const outsider of ['visitor@gmail.com', 'teacher@other-district.example.org']) {
      const ex = emu.edit('Sheet1', 'B2', [['x']], { user: outsider })!;
      expect(JSON.parse(ex.logs[0]).user).toBe('');
    }
  });

  test('multi-cell edits carry no value/oldValue; typed text is parsed', () => {
    const emu = emulate(CODE);
    const ex = emu.edit('Sheet1', 'A1:B1', [['=1+1', '2026-09-03']], { user: OWNER })!;
    const e = JSON.parse(ex.logs[0]);
    expect([e.a1, e.hasValue, e.user]).toEqual(['A1:B1', false, OWNER]);
    expect(emu.spreadsheet.getRange('A1').getFormula()).toBe('=1+1');
    expect(emu.spreadsheet.getRange('B1').getValue()).toEqual(new Date('2026-09-03T05:00:00Z'));
  });

  test('simple triggers cannot send mail', () => {
    const emu = emulate(`function onEdit(e) { MailApp.sendEmail('a@x.org', 's', 'b'); }`);
    expect(() => emu.edit('Sheet1', 'A1', [['x']], { user: TEACHER })).toThrow(
      'You do not have permission to call MailApp.sendEmail',
    );
    expect(emu.spreadsheet.getRange('A1').getValue()).toBe('x');
  });

  test('a rejected edit changes nothing and fires nothing', () => {
    const emu = emulate(`${CODE}
      function protect() { SpreadsheetApp.getActive().getSheetByName('Sheet1').getRange('A1').protect().removeEditors(['teacher@district.example.org']); }`);
    emu.run('protect');
    expect(() => emu.edit('Sheet1', 'A1', [['x']], { user: TEACHER })).toThrow('protected cell');
    expect(emu.spreadsheet.getRange('A1').getValue()).toBe('');
  });

  test('returns null when the script has no onEdit', () => {
    const emu = emulate(`function other() {}`);
    expect(emu.edit('Sheet1', 'A1', [['x']], { user: TEACHER })).toBeNull();
    expect(emu.spreadsheet.getRange('A1').getValue()).toBe('x');
  });
});

describe('emu.open', () => {
  test('fires onOpen in LIMITED by default, NONE on request (no source)', () => {
    const emu = emulate(CODE);
    expect(emu.open({ user: OWNER })!.value).toEqual(['LIMITED', true, OWNER]);
    expect(emu.open({ user: TEACHER, authMode: 'NONE' })!.value).toEqual(['NONE', false, '']);
    expect(emu.ui.menus).toHaveLength(1);
    expect(emulate('function x() {}').open({ user: OWNER })).toBeNull();
  });
});

describe('emu.fireTrigger', () => {
  test('unknown ids fail', () => {
    expect(() => emulate(CODE).fireTrigger('nope')).toThrow('No trigger with id nope');
  });
});
