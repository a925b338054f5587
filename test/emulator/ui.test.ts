import { TEACHER, emulate } from './helpers';

describe('Ui menus and dialogs', () => {
  test('menus with separators and submenus are recorded; a menu of the same name is replaced', () => {
    const emu = emulate(`
      function onOpen() {
        var ui = SpreadsheetApp.getUi();
        ui.createMenu('Tracker').addItem('Log a call', 'showCallForm').addSeparator()
          .addSubMenu(ui.createMenu('Digests').addItem('Send now', 'sendDigestsNow')).addToUi();
        ui.createMenu('Tracker').addItem('Log a call', 'showCallForm').addToUi();
        ui.createAddonMenu().addItem('Open', 'showCallForm').addToUi();
      }`);
    emu.open({ user: TEACHER, authMode: 'NONE' });
    expect(emu.ui.menus).toEqual([
      { name: 'Tracker', items: [{ caption: 'Log a call', functionName: 'showCallForm' }] },
      { name: 'Add-on', addon: true, items: [{ caption: 'Open', functionName: 'showCallForm' }] },
    ]);
  });

  test('submenus are recorded inside their menu', () => {
    const emu = emulate(`
      function menu() {
        var ui = SpreadsheetApp.getUi();
        ui.createMenu('M').addItem('A', 'a').addSeparator().addSubMenu(ui.createMenu('S').addItem('B', 'b')).addToUi();
      }`);
    emu.run('menu');
    expect(emu.ui.menus[0].items).toEqual([
      { caption: 'A', functionName: 'a' },
      { separator: true },
      { submenu: { name: 'S', items: [{ caption: 'B', functionName: 'b' }] } },
    ]);
  });

  test('sidebars and dialogs are recorded with title, html and size', () => {
    const emu = emulate({
      code: `
        function showCallForm() {
          SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('Log a call'));
        }
        function dialog() {
          var out = HtmlService.createHtmlOutput('<p>hi</p>').setWidth(400).setHeight(300);
          SpreadsheetApp.getUi().showModalDialog(out, 'Preview');
          SpreadsheetApp.getUi().showModelessDialog(HtmlService.createHtmlOutput('x'), 'Side');
        }`,
      files: { 'Sidebar.html': '<form id="call"></form>' },
    });
    emu.run('showCallForm', [], { user: TEACHER });
    emu.run('dialog');
    expect(emu.ui.sidebars).toEqual([
      { title: 'Log a call', html: '<form id="call"></form>', width: undefined, user: TEACHER },
    ]);
    expect(emu.ui.dialogs.map((d) => [d.title, d.html, d.width, d.height, d.modal])).toEqual([
      ['Preview', '<p>hi</p>', 400, 300, true],
      ['Side', 'x', undefined, undefined, false],
    ]);
  });

  test('a missing HTML file fails like Apps Script', () => {
    const emu = emulate(`function f() { HtmlService.createHtmlOutputFromFile('Nope'); }`);
    expect(() => emu.run('f')).toThrow('No HTML file named Nope was found.');
  });

  test('alert without buttons records and returns OK; with buttons it answers from alertResponses', () => {
    const emu = emulate(`
      function plain() { return SpreadsheetApp.getUi().alert('Done'); }
      function ask() {
        var ui = SpreadsheetApp.getUi();
        var r = ui.alert('Send digests?', 'This emails 12 principals.', ui.ButtonSet.YES_NO);
        return r === ui.Button.YES ? 'sent' : 'cancelled';
      }`);
    expect(emu.run('plain').value).toBe('OK');
    emu.alertResponses.push('NO', 'YES');
    expect(emu.run('ask').value).toBe('cancelled');
    expect(emu.run('ask').value).toBe('sent');
    expect(() => emu.run('ask')).toThrow('not implemented: unanswered alert: This emails 12 principals.');
    emu.alertResponses = ['OK'];
    expect(() => emu.run('ask')).toThrow('OK is not a button of ButtonSet.YES_NO');
    expect(emu.ui.alerts.slice(0, 2)).toEqual([
      { prompt: 'Done', response: 'OK' },
      { title: 'Send digests?', prompt: 'This emails 12 principals.', buttons: 'YES_NO', response: 'NO' },
    ]);
  });
});

describe('dialogs that ask', () => {
  const CODE = `
    function askDate() {
      var ui = SpreadsheetApp.getUi();
      var r = ui.prompt('New school year', 'First day of calls (YYYY-MM-DD):', ui.ButtonSet.OK_CANCEL);
      return [r.getSelectedButton(), r.getResponseText()];
    }
    function askName() {
      var r = SpreadsheetApp.getUi().prompt('Your name?');
      return [String(r.getSelectedButton()), r.getResponseText()];
    }
    function confirmThenWrite() {
      var ui = SpreadsheetApp.getUi();
      var sheet = SpreadsheetApp.getActive().getSheetByName('Sheet1');
      sheet.getRange('A1').setValue('asked');
      var r = ui.alert('Send digests now', 'Send 3 emails?', ui.ButtonSet.YES_NO);
      sheet.getRange('A2').setValue(r === ui.Button.YES ? 'sent' : 'kept');
      var p = ui.prompt('Note', 'Why?', ui.ButtonSet.OK_CANCEL);
      sheet.getRange('A3').setValue(p.getResponseText());
      return r;
    }`;

  test('prompt answers from alertResponses with a button and the text typed; the text stays whatever closed it', () => {
    const emu = emulate(CODE);
    emu.alertResponses = [
      { button: 'OK', text: '2027-08-20' },
      { button: 'CANCEL', text: 'typed anyway' },
    ];
    expect(emu.run('askDate').value).toEqual(['OK', '2027-08-20']);
    expect(emu.run('askDate').value).toEqual(['CANCEL', 'typed anyway']);
    emu.alertResponses = ['CLOSE'];
    expect(emu.run('askName').value).toEqual(['CLOSE', '']);
    // prompt(text) shows an OK button only; prompts are recorded apart from alerts.
    expect(emu.ui.prompts).toEqual([
      {
        title: 'New school year',
        prompt: 'First day of calls (YYYY-MM-DD):',
        buttons: 'OK_CANCEL',
        response: { button: 'OK', text: '2027-08-20' },
      },
      {
        title: 'New school year',
        prompt: 'First day of calls (YYYY-MM-DD):',
        buttons: 'OK_CANCEL',
        response: { button: 'CANCEL', text: 'typed anyway' },
      },
      { prompt: 'Your name?', buttons: 'OK', response: { button: 'CLOSE', text: '' } },
    ]);
    expect(emu.ui.alerts).toEqual([]);
  });

  test('a prompt nobody answers, or answered with a button it does not show, fails loudly', () => {
    const emu = emulate(CODE);
    expect(() => emu.run('askName')).toThrow('not implemented: unanswered prompt: Your name?');
    emu.alertResponses = [{ button: 'YES', text: 'x' }];
    expect(() => emu.run('askDate')).toThrow('YES is not a button of ButtonSet.OK_CANCEL');
    expect(() =>
      emulate(
        `function f() { var ui = SpreadsheetApp.getUi(); ui.alert('Sure?', ui.ButtonSet.YES_NO); }`,
        {},
      ).run('f'),
    ).toThrow('not implemented: unanswered alert: Sure?');
  });

  test('runInteractive: the execution waits mid-run for the person, who answers each question in turn', async () => {
    const emu = emulate(CODE, { now: undefined });
    const asked: string[] = [];
    const execution = await emu.runInteractive(
      { fn: 'confirmThenWrite', user: TEACHER },
      async (question) => {
        asked.push(`${question.kind}: ${question.prompt} [${question.buttons}]`);
        // What the execution wrote before asking is already in the sheet while the question is open.
        if (question.kind === 'alert')
          expect(emu.spreadsheet.getSheetByName('Sheet1')!.getRange('A1:A2').getValues()).toEqual([
            ['asked'],
            [''],
          ]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        return question.kind === 'alert' ? 'YES' : { button: 'OK', text: 'weekly' };
      },
    );
    expect(execution.value).toBe('YES');
    expect(asked).toEqual(['alert: Send 3 emails? [YES_NO]', 'prompt: Why? [OK_CANCEL]']);
    expect(emu.spreadsheet.getSheetByName('Sheet1')!.getRange('A1:A3').getValues()).toEqual([
      ['asked'],
      ['sent'],
      ['weekly'],
    ]);
    expect(execution.calls).toContain('Ui.prompt');
    expect(execution.calls).toContain('PromptResponse.getResponseText');
  });

  test('a prompt is refused in AuthMode.NONE, like every dialog', () => {
    const emu = emulate(`function onOpen() { SpreadsheetApp.getUi().prompt('Name?'); }`);
    emu.alertResponses.push({ button: 'OK', text: 'x' });
    expect(() => emu.open({ user: TEACHER, authMode: 'NONE' })).toThrow();
  });
});

describe('HtmlService', () => {
  test('HtmlOutput setters and getters', () => {
    const emu = emulate(`
      function out() {
        var o = HtmlService.createHtmlOutput('<b>a</b>').append('<i>b</i>').appendUntrusted('<c>')
          .setTitle('T').setWidth(300).setSandboxMode(HtmlService.SandboxMode.IFRAME)
          .setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL).addMetaTag('viewport', 'width=device-width')
          .setFaviconUrl('https://x/icon.png');
        return [o.getContent(), o.getTitle(), o.getWidth(), o.getHeight(), o.getFaviconUrl()];
      }`);
    expect(emu.run('out').value).toEqual(['<b>a</b><i>b</i>&lt;c&gt;', 'T', 300, null, 'https://x/icon.png']);
  });

  test('templates: <?= ?> escapes, <?!= ?> is raw, <? ?> runs code with assigned properties and script globals', () => {
    const emu = emulate({
      code: `
        function greeting_() { return 'Hello'; }
        function render() {
          var t = HtmlService.createTemplateFromFile('Page');
          t.name = '<Ana & "Bo">';
          t.items = ['x', 'y'];
          return t.evaluate().getContent();
        }
        function inline() {
          var t = HtmlService.createTemplate('<?= SpreadsheetApp.getActive().getName() ?>');
          return t.evaluate().getContent();
        }`,
      files: {
        'Page.html':
          '<p><?= greeting_() ?> <?= name ?></p><?!= "<hr>" ?><? for (var i = 0; i < items.length; i++) { ?><li><?= items[i] ?></li><? } ?>',
      },
    });
    expect(emu.run('render').value).toBe(
      '<p>Hello &lt;Ana &amp; &quot;Bo&quot;&gt;</p><hr><li>x</li><li>y</li>',
    );
    const ex = emu.run('inline');
    expect(ex.value).toBe('Relationship Call Tracker');
    expect(ex.calls).toEqual([
      'HtmlService.createTemplate',
      'HtmlTemplate.evaluate',
      'SpreadsheetApp.getActive',
      'Spreadsheet.getName',
      'HtmlOutput.getContent',
    ]);
  });
});
