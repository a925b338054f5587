/**
 * Writes the Summary tab: one clear, one setValues, and a constant number of format calls,
 * whatever the number of staff or schools. Between full rebuilds, a refresh rewrites only the
 * schools whose calls changed: their staff rows, the school table and the notes.
 */
import { normalizeName } from '../core/households';
import { ProgressStatus, SUMMARY } from '../core/schema';
import { rowPrint, SummaryBlocks, SummaryCell, SummaryLayout, SUMMARY_WIDTH } from '../core/summaryTable';
import { getTab } from './table';

const HEADER_BACKGROUND = '#e8f0fe';
/** Status at a glance: red to green, as the % of Goal scale; white without a goal. */
export const STATUS_COLOURS: Readonly<Record<ProgressStatus | '', string>> = {
  'Not started': '#f4c7c3',
  Behind: '#fce8b2',
  'On pace': '#e6f4ea',
  'Met goal': '#b7e1cd',
  'Exceeded goal': '#81c995',
  '': '#ffffff',
};
const CHART_TITLE = 'Share of staff who met their goal, by school';
const WHITE = '#ffffff';

export function writeSummary(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, layout: SummaryLayout): void {
  const sheet = getTab(ss, SUMMARY);
  sheet.clear();
  const rows = layout.values.length;
  // A district's staff table outgrows a new sheet's 1,000 rows; Sheets refuses writes past the end.
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  sheet.getRange(1, 1, rows, SUMMARY_WIDTH).setValues(layout.values);

  sheet.getRange(layout.stampRow, 1).setFontWeight('bold').setFontSize(14);
  for (const headerRow of [layout.staffHeaderRow, layout.schoolHeaderRow]) {
    sheet
      .getRange(headerRow, 1, 1, SUMMARY_WIDTH)
      .setFontWeight('bold')
      .setBackground(HEADER_BACKGROUND)
      .setWrap(true);
  }
  sheet.getRange(layout.districtRow, 1, 1, SUMMARY_WIDTH).setFontWeight('bold');
  if (layout.staffRows.count > 0) {
    sheet
      .getRange(layout.staffRows.first, layout.staffStatusColumn, layout.staffRows.count, 1)
      .setBackgrounds(layout.staffStatuses.map((status) => [STATUS_COLOURS[status]]));
  }

  const staffPercent =
    layout.staffRows.count > 0
      ? sheet.getRange(layout.staffRows.first, layout.staffPercentColumn, layout.staffRows.count, 1)
      : null;
  staffPercent?.setNumberFormat('0%');
  for (const column of layout.schoolPercentColumns) {
    sheet.getRange(layout.schoolRows.first, column, layout.schoolRows.count, 1).setNumberFormat('0%');
  }
  // A red-to-green scale makes who is behind readable at a glance.
  sheet.setConditionalFormatRules(
    staffPercent
      ? [
          SpreadsheetApp.newConditionalFormatRule()
            .setGradientMinpointWithValue('#f4c7c3', SpreadsheetApp.InterpolationType.NUMBER, '0')
            .setGradientMidpointWithValue('#fce8b2', SpreadsheetApp.InterpolationType.NUMBER, '0.5')
            .setGradientMaxpointWithValue('#b7e1cd', SpreadsheetApp.InterpolationType.NUMBER, '1')
            .setRanges([staffPercent])
            .build(),
        ]
      : [],
  );
  sheet.setFrozenRows(layout.frozenRows);

  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const schoolCount = layout.schoolRows.count - 1; // the chart shows schools, not the district total
  if (schoolCount > 0) {
    const percentMet = layout.schoolPercentColumns[0];
    sheet.insertChart(
      sheet
        .newChart()
        .setChartType(Charts.ChartType.BAR)
        .addRange(sheet.getRange(layout.schoolRows.first, 1, schoolCount, 1))
        .addRange(sheet.getRange(layout.schoolRows.first, percentMet, schoolCount, 1))
        .setPosition(layout.schoolHeaderRow, SUMMARY_WIDTH + 2, 0, 0)
        .setOption('title', CHART_TITLE)
        .setOption('legend', { position: 'none' })
        .setOption('hAxis', { format: 'percent', viewWindow: { min: 0, max: 1 } })
        .build(),
    );
  }
}

export interface StaffBlock {
  cells: SummaryCell[][];
  statuses: Array<ProgressStatus | ''>;
}

/** What a refresh of some schools rewrites. */
export interface SummaryPatch {
  stamp: SummaryCell[];
  /** The school table's rows by normalizeName of the school, and the district's. */
  schoolRows: ReadonlyMap<string, SummaryCell[]>;
  district: SummaryCell[];
  /** Each refreshed school's staff rows, and their statuses. */
  staff: ReadonlyMap<string, StaffBlock>;
  notes: SummaryCell[][];
}

/**
 * Rewrites the refreshed schools' rows where the last full write put them, after checking (one
 * read of the staff table's School column) that they are still there. Returns the blocks as they
 * now stand, or null with nothing written when the tab is not as the last write left it (sorted
 * by hand, or a school's number of rows changed): the caller then rewrites the whole tab.
 */
export function patchSummary(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  blocks: SummaryBlocks,
  patch: SummaryPatch,
): SummaryBlocks | null {
  const sheet = getTab(ss, SUMMARY);
  for (const [school, { cells }] of patch.staff) {
    const block = blocks.staff[school];
    if (cells.length !== (block?.[1] ?? 0)) return null;
  }
  if ([...patch.schoolRows.keys()].some((school) => !(school in blocks.schoolRows))) return null;
  const ranges = Object.values(blocks.staff);
  if (ranges.length > 0) {
    const first = Math.min(...ranges.map(([row]) => row));
    const last = Math.max(...ranges.map(([row, count]) => row + count - 1));
    const schools = sheet.getRange(first, blocks.staffSchoolColumn, last - first + 1, 1).getValues();
    for (const [school, [row, count]] of Object.entries(blocks.staff))
      for (let r = row; r < row + count; r++)
        if (normalizeName(String(schools[r - first][0])) !== school) return null;
  }

  sheet.getRange(blocks.stampRow, 1, 1, SUMMARY_WIDTH).setValues([patch.stamp]);
  const schoolRows = Object.values(blocks.schoolRows);
  const tableFirst = Math.min(blocks.districtRow, ...schoolRows);
  const table = sheet.getRange(tableFirst, 1, blocks.districtRow - tableFirst + 1, SUMMARY_WIDTH);
  const values = table.getValues() as SummaryCell[][];
  for (const [school, cells] of patch.schoolRows) values[blocks.schoolRows[school] - tableFirst] = cells;
  values[blocks.districtRow - tableFirst] = patch.district;
  table.setValues(values);
  // A school's rows from the first to the last that changed (known by their prints), values and
  // Status colours through one range: a staff row has no colour but its Status.
  const prints = { ...blocks.prints };
  for (const [school, { cells, statuses }] of patch.staff) {
    if (cells.length === 0) continue;
    const [row] = blocks.staff[school];
    const now = cells.map(rowPrint);
    const before = prints[school] ?? [];
    prints[school] = now;
    const changed = now.flatMap((print, i) => (print === before[i] ? [] : [i]));
    if (changed.length === 0) continue;
    const first = changed[0];
    const last = changed[changed.length - 1];
    sheet
      .getRange(row + first, 1, last - first + 1, SUMMARY_WIDTH)
      .setValues(cells.slice(first, last + 1))
      .setBackgrounds(
        statuses
          .slice(first, last + 1)
          .map((status) =>
            cells[0].map((_, c) => (c === blocks.staffStatusColumn - 1 ? STATUS_COLOURS[status] : WHITE)),
          ),
      );
  }
  // The notes are the tab's last rows: fewer than before leaves the rest blank.
  const notes = [...patch.notes];
  while (notes.length < blocks.notes.count) notes.push(new Array<SummaryCell>(SUMMARY_WIDTH).fill(''));
  const maxRows = sheet.getMaxRows();
  const lastNote = blocks.notes.first + notes.length - 1;
  if (lastNote > maxRows) sheet.insertRowsAfter(maxRows, lastNote - maxRows);
  sheet.getRange(blocks.notes.first, 1, notes.length, SUMMARY_WIDTH).setValues(notes);
  return { ...blocks, prints, notes: { first: blocks.notes.first, count: patch.notes.length } };
}
