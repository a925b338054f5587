/**
 * Keeping the Call Log to its schema by hand edits too: `onEdit` marks bad cells as they are
 * typed or pasted; `checkCallLog` lists every bad row on demand.
 */
import { callLogProblems, callRowProblems, CellProblem } from '../core/callChecks';
import { CALL_LOG } from '../core/schema';
import { CallRulesContext } from '../core/validation';
import { escapeHtml } from '../ui/html';
import { showReport } from '../sheets/ui';
import { cellGetter, indexColumns, isBlankRow, missingColumns, readTable } from '../sheets/table';
import { readFollowUps, readStaff } from '../sheets/tabs';
import { unroutedAlerts } from '../core/followUps';
import { openTracker, Tracker } from '../sheets/tracker';

/** Notes the add-on writes start with this, so it only ever clears its own notes. */
export const NOTE_PREFIX = '⚠ Relationship Calls: ';
export const PROBLEM_BACKGROUND = '#fce8e6';
/** How many problems the report lists; the rest are counted. */
const REPORT_LIMIT = 500;

function rulesContext(tracker: Tracker): CallRulesContext {
  return {
    today: tracker.today,
    callsStartDate: tracker.settings.callsStartDate,
    timeZone: tracker.sheetTimeZone,
  };
}

function noteFor(problems: readonly CellProblem[]): string {
  return NOTE_PREFIX + problems.map((p) => p.message).join('\n');
}

/**
 * Checks the rows a hand edit touched, whole rows wide (a Conversation needs a Family Member
 * in another column). A constant number of service calls, whatever the sheet's size.
 */
export function markHandEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e.range;
  const sheet = range.getSheet();
  if (sheet.getName() !== CALL_LOG.name) return;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < firstRow) return;
  const width = sheet.getLastColumn();
  const headers = sheet.getRange(1, 1, 1, width).getValues()[0];
  const index = indexColumns(CALL_LOG, headers);
  if (missingColumns(CALL_LOG, index).length > 0) return; // checkCallLog and setup explain a broken header row
  const tracker = openTracker();
  const context = rulesContext(tracker);

  const block = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width);
  const values = block.getValues();
  const notes = block.getNotes();
  const backgrounds = block.getBackgrounds();
  const editedFirstCol = range.getColumn() - 1;
  const editedLastCol = editedFirstCol + range.getNumColumns() - 1;
  // Typing into the add-on's columns is marked; a paste of whole rows (moving calls around)
  // carries those columns along and is checked by "Check call log" instead.
  const editedColumns = CALL_LOG.columns.filter(
    (c) => index[c.key] >= editedFirstCol && index[c.key] <= editedLastCol,
  );
  const typedIntoAutoOnly = editedColumns.length > 0 && editedColumns.every((c) => c.auto);
  const autoEdited = new Set(typedIntoAutoOnly ? editedColumns.map((c) => c.key) : []);
  let changed = false;
  values.forEach((row, r) => {
    const get = cellGetter({ index }, row);
    const typedAuto = new Set([...autoEdited].filter((key) => get(key) !== ''));
    const problems = isBlankRow(row) ? [] : callRowProblems(get, context, typedAuto);
    for (const column of CALL_LOG.columns) {
      const c = index[column.key];
      const mine = problems.filter((p) => p.key === column.key);
      if (mine.length > 0) {
        const note = noteFor(mine);
        if (notes[r][c] !== note || backgrounds[r][c] !== PROBLEM_BACKGROUND) changed = true;
        notes[r][c] = note;
        backgrounds[r][c] = PROBLEM_BACKGROUND;
      } else if (String(notes[r][c]).startsWith(NOTE_PREFIX)) {
        notes[r][c] = '';
        if (backgrounds[r][c] === PROBLEM_BACKGROUND) backgrounds[r][c] = '#ffffff';
        changed = true;
      }
    }
  });
  if (!changed) return;
  block.setNotes(notes);
  block.setBackgrounds(backgrounds);
}

export interface CallLogReport {
  rowsChecked: number;
  problems: ReturnType<typeof callLogProblems>;
}

/** Every problem in the Call Log: one read of it and of Staff. */
export function checkCallLogRows(tracker: Tracker): CallLogReport {
  const table = readTable(tracker.ss, CALL_LOG);
  const staffEmails = new Set(readStaff(tracker.ss).map((s) => s.email));
  const rows: Array<{ row: number; get: (key: string) => unknown }> = [];
  table.rows.forEach((row, i) => {
    if (!isBlankRow(row)) rows.push({ row: i + 2, get: cellGetter(table, row) });
  });
  return { rowsChecked: rows.length, problems: callLogProblems(rows, rulesContext(tracker), staffEmails) };
}

export function callLogReportHtml(
  report: CallLogReport,
  settingsProblems: readonly string[],
  followUpProblems: readonly string[] = [],
): string {
  const parts: string[] = [];
  if (settingsProblems.length > 0) {
    parts.push('<h2>Settings to fix</h2><ul>');
    for (const p of settingsProblems) parts.push(`<li>${escapeHtml(p)}</li>`);
    parts.push(
      '</ul><p class="muted">A value that cannot be read is marked with a note on its cell in Settings; its default is used until it is fixed.</p>',
    );
  }
  for (const p of followUpProblems) parts.push(`<p>Follow-ups: ${escapeHtml(p)}</p>`);
  if (report.problems.length === 0) {
    parts.push(
      `<p class="ok">All ${report.rowsChecked} rows of the ${escapeHtml(CALL_LOG.name)} follow the rules. Nothing to fix.</p>`,
    );
    return parts.join('');
  }
  const rowsWithProblems = new Set(report.problems.map((p) => p.row)).size;
  parts.push(
    `<p>${report.problems.length} problem${report.problems.length === 1 ? '' : 's'} in ${rowsWithProblems} of ${report.rowsChecked} rows. ` +
      'Fix each cell in the sheet; its note says what is allowed.</p>',
  );
  parts.push(
    '<table><thead><tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Problem</th></tr></thead><tbody>',
  );
  for (const p of report.problems.slice(0, REPORT_LIMIT)) {
    parts.push(`<tr><td>${p.row}</td><td>${escapeHtml(p.header)}</td><td>${escapeHtml(p.message)}</td></tr>`);
  }
  parts.push('</tbody></table>');
  if (report.problems.length > REPORT_LIMIT) {
    parts.push(
      `<p class="muted">…and ${report.problems.length - REPORT_LIMIT} more. Fix these and run the check again.</p>`,
    );
  }
  return parts.join('');
}

export function showCallLogCheck(): void {
  const tracker = openTracker();
  const report = checkCallLogRows(tracker);
  const unrouted = unroutedAlerts(readFollowUps(tracker.ss, tracker.sheetTimeZone).followUps);
  showReport('Check call log', callLogReportHtml(report, tracker.settingsProblems, unrouted));
}
