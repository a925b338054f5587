/** Links between trackers (a district tracker and its schools): a spreadsheet's address and its id. */

/** A Google Sheets id: the long run of letters, digits, - and _ in a spreadsheet's address. */
const ID = /^[A-Za-z0-9_-]{25,}$/;
const IN_URL = /\/spreadsheets\/d\/([A-Za-z0-9_-]{25,})/;

/**
 * The id in a spreadsheet's link as people copy it from the browser (any tab, any query), or a
 * bare id; null for anything else.
 */
export function spreadsheetIdOf(link: string): string | null {
  const text = link.trim();
  if (/\s/.test(text)) return null; // a link is one word: "<link> and more" is not one
  if (ID.test(text)) return text;
  const match = IN_URL.exec(text);
  if (!match || !/^https:\/\/docs\.google\.com\//.test(text)) return null;
  return match[1];
}

/** The address of a spreadsheet by its id. */
export function spreadsheetUrl(id: string): string {
  return `https://docs.google.com/spreadsheets/d/${id}/edit`;
}

/** A spreadsheet's address as its address bar shows it (…/d/<id>/edit), from any link to it or its id; null for anything else. */
export function spreadsheetLink(link: string): string | null {
  const id = spreadsheetIdOf(link);
  return id ? spreadsheetUrl(id) : null;
}
