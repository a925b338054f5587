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

/** Builds the menu; touches nothing but the Ui, so it works in AuthMode.NONE. */
export function addMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createMenu(MENU_NAME);
  for (const entry of MENU_ENTRIES) {
    if (entry === 'separator') menu.addSeparator();
    else menu.addItem(entry.caption, entry.functionName);
  }
  menu.addToUi();
}
