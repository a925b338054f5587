/**
 * Checks of Call Log rows as they stand in the sheet: what `onEdit` marks on hand edits and
 * what `checkCallLog` lists. Each problem names the column and says what is allowed.
 */
import { CALL_LOG, Column } from './schema';
import { AUTO_COLUMN_MESSAGE, CallRulesContext, checkCallRow, checkValue } from './validation';

export interface CellProblem {
  key: string;
  header: string;
  message: string;
}

const FAMILY_MEMBER = CALL_LOG.columns.find((c) => c.key === 'familyMember') as Column;

/**
 * Problems of one row. `get` reads the row's cell by column key. Auto columns are checked for
 * their type only: the add-on fills them, and `autoEdited` lists the keys a person just typed into.
 */
export function callRowProblems(
  get: (key: string) => unknown,
  context: CallRulesContext,
  autoEdited: ReadonlySet<string> = new Set(),
): CellProblem[] {
  const problems: CellProblem[] = [];
  for (const column of CALL_LOG.columns) {
    const value = get(column.key);
    if (column.auto) {
      if (autoEdited.has(column.key))
        problems.push({ key: column.key, header: column.header, message: AUTO_COLUMN_MESSAGE });
      continue;
    }
    const message = checkValue(column, typeof value === 'string' ? value.trim() : value, context);
    if (message) problems.push({ key: column.key, header: column.header, message });
  }
  const rowErrors = checkCallRow({ outcome: get('outcome'), familyMember: get('familyMember') });
  if (rowErrors.familyMember && !problems.some((p) => p.key === 'familyMember')) {
    problems.push({ key: 'familyMember', header: FAMILY_MEMBER.header, message: rowErrors.familyMember });
  }
  return problems;
}

export interface LogProblem extends CellProblem {
  /** The sheet row number. */
  row: number;
}

/**
 * Every problem of the whole log, including what only shows across rows: a Call ID used
 * twice, or a Staff Email that is not on Staff.
 */
export function callLogProblems(
  rows: ReadonlyArray<{ row: number; get: (key: string) => unknown }>,
  context: CallRulesContext,
  staffEmails: ReadonlySet<string>,
): LogProblem[] {
  const problems: LogProblem[] = [];
  const firstRowOfId = new Map<string, number>();
  const callIdHeader = 'Call ID';
  const staffEmailHeader = 'Staff Email';
  for (const { row, get } of rows) {
    for (const p of callRowProblems(get, context)) problems.push({ row, ...p });
    const callId = String(get('callId') ?? '').trim();
    if (callId === '') {
      problems.push({
        row,
        key: 'callId',
        header: callIdHeader,
        message: 'Call ID is blank; rows the add-on writes always have one.',
      });
    } else if (firstRowOfId.has(callId)) {
      problems.push({
        row,
        key: 'callId',
        header: callIdHeader,
        message: `Call ID ${callId} is also on row ${firstRowOfId.get(callId)}.`,
      });
    } else {
      firstRowOfId.set(callId, row);
    }
    const email = String(get('staffEmail') ?? '')
      .trim()
      .toLowerCase();
    if (email === '') {
      problems.push({ row, key: 'staffEmail', header: staffEmailHeader, message: 'Staff Email is blank.' });
    } else if (!staffEmails.has(email)) {
      problems.push({
        row,
        key: 'staffEmail',
        header: staffEmailHeader,
        message: `${email} is not on the Staff tab.`,
      });
    }
  }
  return problems;
}
