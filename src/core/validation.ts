/**
 * The Call Log's rules, written once: the sidebar (in the browser), `submitCall`, `onEdit` and
 * `checkCallLog` all check with these functions, so a rule changes in one place.
 */
import { cellToDay, Day, isDate } from './dates';
import { CALL_INPUT_COLUMNS, CALL_LOG, Column, REACHED_OUTCOME } from './schema';

export interface CallRulesContext {
  /** Today in the spreadsheet's time zone. */
  today: Day;
  callsStartDate: Day;
  timeZone: string;
}

/** What the sidebar sends: the Call Log's typed columns in camelCase (DESIGN §2). */
export interface CallInput {
  submissionId: string;
  callDate: string;
  student: string;
  studentId: string;
  familyMember: string;
  method: string;
  outcome: string;
  language: string;
  interpreter: string;
  preferredContact: string;
  familyStrengths: string;
  hopesAndDreams: string;
  notes: string;
  followUpNeeded: boolean;
  urgent: boolean;
  /** The family agreed to be quoted (names removed) in the weekly digest; off unless ticked. */
  okToQuote: boolean;
}

export type CallInputKey = Exclude<keyof CallInput, 'submissionId'>;
export type FieldErrors = Partial<Record<CallInputKey | 'form', string>>;

const EMAIL_RE = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;

export function isEmail(value: string): boolean {
  return EMAIL_RE.test(value.trim());
}

export function normalizeEmail(value: unknown): string {
  return typeof value === 'string' ? value.trim().toLowerCase() : '';
}

function describeLength(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * Checks one value against a column's own rule. `value` is a cell value (string, number,
 * boolean, Date, or '' when empty) or a sidebar value. Returns a plain-words message or null.
 */
export function checkValue(column: Column, value: unknown, context: CallRulesContext): string | null {
  const blank = value === '' || value === null || value === undefined;
  switch (column.type) {
    case 'checkbox':
      if (blank || typeof value === 'boolean') return null;
      return `${column.header} must be a tick box (TRUE or FALSE).`;
    case 'date': {
      if (blank) return column.required ? `Enter the ${column.header.toLowerCase()}.` : null;
      const day = cellToDay(value, context.timeZone);
      if (!day) return `${column.header} must be a date (YYYY-MM-DD).`;
      if (day > context.today) return `${column.header} can't be in the future.`;
      if (day < context.callsStartDate)
        return `${column.header} can't be before the Calls Start Date (${context.callsStartDate}).`;
      return null;
    }
    case 'dateTime':
      if (blank || isDate(value)) return null;
      return `${column.header} must be a date and time.`;
    case 'choice': {
      if (blank) {
        if (column.required) return `Choose the ${column.header.toLowerCase()}.`;
        return null;
      }
      const choices = column.choices ?? [];
      if (typeof value === 'string' && choices.includes(value)) return null;
      return `${column.header} must be one of: ${choices.join(', ')}.`;
    }
    case 'wholeNumber':
      if (blank) return column.required ? `Enter the ${column.header.toLowerCase()}.` : null;
      if (typeof value === 'number' && Number.isInteger(value) && value >= (column.min ?? -Infinity))
        return null;
      return `${column.header} must be a whole number${column.min === 0 ? ' of 0 or more' : ''}.`;
    case 'email':
      if (blank) return column.required ? `Enter the ${column.header.toLowerCase()}.` : null;
      if (typeof value === 'string' && isEmail(value)) return null;
      return `${column.header} must be an email address.`;
    default: {
      const text = isDate(value) ? '' : String(value ?? '');
      if (isDate(value)) return `${column.header} must be text, not a date.`;
      if (column.required && text.trim() === '') return `Enter the ${column.header.toLowerCase()}.`;
      if (column.maxLength !== undefined && text.length > column.maxLength) {
        return `${column.header} is ${describeLength(text.length)} characters; the limit is ${describeLength(column.maxLength)}.`;
      }
      return null;
    }
  }
}

/** Rules that join columns: a conversation needs to say who it was with. */
export function checkCallRow(row: {
  outcome: unknown;
  familyMember: unknown;
}): Partial<Record<'familyMember', string>> {
  const family =
    typeof row.familyMember === 'string' ? row.familyMember.trim() : String(row.familyMember ?? '');
  if (row.outcome === REACHED_OUTCOME && family === '') {
    return { familyMember: 'Say who you spoke with (name and relation) for a conversation.' };
  }
  return {};
}

/** A call that passed the checks: trimmed text, defaults filled in, Call Date a valid day. */
export type CleanCall = Omit<CallInput, 'submissionId'>;

export type CallValidation = { ok: true; call: CleanCall } | { ok: false; errors: FieldErrors };

/**
 * Validates what the sidebar sent. Unknown keys are ignored; a value of the wrong type is an
 * error, never coerced into something the caller did not mean.
 */
export function validateCallInput(input: unknown, context: CallRulesContext): CallValidation {
  const source = (input !== null && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const call: Record<string, string | boolean> = {};
  for (const column of CALL_INPUT_COLUMNS) {
    const key = column.key as CallInputKey;
    const raw = source[key];
    if (column.type === 'checkbox') {
      if (raw !== undefined && typeof raw !== 'boolean')
        errors[key] = `${column.header} must be ticked or not.`;
      call[key] = raw === true;
      continue;
    }
    if (raw !== undefined && raw !== null && typeof raw !== 'string') {
      errors[key] = `${column.header} must be text.`;
      continue;
    }
    const text = (raw ?? '').trim();
    const message = checkValue(column, text, context);
    if (message) errors[key] = message;
    call[key] = text;
  }
  if (call.language === '') call.language = 'English';
  if (call.interpreter === '') call.interpreter = 'None';
  const rowErrors = checkCallRow({ outcome: call.outcome, familyMember: call.familyMember });
  if (rowErrors.familyMember && !errors.familyMember) errors.familyMember = rowErrors.familyMember;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, call: call as unknown as CleanCall };
}

/** A problem found in a Call Log row. */
export interface RowProblem {
  /** The sheet's row number (1-based, header is row 1). */
  row: number;
  header: string;
  message: string;
}

export const AUTO_COLUMN_MESSAGE =
  'This column is filled in by the add-on; log calls with Relationship Calls → Log a call.';

/** The Call Log's column definitions by header, for checks that start from a header. */
export const CALL_COLUMNS_BY_HEADER: ReadonlyMap<string, Column> = new Map(
  CALL_LOG.columns.map((c) => [c.header, c]),
);
