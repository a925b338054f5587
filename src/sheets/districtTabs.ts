/**
 * A district tracker's own tabs: Trackers (the links a leader pastes, and what the refresh found
 * there) and District (one row per school, the total and a chart), each read once and written
 * with a constant number of calls whatever the number of schools.
 */
import { DISTRICT, TabSchema, TRACKERS } from '../core/schema';
import { cellGetter, findSheet, getTab, isBlankRow, readTable, Table } from './table';
import { numberFormatOf } from './rollupTab';
import { text } from '../core/records';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const HEADER_BACKGROUND = '#e8f0fe';
const CHART_TITLE = '% of staff who met their goal, by school';

export interface TrackerLine {
  /** Sheet row. */
  row: number;
  link: string;
}

/** The Trackers tab's links, one read. */
export function readTrackerLinks(ss: Spreadsheet): { table: Table; lines: TrackerLine[] } {
  const table = readTable(ss, TRACKERS);
  const lines: TrackerLine[] = [];
  table.rows.forEach((row, i) => {
    if (isBlankRow(row)) return;
    const link = text(cellGetter(table, row)('tracker'));
    if (link) lines.push({ row: i + 2, link });
  });
  return { table, lines };
}

export interface TrackerFound {
  schools: string;
  status: string;
  checkedAt: Date;
}

/** Writes what the refresh found into the Trackers tab's own columns (one write per column), by row. */
export function writeTrackerStatus(table: Table, found: ReadonlyMap<number, TrackerFound>): void {
  const count = table.rows.length;
  if (count === 0) return;
  const fields: Array<keyof TrackerFound> = ['schools', 'status', 'checkedAt'];
  for (const field of fields) {
    const at = table.index[field];
    if (at < 0) continue;
    const values = table.rows.map((row, i) => [found.get(i + 2)?.[field] ?? row[at]]);
    // Plain-text cells keep what the add-on writes exactly as written.
    const range = table.sheet.getRange(2, at + 1, count, 1);
    range.setNumberFormat(field === 'checkedAt' ? 'yyyy-mm-dd hh:mm' : '@');
    range.setValues(values);
  }
}

/** The District tab, rewritten whole: values, formats by column, the total in bold, a chart of % Met by school. */
export function writeDistrictTab(ss: Spreadsheet, values: unknown[][]): void {
  const sheet = getTab(ss, DISTRICT);
  sheet.clear();
  const rows = values.length;
  const width = DISTRICT.columns.length;
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const range = sheet.getRange(1, 1, rows, width);
  const formats = DISTRICT.columns.map(numberFormatOf);
  // Formats first: text goes into plain-text cells, which keep it as written.
  range.setNumberFormats(values.map((_, r) => (r === 0 ? formats.map(() => '@') : formats)));
  range.setValues(values);
  sheet.getRange(1, 1, 1, width).setFontWeight('bold').setBackground(HEADER_BACKGROUND).setWrap(true);
  sheet.getRange(rows, 1, 1, width).setFontWeight('bold');
  sheet.setFrozenRows(1);
  sheet.setFrozenColumns(1);

  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const schools = rows - 2; // the header and the total are not schools
  if (schools > 0) {
    const percentMet = DISTRICT.columns.findIndex((c) => c.key === 'percentMet') + 1;
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(Charts.ChartType.BAR)
        .addRange(sheet.getRange(2, 1, schools, 1))
        .addRange(sheet.getRange(2, percentMet, schools, 1))
        .setPosition(rows + 2, 1, 0, 0)
        .setOption('title', CHART_TITLE)
        .setOption('legend', { position: 'none' })
        .setOption('hAxis', { format: 'percent', viewWindow: { min: 0, max: 1 } })
        .build(),
    );
  }
}

/** The District tab as written (one read), for its digest. */
export function readDistrictValues(ss: Spreadsheet): unknown[][] {
  return getTab(ss, DISTRICT).getDataRange().getValues();
}

/** A link to one of this spreadsheet's tabs. */
export function tabUrl(ss: Spreadsheet, tab: TabSchema): string {
  const sheet = findSheet(ss, tab);
  return sheet ? `${ss.getUrl()}#gid=${sheet.getSheetId()}` : ss.getUrl();
}
