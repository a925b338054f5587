import { ALL_SCOPES, OWNER, TEACHER, emulate } from './helpers';

const CODE = `
  function menu() { SpreadsheetApp.getUi().createMenu('Tracker').addItem('Log', 'showCallForm').addToUi(); return 'ok'; }
  function readSheet() { return SpreadsheetApp.getActive().getName(); }
  function email() { return Session.getActiveUser().getEmail(); }
  function effective() { return Session.getEffectiveUser().getEmail(); }
  function props() { return PropertiesService.getScriptProperties().getKeys(); }
  function mail() { MailApp.sendEmail('a@district.example.org', 'Hi', 'Body'); }
  function trigger() { ScriptApp.newTrigger('f').timeBased().everyHours(1).create(); }
  function triggers() { return ScriptApp.getProjectTriggers().length; }
  function lock() { return LockService.getDocumentLock().tryLock(10); }
  function sidebar() { SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput('<p>x</p>')); }
  function dialog() { SpreadsheetApp.getUi().showModalDialog(HtmlService.createHtmlOutput('<p>x</p>'), 'T'); }
  function tz() { return Session.getScriptTimeZone(); }
`;

describe('AuthMode.NONE', () => {
  test('only the Ui menus work', () => {
    const emu = emulate(CODE);
    expect(emu.run('menu', [], { authMode: 'NONE' }).value).toBe('ok');
    expect(emu.ui.menus).toEqual([
      { name: 'Tracker', items: [{ caption: 'Log', functionName: 'showCallForm' }] },
    ]);
  });

  test.each([
    ['readSheet', 'SpreadsheetApp.getActive'],
    ['email', 'Session.getActiveUser'],
    ['props', 'PropertiesService.getScriptProperties'],
    ['mail', 'MailApp.sendEmail'],
    ['trigger', 'ScriptApp.newTrigger'],
    ['lock', 'LockService.getDocumentLock'],
    ['sidebar', 'Ui.showSidebar'],
    ['tz', 'Session.getScriptTimeZone'],
  ])('%s throws a permission error', (fn, call) => {
    const emu = emulate(CODE);
    expect(() => emu.run(fn, [], { authMode: 'NONE' })).toThrow(`You do not have permission to call ${call}`);
  });
});

describe('AuthMode.LIMITED (simple triggers)', () => {
  test('the bound spreadsheet, properties and locks work', () => {
    const emu = emulate(CODE);
    expect(emu.run('readSheet', [], { authMode: 'LIMITED' }).value).toBe('Relationship Call Tracker');
    expect(emu.run('props', [], { authMode: 'LIMITED' }).value).toEqual([]);
    expect(emu.run('lock', [], { authMode: 'LIMITED' }).value).toBe(true);
  });

  test.each([
    ['mail', 'MailApp.sendEmail', 'script.send_mail'],
    ['trigger', 'ScriptApp.newTrigger', 'script.scriptapp'],
    ['triggers', 'ScriptApp.getProjectTriggers', 'script.scriptapp'],
    ['sidebar', 'Ui.showSidebar', 'script.container.ui'],
    ['dialog', 'Ui.showModalDialog', 'script.container.ui'],
  ])('%s throws a permission error', (fn, call, scope) => {
    const emu = emulate(CODE);
    expect(() => emu.run(fn, [], { authMode: 'LIMITED', user: TEACHER })).toThrow(
      `You do not have permission to call ${call}. Required permissions: https://www.googleapis.com/auth/${scope}`,
    );
  });

  test("the active user's email is shared only with the owner and the owner's Workspace domain", () => {
    const emu = emulate(CODE);
    expect(emu.run('email', [], { authMode: 'LIMITED', user: TEACHER }).value).toBe(TEACHER);
    expect(emu.run('effective', [], { authMode: 'LIMITED', user: TEACHER }).value).toBe(TEACHER);
    expect(emu.run('email', [], { authMode: 'LIMITED', user: OWNER }).value).toBe(OWNER);
    for (const outsider of ['someone@gmail.com', 'teacher@elsewhere.example.org'])
      expect(emu.run('email', [], { authMode: 'LIMITED', user: outsider }).value).toBe('');
  });

  test("a personal (consumer) owner shares nobody else's email", () => {
    const emu = emulate(CODE, { owner: 'owner@gmail.com' });
    expect(emu.run('email', [], { authMode: 'LIMITED', user: 'friend@gmail.com' }).value).toBe('');
  });
});

describe('AuthMode.FULL', () => {
  test("Session returns the run's user, which may be blank", () => {
    const emu = emulate(CODE);
    expect(emu.run('email', [], { user: TEACHER }).value).toBe(TEACHER);
    expect(emu.run('effective', [], { user: TEACHER }).value).toBe(TEACHER);
    expect(emu.run('email', [], { user: '' }).value).toBe('');
  });

  test('Session.getScriptTimeZone is the manifest time zone', () => {
    const emu = emulate({
      code: CODE,
      manifest: { timeZone: 'America/New_York', oauthScopes: ALL_SCOPES },
    });
    expect(emu.run('tz').value).toBe('America/New_York');
  });
});

describe('manifest scopes', () => {
  const without = (scope: string) => ALL_SCOPES.filter((s) => !s.endsWith(scope));

  test.each([
    ['email', 'Session.getActiveUser', 'userinfo.email'],
    ['mail', 'MailApp.sendEmail', 'script.send_mail'],
    ['sidebar', 'Ui.showSidebar', 'script.container.ui'],
    ['trigger', 'ScriptApp.newTrigger', 'script.scriptapp'],
  ])('%s needs %s', (fn, call, scope) => {
    const emu = emulate({
      code: CODE,
      manifest: { timeZone: 'America/Chicago', oauthScopes: without(scope) },
    });
    expect(() => emu.run(fn)).toThrow(
      `Specified permissions are not sufficient to call ${call}. Required permissions: https://www.googleapis.com/auth/${scope}`,
    );
  });

  test('SpreadsheetApp needs spreadsheets or spreadsheets.currentonly', () => {
    const none = ALL_SCOPES.filter((s) => !s.includes('spreadsheets'));
    const emu = emulate({ code: CODE, manifest: { oauthScopes: none } });
    expect(() => emu.run('readSheet')).toThrow(
      'Specified permissions are not sufficient to call SpreadsheetApp.getActive. Required permissions: (https://www.googleapis.com/auth/spreadsheets.currentonly || https://www.googleapis.com/auth/spreadsheets)',
    );
    const full = emulate({
      code: CODE,
      manifest: { oauthScopes: ['https://www.googleapis.com/auth/spreadsheets'] },
    });
    expect(full.run('readSheet').value).toBe('Relationship Call Tracker');
  });

  test('without a manifest every scope is granted; the scopes option overrides the manifest', () => {
    expect(emulate({ code: CODE, manifest: null }).run('email', [], { user: TEACHER }).value).toBe(TEACHER);
    const emu = emulate({ code: CODE }, { scopes: [] });
    expect(() => emu.run('email')).toThrow('Specified permissions are not sufficient');
  });

  test('getTemporaryActiveUserKey is stable per user; the locale is en', () => {
    const emu = emulate(
      `function key() { return [Session.getTemporaryActiveUserKey(), Session.getActiveUserLocale()]; }`,
    );
    const [a1, locale] = emu.run<string[]>('key', [], { user: TEACHER }).value;
    const [a2] = emu.run<string[]>('key', [], { user: TEACHER }).value;
    const [b] = emu.run<string[]>('key', [], { user: OWNER }).value;
    expect(a1).toBe(a2);
    expect(a1).not.toBe(b);
    expect(locale).toBe('en');
  });
});
