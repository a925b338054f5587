/** The "Relationship Calls" menu. Every item names an entry point of src/main.ts. */

export const MENU_NAME = 'Relationship Calls';

export type MenuEntry = { caption: string; functionName: string } | 'separator';

export const MENU_ENTRIES: readonly MenuEntry[] = [
  { caption: 'Log a call', functionName: 'showCallForm' },
  'separator',
  { caption: 'Refresh summary', functionName: 'refreshSummary' },
  { caption: 'Check call log', functionName: 'checkCallLog' },
  'separator',
  { caption: 'Preview digest', functionName: 'previewDigest' },
  { caption: 'Send digests now', functionName: 'sendDigestsNow' },
  { caption: 'Schedule weekly digests', functionName: 'scheduleWeeklyDigests' },
  { caption: 'Stop weekly digests', functionName: 'stopWeeklyDigests' },
  'separator',
  { caption: 'Set up tracker', functionName: 'setUpTracker' },
  { caption: 'Start a new school year', functionName: 'startNewSchoolYear' },
  { caption: 'Close this school year', functionName: 'closeSchoolYear' },
];

/** A district tracker's menu: it holds numbers from school trackers, never calls. */
export const DISTRICT_MENU_ENTRIES: readonly MenuEntry[] = [
  { caption: 'Refresh district rollup', functionName: 'refreshDistrictRollup' },
  { caption: 'Preview district digest', functionName: 'previewDistrictDigest' },
  { caption: 'Send district digest now', functionName: 'sendDistrictDigestNow' },
  'separator',
  { caption: 'Set up district rollup', functionName: 'setUpDistrictRollup' },
];

/** The items for a spreadsheet whose kind is not known yet: a tracker's, and the way to make it a district's. */
const FIRST_MENU_ENTRIES: readonly MenuEntry[] = [
  ...MENU_ENTRIES,
  { caption: 'Set up district rollup', functionName: 'setUpDistrictRollup' },
];

/**
 * Builds the menu for the kind of tracker this is (null: not known, as before any setup or in
 * AuthMode.NONE); touches nothing but the Ui, so it works in AuthMode.NONE.
 */
export function addMenu(ui: GoogleAppsScript.Base.Ui, kind: 'school' | 'district' | null = null): void {
  const menu = ui.createMenu(MENU_NAME);
  const entries =
    kind === 'district' ? DISTRICT_MENU_ENTRIES : kind === 'school' ? MENU_ENTRIES : FIRST_MENU_ENTRIES;
  for (const entry of entries) {
    if (entry === 'separator') menu.addSeparator();
    else menu.addItem(entry.caption, entry.functionName);
  }
  menu.addToUi();
}
