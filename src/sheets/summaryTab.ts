/**
 * Writes the Summary tab: one clear, one setValues, and a constant number of format calls,
 * whatever the number of staff or schools.
 */
import { ProgressStatus, SUMMARY } from '../core/schema';
import {
  SUMMARY_COLUMN_WIDTHS,
  SUMMARY_FROZEN_COLUMNS,
  SummaryLayout,
  SUMMARY_WIDTH,
} from '../core/summaryTable';
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

  for (const column of layout.schoolPercentColumns) {
    sheet.getRange(layout.schoolRows.first, column, layout.schoolRows.count, 1).setNumberFormat('0%');
  }
  const staffPercents = layout.staffPercentColumns.map((column) =>
    sheet.getRange(layout.staffRows.first, column, Math.max(layout.staffRows.count, 1), 1),
  );
  for (const range of staffPercents) range.setNumberFormat('0%');
  // A red-to-green scale makes who is behind readable at a glance.
  sheet.setConditionalFormatRules(
    layout.staffRows.count > 0
      ? [
          SpreadsheetApp.newConditionalFormatRule()
            .setGradientMinpointWithValue('#f4c7c3', SpreadsheetApp.InterpolationType.NUMBER, '0')
            .setGradientMidpointWithValue('#fce8b2', SpreadsheetApp.InterpolationType.NUMBER, '0.5')
            .setGradientMaxpointWithValue('#b7e1cd', SpreadsheetApp.InterpolationType.NUMBER, '1')
            .setRanges(staffPercents)
            .build(),
        ]
      : [],
  );
  SUMMARY_COLUMN_WIDTHS.forEach((width, i) => sheet.setColumnWidth(i + 1, width));
  sheet.setFrozenColumns(SUMMARY_FROZEN_COLUMNS);
  filterStaffTable(sheet, layout);
  sheet.setFrozenRows(layout.frozenRows);

  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  const schoolCount = layout.schoolRows.count - 1; // the chart shows schools, not the district total
  if (schoolCount > 0) {
    const percentMet = layout.schoolPercentMetColumn;
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

/**
 * The staff table's header filter: a principal shows one school's block with one click. Kept as
 * it is (the criteria people chose stay) while the table keeps its place and size.
 */
function filterStaffTable(sheet: GoogleAppsScript.Spreadsheet.Sheet, layout: SummaryLayout): void {
  const rows = layout.staffRows.count + 1;
  const current = sheet.getFilter();
  const range = current?.getRange();
  if (
    range &&
    range.getRow() === layout.staffHeaderRow &&
    range.getNumRows() === rows &&
    range.getColumn() === 1 &&
    range.getNumColumns() === SUMMARY_WIDTH
  )
    return;
  current?.remove();
  if (layout.staffRows.count > 0)
    sheet.getRange(layout.staffHeaderRow, 1, rows, SUMMARY_WIDTH).createFilter();
}
