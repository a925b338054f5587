/**
 * Keeping the Call Log to its schema by hand edits too: `onEdit` marks bad cells as they are
 * typed or pasted; `checkCallLog` lists every bad row on demand.
 */
import { editedHeaderRow, editedRowValues } from '../sheets/editEvent';
import { callLogProblems, callRowProblems, CellProblem } from '../core/callChecks';
import { CALL_LOG, CALL_LOG_LATER_COLUMNS } from '../core/schema';
import { OriginProblem, originProblems } from '../core/signature';
import { CallRulesContext } from '../core/validation';
import { escapeHtml } from '../ui/html';
import { showReport, toast } from '../sheets/ui';
import { withDocumentLock } from '../sheets/lock';
import { signingKey } from '../sheets/state';
import { cellGetter, indexColumns, isBlankRow, isTab, missingColumns, readTable } from '../sheets/table';
import { readFollowUps, readRoster, readStaff } from '../sheets/tabs';
import { buildHouseholdIndex } from '../core/households';
import { callsNotOnRoster } from '../core/nameMatch';
import { FollowUpRecord, text } from '../core/records';
import { ownFollowUps } from './followUps';
import { unroutedAlerts } from '../core/followUps';
import { ledger } from '../sheets/ledgerStore';
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

/** The last line of a note, when the cell had a colour of its own before it was marked. */
const OWN_BACKGROUND_LABEL = 'Cell colour before this note: ';
const DEFAULT_BACKGROUND = '#ffffff';
/** How long an edit waits for a submit or a setup to finish its writes (a simple trigger has 30 s). */
const EDIT_LOCK_WAIT_MS = 5_000;

/** The colour a marked cell had before the add-on marked it, kept in its note; null = none. */
function ownBackground(note: string): string | null {
  const last = note.split('\n').at(-1) ?? '';
  return note.startsWith(NOTE_PREFIX) && last.startsWith(OWN_BACKGROUND_LABEL)
    ? last.slice(OWN_BACKGROUND_LABEL.length).trim()
    : null;
}

function noteFor(problems: readonly CellProblem[], own: string | null): string {
  const lines = problems.map((p) => p.message);
  if (own) lines.push(`${OWN_BACKGROUND_LABEL}${own}`);
  return NOTE_PREFIX + lines.join('\n');
}

/**
 * Checks the rows a hand edit touched, whole rows wide (a Conversation needs a Family Member
 * in another column). A constant number of service calls, whatever the sheet's size. It reads
 * and writes the rows under the document lock, so a submit or another edit cannot interleave.
 */
export function markHandEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const range = e.range;
  const sheet = range.getSheet();
  if (!isTab(sheet, CALL_LOG)) return;
  const firstRow = Math.max(range.getRow(), 2);
  const lastRow = range.getRow() + range.getNumRows() - 1;
  if (lastRow < firstRow) return;
  withDocumentLock(
    EDIT_LOCK_WAIT_MS,
    () => markRows(range, sheet, firstRow, lastRow),
    () =>
      toast(
        'The tracker was busy, so this edit was not checked. Relationship Calls → Check call log checks every row.',
      ),
  );
}

function markRows(
  range: GoogleAppsScript.Spreadsheet.Range,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  firstRow: number,
  lastRow: number,
): void {
  const headers = editedHeaderRow(sheet);
  const width = headers.length;
  const index = indexColumns(CALL_LOG, headers);
  const missing = missingColumns(CALL_LOG, index).filter((c) => !CALL_LOG_LATER_COLUMNS.includes(c.key));
  if (missing.length > 0) return; // checkCallLog and setup explain a broken header row
  const tracker = openTracker();
  const context = rulesContext(tracker);

  const block = sheet.getRange(firstRow, 1, lastRow - firstRow + 1, width);
  const values = editedRowValues(sheet, firstRow, lastRow, width);
  const notes = block.getNotes();
  // Colours are read only when a cell is marked or unmarked (a paste of good rows needs none).
  let read: Array<Array<string | null>> | null = null;
  const backgrounds = (): Array<Array<string | null>> => (read ??= block.getBackgrounds());
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
      if (c < 0) continue;
      const mine = problems.filter((p) => p.key === column.key);
      const marked = String(notes[r][c]).startsWith(NOTE_PREFIX);
      if (mine.length > 0) {
        const background = backgrounds()[r][c] ?? DEFAULT_BACKGROUND;
        const own = marked
          ? ownBackground(notes[r][c])
          : background !== DEFAULT_BACKGROUND && background !== PROBLEM_BACKGROUND
            ? background
            : null;
        const note = noteFor(mine, own);
        if (notes[r][c] !== note || background !== PROBLEM_BACKGROUND) changed = true;
        notes[r][c] = note;
        backgrounds()[r][c] = PROBLEM_BACKGROUND;
      } else if (marked) {
        // The cell's own colour comes back; a colour a person chose meanwhile stays.
        if (backgrounds()[r][c] === PROBLEM_BACKGROUND) backgrounds()[r][c] = ownBackground(notes[r][c]);
        notes[r][c] = '';
        changed = true;
      }
    }
  });
  if (!changed) return;
  block.setNotes(notes);
  if (read) block.setBackgrounds(read);
}

export interface CallLogReport {
  rowsChecked: number;
  problems: ReturnType<typeof callLogProblems>;
  notFromForm: OriginProblem[];
  hasSignatureColumn: boolean;
  notOnRoster: ReturnType<typeof callsNotOnRoster>;
}

/** Every problem in the Call Log: one read of it and of Staff. */
export function checkCallLogRows(tracker: Tracker): CallLogReport {
  const table = readTable(tracker.ss, CALL_LOG, { optional: CALL_LOG_LATER_COLUMNS });
  const staffEmails = new Set(readStaff(tracker.ss).map((s) => s.email));
  const rows: Array<{ row: number; get: (key: string) => unknown }> = [];
  table.rows.forEach((row, i) => {
    if (!isBlankRow(row)) rows.push({ row: i + 2, get: cellGetter(table, row) });
  });
  const roster = readRoster(tracker.ss);
  const students = rows.map(({ row, get }) => ({
    row,
    student: text(get('student')),
    studentId: text(get('studentId')),
    school: text(get('school')),
    staffEmail: text(get('staffEmail')),
  }));
  return {
    rowsChecked: rows.length,
    problems: callLogProblems(rows, rulesContext(tracker), staffEmails),
    notFromForm: originProblems(rows, signingKey(), tracker.sheetTimeZone),
    hasSignatureColumn: table.index.signature >= 0,
    notOnRoster: callsNotOnRoster(students, roster, buildHouseholdIndex(roster), REPORT_LIMIT),
  };
}

/** The section of calls whose student is not on the Roster: a new student, or a name typed otherwise. */
function notOnRosterSectionHtml(report: CallLogReport): string {
  const { count, rows } = report.notOnRoster;
  if (count === 0) return '';
  const parts = [
    '<h2>Students not on the Roster</h2>',
    `<p>${count} call${count === 1 ? ' was' : 's were'} logged for students not on their school's Roster. The Summary and the digests count the families reached among them apart from the Roster's. If a name is misspelled, correct it on the Call Log (or the caller edits the call from the form); if the student is new, add them to the Roster.</p>`,
    '<table><thead><tr><th scope="col">Row</th><th scope="col">Student</th><th scope="col">School</th><th scope="col">Staff Email</th><th scope="col">Closest on the Roster</th></tr></thead><tbody>',
  ];
  for (const r of rows)
    parts.push(
      `<tr><td>${r.row}</td><td>${escapeHtml(r.student)}</td><td>${escapeHtml(r.school)}</td><td>${escapeHtml(r.staffEmail)}</td><td>${escapeHtml(r.didYouMean || 'none close')}</td></tr>`,
    );
  parts.push('</tbody></table>');
  if (count > rows.length) parts.push(`<p class="muted">…and ${count - rows.length} more.</p>`);
  return parts.join('');
}

/** The section of rows whose add-on columns are not what the form signed. */
function originSectionHtml(report: CallLogReport): string {
  const parts = ['<h2>Rows not logged with the form</h2>'];
  if (!report.hasSignatureColumn) {
    parts.push(
      `<p>The ${escapeHtml(CALL_LOG.name)} has no Signature column yet, so no row can show it came from the form. Run Relationship Calls → Set up tracker to add it; calls logged from then on are signed.</p>`,
    );
    return parts.join('');
  }
  const rows = report.notFromForm;
  if (rows.length === 0) {
    parts.push(
      `<p class="ok">Every row was logged with the form and its add-on columns are as the form wrote them.</p>`,
    );
    return parts.join('');
  }
  parts.push(
    `<p>${rows.length} row${rows.length === 1 ? '' : 's'} ${rows.length === 1 ? 'was' : 'were'} typed or pasted on the sheet, or changed by hand after logging (Staff Email, School, Call Date, Student, Family Member, Outcome or Urgent). ` +
      'The Summary counts them as the sheet now says, for the Staff Email they name, and shows how many per person in "Typed or Changed by Hand": ask that person whether they logged the call. A caller fixes their own call from the form (My recent calls → Edit).</p>',
  );
  parts.push(
    '<table><thead><tr><th scope="col">Row</th><th scope="col">Call ID</th><th scope="col">Staff Email</th><th scope="col">Why</th></tr></thead><tbody>',
  );
  for (const p of rows.slice(0, REPORT_LIMIT)) {
    parts.push(
      `<tr><td>${p.row}</td><td>${escapeHtml(p.callId)}</td><td>${escapeHtml(p.staffEmail)}</td><td>${escapeHtml(p.message)}</td></tr>`,
    );
  }
  parts.push('</tbody></table>');
  if (rows.length > REPORT_LIMIT) parts.push(`<p class="muted">…and ${rows.length - REPORT_LIMIT} more.</p>`);
  return parts.join('');
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
    parts.push(originSectionHtml(report), notOnRosterSectionHtml(report));
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
  parts.push(originSectionHtml(report), notOnRosterSectionHtml(report));
  return parts.join('');
}

/** Follow-ups rows the add-on did not write, in words: they send nothing and count nowhere. */
function typedFollowUps(typed: readonly FollowUpRecord[]): string[] {
  if (typed.length === 0) return [];
  const rows = typed.map((f) => f.row);
  const shown = rows.slice(0, 20).join(', ') + (rows.length > 20 ? ` and ${rows.length - 20} more` : '');
  return [
    `${typed.length} row${typed.length === 1 ? ' was' : 's were'} not written by the add-on, or changed where it signs (row${rows.length === 1 ? '' : 's'} ${shown}): typed, pasted or copied. They send no email and are not counted; the add-on's own follow-ups are signed.`,
  ];
}

export function showCallLogCheck(): void {
  const tracker = openTracker();
  const report = checkCallLogRows(tracker);
  const unrouted = unroutedAlerts(ledger.queued());
  const { typed } = ownFollowUps(readFollowUps(tracker.ss, tracker.sheetTimeZone).followUps);
  showReport(
    'Check call log',
    callLogReportHtml(report, tracker.settingsProblems, [...unrouted, ...typedFollowUps(typed)]),
  );
}
