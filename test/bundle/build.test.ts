import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { BUILD_DIR, newEmulator, OWNER, TEACHER } from './helpers';
import { MENU_ENTRIES } from '../../src/ui/menu';
import * as main from '../../src/main';

const code = fs.readFileSync(path.join(BUILD_DIR, 'Code.js'), 'utf8');
const entryPoints = Object.keys(main).filter(
  (k) => typeof (main as Record<string, unknown>)[k] === 'function',
);

describe('build/Code.js', () => {
  it('is a classic script without module syntax or require', () => {
    expect(() => new vm.Script(code)).not.toThrow();
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\brequire\(/);
  });

  it('loads in an empty context: no service is called at load time', () => {
    const context = vm.createContext({});
    expect(() => vm.runInContext(code, context)).not.toThrow();
    for (const name of entryPoints) expect(typeof context[name]).toBe('function');
  });

  it('declares every export of src/main.ts as a real top-level function, once', () => {
    expect(entryPoints).toEqual(
      expect.arrayContaining([
        'onOpen',
        'onInstall',
        'onEdit',
        'showCallForm',
        'getCallFormData',
        'submitCall',
        'setUpTracker',
        'checkCallLog',
        'refreshSummary',
      ]),
    );
    for (const name of entryPoints) {
      expect(code.match(new RegExp(`^function ${name}\\(`, 'gm'))).toHaveLength(1);
    }
  });

  it('ships the sidebar with its script and style inlined, and the manifest', () => {
    const sidebar = fs.readFileSync(path.join(BUILD_DIR, 'Sidebar.html'), 'utf8');
    expect(sidebar).not.toContain('/* SCRIPT */');
    expect(sidebar).not.toContain('/* STYLE */');
    expect(sidebar).toContain('getCallFormData');
    const manifest = JSON.parse(fs.readFileSync(path.join(BUILD_DIR, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/spreadsheets');
    expect(manifest.oauthScopes).not.toContain('https://www.googleapis.com/auth/drive');
  });
});

describe('entry points in the emulator', () => {
  it('every entry point is a global function of the script', () => {
    const emu = newEmulator();
    for (const name of entryPoints) expect(typeof emu.global[name]).toBe('function');
  });

  it("onOpen builds the menu in AuthMode.NONE (a tracker's items and Set up district rollup), and every item names an entry point", () => {
    const emu = newEmulator();
    const execution = emu.run('onOpen', [{ authMode: 'NONE' }], { user: TEACHER, authMode: 'NONE' });
    expect(
      execution.calls.every(
        (c) => c.startsWith('SpreadsheetApp.getUi') || c.startsWith('Ui.') || c.startsWith('Menu.'),
      ),
    ).toBe(true);
    const [menu] = emu.ui.menus;
    expect(menu.name).toBe('Relationship Calls');
    const items = menu.items.filter(
      (i): i is { caption: string; functionName: string } => 'functionName' in i,
    );
    expect(items.map((i) => i.caption)).toEqual([
      ...MENU_ENTRIES.flatMap((e) => (e === 'separator' ? [] : [e.caption])),
      'Set up district rollup',
    ]);
    for (const item of items) expect(typeof emu.global[item.functionName]).toBe('function');
  });

  it('onInstall builds the same menu', () => {
    const emu = newEmulator();
    emu.run('onInstall', [{ authMode: 'FULL' }], { user: OWNER });
    expect(emu.ui.menus.map((m) => m.name)).toEqual(['Relationship Calls']);
  });

  it('"Log a call" opens the sidebar as the teacher', () => {
    const emu = newEmulator();
    emu.run('showCallForm', [], { user: TEACHER });
    expect(emu.ui.sidebars).toHaveLength(1);
    expect(emu.ui.sidebars[0].title).toBe('Log a call');
  });
});
