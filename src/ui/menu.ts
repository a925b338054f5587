/**
 * The "Relationship Calls" menu, by role and by the kind of tracker: each item names an entry
 * point of src/main.ts and who it is for. Where the add-on knows the person (a Staff lookup in
 * onOpen), they see only their items; where it cannot (AuthMode.NONE, a blank email), the items of
 * principals and leaders sit in a submenu that says whom they are for, so no one meets an item that
 * only refuses them.
 */

export const MENU_NAME = 'Relationship Calls';
export const FOR_PRINCIPALS_AND_LEADERS = 'For principals and leaders';
export const FOR_LEADERS = 'For leaders';

/** Who an item is for: everyone, principals and leaders, or leaders (and the spreadsheet's owner). */
export type MenuAudience = 'everyone' | 'principals' | 'leaders';

export interface MenuItem {
  caption: string;
  functionName: string;
  who: MenuAudience;
}

export type MenuEntry = MenuItem | 'separator';

/** A school tracker's menu. */
export const MENU_ENTRIES: readonly MenuEntry[] = [
  { caption: 'Log a call', functionName: 'showCallForm', who: 'everyone' },
  { caption: 'Check call log', functionName: 'checkCallLog', who: 'everyone' },
  'separator',
  { caption: 'My school', functionName: 'showMySchool', who: 'principals' },
  { caption: 'Refresh summary', functionName: 'refreshSummary', who: 'principals' },
  { caption: 'Preview digest', functionName: 'previewDigest', who: 'principals' },
  { caption: 'Send digests now', functionName: 'sendDigestsNow', who: 'principals' },
  'separator',
  { caption: 'Schedule weekly digests', functionName: 'scheduleWeeklyDigests', who: 'leaders' },
  { caption: 'Stop weekly digests', functionName: 'stopWeeklyDigests', who: 'leaders' },
  'separator',
  { caption: 'Set up tracker', functionName: 'setUpTracker', who: 'leaders' },
  'separator',
  { caption: 'Start a new school year', functionName: 'startNewSchoolYear', who: 'leaders' },
  { caption: 'Close this school year', functionName: 'closeSchoolYear', who: 'leaders' },
];

/** A district tracker's menu: it holds numbers from school trackers, never calls; its leaders' only. */
export const DISTRICT_MENU_ENTRIES: readonly MenuEntry[] = [
  { caption: 'Refresh district rollup', functionName: 'refreshDistrictRollup', who: 'leaders' },
  { caption: 'Preview district digest', functionName: 'previewDistrictDigest', who: 'leaders' },
  { caption: 'Send district digest now', functionName: 'sendDistrictDigestNow', who: 'leaders' },
  'separator',
  { caption: 'Set up district rollup', functionName: 'setUpDistrictRollup', who: 'leaders' },
];

/** The items for a spreadsheet whose kind is not known yet: a tracker's, and the way to make it a district's. */
const FIRST_MENU_ENTRIES: readonly MenuEntry[] = [
  ...MENU_ENTRIES,
  { caption: 'Set up district rollup', functionName: 'setUpDistrictRollup', who: 'leaders' },
];

const RANK: Readonly<Record<MenuAudience, number>> = { everyone: 0, principals: 1, leaders: 2 };

/**
 * Of `all`, the entries a person of `audience` sees (only those for `only`, when given),
 * separators only between items.
 */
export function entriesFor(
  audience: MenuAudience,
  only?: MenuAudience,
  all: readonly MenuEntry[] = MENU_ENTRIES,
): MenuEntry[] {
  const entries: MenuEntry[] = [];
  let separate = false;
  for (const e of all) {
    if (e === 'separator') separate = entries.length > 0;
    else if (only ? e.who === only : RANK[e.who] <= RANK[audience]) {
      if (separate) entries.push('separator');
      entries.push(e);
      separate = false;
    }
  }
  return entries;
}

function addEntries(menu: GoogleAppsScript.Base.Menu, entries: readonly MenuEntry[]): void {
  for (const entry of entries) {
    if (entry === 'separator') menu.addSeparator();
    else menu.addItem(entry.caption, entry.functionName);
  }
}

/**
 * Builds the menu; touches nothing but the Ui, so it works in AuthMode.NONE. `kind`: the kind of
 * tracker (null: not known, as before any setup or in AuthMode.NONE). `audience` null: the add-on
 * does not know who is at the keyboard. Someone known to have no item here gets no menu.
 */
export function addMenu(
  ui: GoogleAppsScript.Base.Ui,
  kind: 'school' | 'district' | null,
  audience: MenuAudience | null,
): void {
  const all =
    kind === 'district' ? DISTRICT_MENU_ENTRIES : kind === 'school' ? MENU_ENTRIES : FIRST_MENU_ENTRIES;
  const menu = ui.createMenu(MENU_NAME);
  if (audience) {
    const entries = entriesFor(audience, undefined, all);
    if (entries.length === 0) return;
    addEntries(menu, entries);
  } else {
    addEntries(menu, entriesFor('everyone', 'everyone', all));
    const forLeaders = ui.createMenu(FOR_LEADERS);
    addEntries(forLeaders, entriesFor('leaders', 'leaders', all));
    const principals = entriesFor('principals', 'principals', all);
    if (principals.length === 0) {
      menu.addSubMenu(forLeaders);
    } else {
      const forPrincipals = ui.createMenu(FOR_PRINCIPALS_AND_LEADERS);
      addEntries(forPrincipals, principals);
      if (all.some((e) => e !== 'separator' && e.who === 'everyone')) menu.addSeparator();
      menu.addSubMenu(forPrincipals.addSeparator().addSubMenu(forLeaders));
    }
  }
  menu.addToUi();
}
