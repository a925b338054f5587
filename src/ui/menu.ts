/**
 * The "Relationship Calls" menu, by role: each item names an entry point of src/main.ts and who
 * it is for. Where the add-on knows the person (a Staff lookup in onOpen), they see only their
 * items; where it cannot (AuthMode.NONE, a blank email), the items of principals and leaders sit
 * in a submenu that says whom they are for, so no one meets an item that only refuses them.
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
];

const RANK: Readonly<Record<MenuAudience, number>> = { everyone: 0, principals: 1, leaders: 2 };

/** The entries a person of `audience` sees (only those for `only`, when given), separators only between items. */
export function entriesFor(audience: MenuAudience, only?: MenuAudience): MenuEntry[] {
  const entries: MenuEntry[] = [];
  let separate = false;
  for (const e of MENU_ENTRIES) {
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
 * Builds the menu; touches nothing but the Ui, so it works in AuthMode.NONE. `audience` null: the
 * add-on does not know who is at the keyboard.
 */
export function addMenu(ui: GoogleAppsScript.Base.Ui, audience: MenuAudience | null): void {
  const menu = ui.createMenu(MENU_NAME);
  if (audience) {
    addEntries(menu, entriesFor(audience));
  } else {
    addEntries(menu, entriesFor('everyone'));
    const forPrincipals = ui.createMenu(FOR_PRINCIPALS_AND_LEADERS);
    addEntries(forPrincipals, entriesFor('principals', 'principals'));
    const forLeaders = ui.createMenu(FOR_LEADERS);
    addEntries(forLeaders, entriesFor('leaders', 'leaders'));
    menu.addSeparator().addSubMenu(forPrincipals.addSeparator().addSubMenu(forLeaders));
  }
  menu.addToUi();
}
