/**
 * The menu by role: onOpen (a simple trigger, AuthMode.LIMITED) looks the person up on Staff and
 * shows only what they may use; where it cannot know (AuthMode.NONE, a blank email) the items of
 * principals and leaders sit in a submenu saying whom they are for. No item only refuses.
 */
import type { Emulator, MenuRecord } from '../../dev/emulator';
import { districtTracker } from './districtWorld';
import {
  addRows,
  newEmulator,
  newTracker,
  OAK_PRINCIPAL,
  OWNER,
  PRINCIPAL,
  STRANGER,
  SUPPORT,
  TEACHER,
} from './helpers';

function captions(menu: MenuRecord): string[] {
  return menu.items.flatMap((i) =>
    'submenu' in i
      ? [`${i.submenu.name} ▸`, ...captions(i.submenu).map((c) => `  ${c}`)]
      : 'functionName' in i
        ? [i.caption]
        : ['—'],
  );
}

function menuOf(emu: Emulator, user: string): string[] {
  emu.ui.menus.splice(0);
  emu.open({ user });
  expect(emu.ui.menus.map((m) => m.name)).toEqual(['Relationship Calls']);
  return captions(emu.ui.menus[0]);
}

const TEACHERS = ['Log a call', 'Check call log'];
const PRINCIPALS = [...TEACHERS, '—', 'My school', 'Refresh summary', 'Preview digest', 'Send digests now'];
const LEADERS = [
  ...PRINCIPALS,
  '—',
  'Schedule weekly digests',
  'Stop weekly digests',
  '—',
  'Set up tracker',
  '—',
  'Start a new school year',
  'Close this school year',
];

describe('the menu by role', () => {
  let emu: Emulator;
  beforeAll(() => {
    emu = newTracker();
  });

  it('a teacher or support staff sees only what they may use', () => {
    expect(menuOf(emu, TEACHER)).toEqual(TEACHERS);
    expect(menuOf(emu, SUPPORT)).toEqual(TEACHERS);
  });

  it("a principal also sees the Summary's refresh and the digests", () => {
    expect(menuOf(emu, PRINCIPAL)).toEqual(PRINCIPALS);
  });

  it('a leader sees everything', () => {
    expect(menuOf(emu, OWNER)).toEqual(LEADERS);
  });

  it('someone of the domain not on Staff sees what everyone sees (Log a call says why they cannot yet)', () => {
    expect(menuOf(emu, 'new.hire@district.example.org')).toEqual(TEACHERS);
  });

  it.each([
    ['a blank email', ''],
    ['an account outside the domain (Google shares no email with a simple trigger)', STRANGER],
  ])('%s cannot be looked up: the other items say whom they are for', (_who, user) => {
    expect(menuOf(emu, user)).toEqual([
      ...TEACHERS,
      '—',
      'For principals and leaders ▸',
      '  My school',
      '  Refresh summary',
      '  Preview digest',
      '  Send digests now',
      '  —',
      '  For leaders ▸',
      '    Schedule weekly digests',
      '    Stop weekly digests',
      '    —',
      '    Set up tracker',
      '    —',
      '    Start a new school year',
      '    Close this school year',
    ]);
  });

  it('in a new spreadsheet (no Staff tab yet) its owner sees Set up tracker', () => {
    const fresh = newEmulator();
    // Not a tracker of either kind yet: it may also become a district tracker.
    expect(menuOf(fresh, OWNER)).toEqual([...LEADERS, 'Set up district rollup']);
    expect(menuOf(fresh, TEACHER)[0]).toBe('Log a call');
  });

  it('a district tracker shows its leaders its own items, and nobody else an item that would refuse them', () => {
    const district = districtTracker(newEmulator().drive, OWNER, [OAK_PRINCIPAL]);
    const items = [
      'Refresh district rollup',
      'Preview district digest',
      'Send district digest now',
      '—',
      'Set up district rollup',
    ];
    expect(menuOf(district, OWNER)).toEqual(items);
    expect(menuOf(district, OAK_PRINCIPAL)).toEqual(items);
    district.ui.menus.splice(0);
    district.open({ user: TEACHER });
    expect(district.ui.menus).toEqual([]);
  });

  it('opening costs a Staff lookup by search, the same for 5 staff as for 2,000', () => {
    const cost = (extra: number): [number, number] => {
      const tracker = newTracker();
      addRows(
        tracker,
        'Staff',
        Array.from({ length: extra }, (_, i) => ({
          Email: `t${i}@district.example.org`,
          Name: `Teacher ${i}`,
          School: 'Maple Elementary',
          Role: 'Teacher',
          'Call Goal': 5,
        })),
      );
      const execution = tracker.open({ user: PRINCIPAL })!;
      expect(execution.calls).toContain('Range.createTextFinder');
      return [execution.serviceCalls, execution.cellsRead];
    };
    expect(cost(2_000)).toEqual(cost(0));
  });

  it.each([
    ['a teacher', TEACHER],
    ['a principal', PRINCIPAL],
    ['a leader', OWNER],
  ])('no item in the menu of %s refuses them', (_who, user) => {
    const tracker = newTracker();
    tracker.ui.menus.splice(0);
    tracker.open({ user });
    const items = tracker.ui.menus[0].items.filter(
      (i): i is { caption: string; functionName: string } => 'functionName' in i,
    );
    for (const item of items) {
      const before = tracker.ui.alerts.length;
      // Questions are answered No: what matters here is that the item does not turn them away.
      tracker.alertResponses = item.functionName === 'sendDigestsNow' ? ['NO'] : [];
      tracker.run(item.functionName, [], { user });
      const said = tracker.ui.alerts.slice(before).map((a) => a.prompt);
      for (const text of said) expect(text).not.toMatch(/^Only |are for |cannot |not on the Staff tab/);
    }
  });
});
