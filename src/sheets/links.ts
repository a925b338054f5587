/** Links straight to a row of a tab, for the sidebar and emails. */

const urls = new WeakMap<GoogleAppsScript.Spreadsheet.Spreadsheet, string>();

/** The spreadsheet's URL, asked once per execution. */
function spreadsheetUrl(ss: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  let url = urls.get(ss);
  if (url === undefined) urls.set(ss, (url = ss.getUrl()));
  return url;
}

/** Makes links to rows of `sheet`: two service calls, however many links. */
export function rowLinker(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
): (row: number) => string {
  const base = `${spreadsheetUrl(ss)}#gid=${sheet.getSheetId()}`;
  return (row) => `${base}&range=A${row}`;
}
