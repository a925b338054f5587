/**
 * Typed records of each tab, made from raw cell values. `src/sheets` reads a tab into rows and
 * a column index by header; these functions turn one row into a record. Everything here is
 * forgiving: a bad cell becomes blank or null (the checks report it), never an exception.
 */
import { cellToDay, Day, isDate } from './dates';
import { CleanCall, normalizeEmail } from './validation';
import { Role, ROLES } from './schema';

/** Reads a row's cell by column key; '' when the tab has no such column. */
export type CellGetter = (key: string) => unknown;

export interface StaffMember {
  email: string; // lower case
  name: string;
  school: string;
  role: Role | '';
  /** null = no goal. */
  callGoal: number | null;
}

export interface School {
  school: string;
  principalEmails: string[];
  followUpEmails: string[];
  goalDeadline: Day | null;
}

export interface RosterStudent {
  studentId: string;
  student: string;
  grade: string;
  school: string;
  familyMember: string;
  phone: string;
  email: string;
  homeLanguage: string;
  assignedTo: string; // lower case
  priority: string;
}

/** A Call Log row: what the caller typed, and what the add-on filled in. */
export interface CallRecord extends Omit<CleanCall, 'callDate'> {
  /** The sheet row number (1-based). */
  row: number;
  callId: string;
  loggedAt: Date | null;
  staffEmail: string; // lower case
  staffName: string;
  school: string;
  /** null when the cell is not a date. */
  callDate: Day | null;
  urgentReason: string;
}

export interface FollowUpRecord {
  row: number;
  callId: string;
  /** null when the cell is not a date-time (a row typed by hand). */
  flaggedAt: Date | null;
  school: string;
  staff: string;
  student: string;
  reason: string;
  assignedTo: string;
  status: string;
}

export function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return value.toISOString();
  return String(value).trim();
}

export function emailList(value: unknown): string[] {
  return text(value)
    .split(/[,;\s]+/)
    .map(normalizeEmail)
    .filter((e) => e.length > 0);
}

function bool(value: unknown): boolean {
  return value === true || (typeof value === 'string' && value.trim().toUpperCase() === 'TRUE');
}

function goal(value: unknown): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : Number(text(value));
  return Number.isInteger(n) && n >= 0 ? n : null;
}

export function toStaffMember(get: CellGetter): StaffMember {
  const role = text(get('role'));
  const known = ROLES.find((r) => r.toLowerCase() === role.toLowerCase());
  return {
    email: normalizeEmail(text(get('email'))),
    name: text(get('name')),
    school: text(get('school')),
    role: known ?? '',
    callGoal: goal(get('callGoal')),
  };
}

export function toSchool(get: CellGetter, timeZone: string): School {
  return {
    school: text(get('school')),
    principalEmails: emailList(get('principalEmails')),
    followUpEmails: emailList(get('followUpEmails')),
    goalDeadline: cellToDay(get('goalDeadline'), timeZone),
  };
}

export function toRosterStudent(get: CellGetter): RosterStudent {
  return {
    studentId: text(get('studentId')),
    student: text(get('student')),
    grade: text(get('grade')),
    school: text(get('school')),
    familyMember: text(get('familyMember')),
    phone: text(get('phone')),
    email: text(get('email')),
    homeLanguage: text(get('homeLanguage')),
    assignedTo: normalizeEmail(text(get('assignedTo'))),
    priority: text(get('priority')),
  };
}

export function toCallRecord(get: CellGetter, row: number, timeZone: string): CallRecord {
  const loggedAt = get('loggedAt');
  return {
    row,
    callId: text(get('callId')),
    loggedAt: isDate(loggedAt) ? loggedAt : null,
    staffEmail: normalizeEmail(text(get('staffEmail'))),
    staffName: text(get('staffName')),
    school: text(get('school')),
    callDate: cellToDay(get('callDate'), timeZone),
    student: text(get('student')),
    studentId: text(get('studentId')),
    familyMember: text(get('familyMember')),
    method: text(get('method')),
    outcome: text(get('outcome')),
    language: text(get('language')),
    interpreter: text(get('interpreter')),
    preferredContact: text(get('preferredContact')),
    familyStrengths: text(get('familyStrengths')),
    hopesAndDreams: text(get('hopesAndDreams')),
    notes: text(get('notes')),
    followUpNeeded: bool(get('followUpNeeded')),
    urgent: bool(get('urgent')),
    urgentReason: text(get('urgentReason')),
  };
}

export function toFollowUpRecord(get: CellGetter, row: number): FollowUpRecord {
  const flaggedAt = get('flaggedAt');
  return {
    row,
    callId: text(get('callId')),
    flaggedAt: isDate(flaggedAt) && !isNaN(flaggedAt.getTime()) ? flaggedAt : null,
    school: text(get('school')),
    staff: text(get('staff')),
    student: text(get('student')),
    reason: text(get('reason')),
    assignedTo: text(get('assignedTo')),
    status: text(get('status')),
  };
}

/** A follow-up is open until someone marks it Resolved. */
export function isOpenFollowUp(f: FollowUpRecord): boolean {
  return f.status.toLowerCase() !== 'resolved';
}
