/** Links straight to a row of a tab, for the sidebar and emails. */

/** Makes links to rows of `sheet`: two service calls, however many links. */
export function rowLinker(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
): (row: number) => string {
  const base = `${ss.getUrl()}#gid=${sheet.getSheetId()}`;
  return (row) => `${base}&range=A${row}`;
}
