/**
 * Several spreadsheets in one Drive: each its own id, URL, owner, sharing, tabs, protections,
 * properties and triggers; SpreadsheetApp.openById fails as Sheets does when the file is gone,
 * not shared, or the script lacks the scope or runs as a simple trigger.
 */
import { Emulator } from '../../dev/emulator';
import { ALL_SCOPES, OWNER, TEACHER, emulate, writeProject } from './helpers';

const SPREADSHEETS = 'https://www.googleapis.com/auth/spreadsheets';
const LEADER = 'leader@district.example.org';

const CODE = `
  function readOther(id) {
    var other = SpreadsheetApp.openById(id);
    return [other.getName(), other.getOwner().getEmail(), other.getUrl(),
      other.getSheetByName('Rollup').getRange('A1:B2').getValues()];
  }
  function writeOther(id, value) {
    SpreadsheetApp.openById(id).getSheetByName('Rollup').getRange('C1').setValue(value);
  }
  function canEditOther(id) {
    return SpreadsheetApp.openById(id).getSheetByName('Rollup').getProtections(SpreadsheetApp.ProtectionType.SHEET)[0].canEdit();
  }
  function interleave(id) {
    var mine = SpreadsheetApp.getActive();
    var other = SpreadsheetApp.openById(id);
    var theirs = other.getSheetByName('Rollup');
    mine.getSheets()[0].getRange('A1').setValue('mine');
    theirs.getRange('D1').setValue('theirs');
    PropertiesService.getDocumentProperties().setProperty('where', 'the bound spreadsheet');
    return [mine.getSheetByName('Rollup'), other.getSheetByName('Rollup') !== null, other.getId() === mine.getId()];
  }
  function install() { ScriptApp.newTrigger('scheduled').timeBased().everyDays(1).create(); }
  function scheduled() { return readOther(PropertiesService.getDocumentProperties().getProperty('school')); }
  function triggers() { return ScriptApp.getProjectTriggers().length; }
  function onOpen(e) { SpreadsheetApp.openById(e.source.getId()); }`;

function district(scopes: string[] = [...ALL_SCOPES, SPREADSHEETS]): Emulator {
  return emulate(
    { code: CODE, manifest: { timeZone: 'America/Chicago', oauthScopes: scopes } },
    { owner: LEADER, name: 'District' },
  );
}

/** A second spreadsheet in the same Drive, with a protected Rollup tab holding numbers. */
function school(d: Emulator, owner = 'principal@district.example.org'): Emulator {
  const s = new Emulator({ drive: d.drive, owner, name: 'Maple Elementary tracker' }).load(
    writeProject({ code: 'function f() {}' }),
  );
  const sheet = s.spreadsheet.insertSheet('Rollup');
  sheet.getRange('A1:B2').setValues([
    ['School', '% Met'],
    ['Maple Elementary', 0.5],
  ]);
  sheet.protect().removeEditors([TEACHER]).addEditor(LEADER);
  return s;
}

test('a script opens a spreadsheet shared with the person running it, and reads it', () => {
  const d = district();
  const s = school(d);
  s.share(LEADER, 'view');
  const ex = d.run('readOther', [s.id], { user: LEADER });
  expect(ex.value).toEqual([
    'Maple Elementary tracker',
    'principal@district.example.org',
    `https://docs.google.com/spreadsheets/d/${s.id}/edit`,
    [
      ['School', '% Met'],
      ['Maple Elementary', 0.5],
    ],
  ]);
  // Counted in the execution that made them, like every service call.
  expect(ex.calls).toContain('SpreadsheetApp.openById');
  expect(ex.cellsRead).toBe(4);
  expect(s.id).not.toBe(d.id);
});

test('a missing, trashed or unshared spreadsheet fails with the messages Sheets gives', () => {
  const d = district();
  const s = school(d);
  expect(() => d.run('readOther', ['1NoSuchSpreadsheet'], { user: LEADER })).toThrow(
    "Document 1NoSuchSpreadsheet is missing (perhaps it was deleted, or you don't have read access?)",
  );
  expect(() => d.run('readOther', [s.id], { user: LEADER })).toThrow(
    'You do not have permission to access the requested document.',
  );
  s.share(LEADER, 'edit');
  expect(() => d.run('readOther', [s.id], { user: LEADER })).not.toThrow();
  s.trash();
  expect(() => d.run('readOther', [s.id], { user: LEADER })).toThrow(`Document ${s.id} is missing`);
  s.trash(false);
  s.share(LEADER, null);
  expect(s.accessOf(LEADER)).toBeNull();
  expect(() => d.run('readOther', [s.id], { user: LEADER })).toThrow('You do not have permission');
});

test('openById needs the full spreadsheets scope and an authorized run', () => {
  const narrow = district(ALL_SCOPES);
  const s = school(narrow);
  s.share(LEADER, 'edit');
  expect(() => narrow.run('readOther', [s.id], { user: LEADER })).toThrow(
    `Specified permissions are not sufficient to call SpreadsheetApp.openById. Required permissions: ${SPREADSHEETS}`,
  );
  const wide = district();
  expect(() => wide.open({ user: LEADER })).toThrow(
    'You do not have permission to call SpreadsheetApp.openById',
  );
});

test("access is the effective user's: a trigger opens what its creator may open", () => {
  const d = district();
  const s = school(d);
  s.share(LEADER, 'view');
  d.documentProperties.set('school', s.id);
  d.run('install', [], { user: LEADER });
  expect(() => d.run('readOther', [s.id], { user: TEACHER })).toThrow('You do not have permission');
  const fired = d.fireTrigger(d.triggers[0].uniqueId);
  expect(fired.user).toBe(LEADER);
  expect((fired.value as unknown[])[0]).toBe('Maple Elementary tracker');
  // Each spreadsheet has its own triggers.
  expect(d.run('triggers', [], { user: LEADER }).value).toBe(1);
  expect(s.triggers).toEqual([]);
});

test("a viewer reads but cannot edit; an editor's writes obey the other spreadsheet's protections", () => {
  const d = district();
  const s = school(d);
  s.share(LEADER, 'view');
  expect(d.run('canEditOther', [s.id], { user: LEADER }).value).toBe(false);
  expect(() => d.run('writeOther', [s.id, 1], { user: LEADER })).toThrow(
    'not implemented: writing a spreadsheet shared with the user as a viewer',
  );
  s.share(LEADER, 'edit');
  expect(d.run('canEditOther', [s.id], { user: LEADER }).value).toBe(true);
  d.run('writeOther', [s.id, 0.75], { user: LEADER });
  expect(s.spreadsheet.getSheetByName('Rollup')!.getRange('C1').getValue()).toBe(0.75);

  s.share(TEACHER, 'edit');
  expect(d.run('canEditOther', [s.id], { user: TEACHER }).value).toBe(false);
  expect(() => d.run('writeOther', [s.id, 1], { user: TEACHER })).toThrow(
    'You are trying to edit a protected cell or object.',
  );
});

test('each object stays with its spreadsheet: cells, tabs and properties never cross', () => {
  const d = district();
  const s = school(d);
  s.share(LEADER, 'edit');
  const ex = d.run('interleave', [s.id], { user: LEADER });
  expect(ex.value).toEqual([null, true, false]);
  expect(d.spreadsheet.getSheets()[0].getRange('A1').getValue()).toBe('mine');
  expect(s.spreadsheet.getSheetByName('Rollup')!.getRange('D1').getValue()).toBe('theirs');
  expect(s.spreadsheet.getSheets()[0].getRange('A1').getValue()).toBe('');
  expect(d.documentProperties.get('where')).toBe('the bound spreadsheet');
  expect(s.documentProperties.size).toBe(0);
});

test('a spreadsheet joins a Drive with its clock and a fresh id; sharing survives toJSON', () => {
  const d = district();
  expect(() => new Emulator({ drive: d.drive, now: new Date() })).toThrow('keeps its clock');
  const s = school(d, OWNER);
  s.share('Viewer@District.Example.org', 'view');
  expect(s.accessOf('viewer@district.example.org')).toBe('view');
  expect(s.accessOf(OWNER)).toBe('owner');
  expect(s.clock).toBe(d.clock);
  const copy = Emulator.fromJSON(JSON.parse(JSON.stringify(s.toJSON())) as ReturnType<Emulator['toJSON']>);
  expect(copy.accessOf('viewer@district.example.org')).toBe('view');
  expect(() => Emulator.fromJSON(s.toJSON(), { drive: d.drive })).toThrow('already in this Drive');
});
