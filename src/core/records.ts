/**
 * Typed records of each tab, made from raw cell values. `src/sheets` reads a tab into rows and
 * a column index by header; these functions turn one row into a record. Everything here is
 * forgiving: a bad cell becomes blank or null (the checks report it), never an exception.
 */
import { cellToDay, Day, isDate } from './dates';
import { CleanCall, normalizeEmail } from './validation';
import { CLOSED_STATUSES, Role, ROLES } from './schema';
import type { CallOriginKind } from './signature';

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
  /** Form, Typed or Edited in form (blank on rows from before the column). */
  entry: string;
  /** "Withdrawn by … on …" once its caller (or their principal, a leader) withdrew it; '' otherwise. */
  withdrawn: string;
  signature: string;
  /** How the row stands against its signature, when the reader checked it. */
  origin?: CallOriginKind;
}

/** A call with every column blank: what a record that knows only some of its columns starts from. */
export const BLANK_CALL: Readonly<CallRecord> = {
  row: 0,
  callId: '',
  loggedAt: null,
  staffEmail: '',
  staffName: '',
  school: '',
  callDate: null,
  student: '',
  studentId: '',
  familyMember: '',
  method: '',
  outcome: '',
  language: '',
  interpreter: '',
  preferredContact: '',
  familyStrengths: '',
  hopesAndDreams: '',
  notes: '',
  followUpNeeded: false,
  urgent: false,
  okToQuote: false,
  urgentReason: '',
  entry: '',
  withdrawn: '',
  signature: '',
};

export interface FollowUpRecord {
  row: number;
  callId: string;
  /** null when the cell is not a date. */
  flaggedAt: Date | null;
  /** The day it was flagged, in the spreadsheet's time zone. */
  flaggedOn: Day | null;
  school: string;
  staff: string;
  staffEmail: string; // lower case
  student: string;
  reason: string;
  assignedTo: string;
  status: string;
  resolution: string;
  resolvedOn: Day | null;
  alert: string;
  callDate: Day | null;
  /** The link to the call's Call Log row. */
  callLink: string;
  familyMember: string;
  phone: string;
  familyEmail: string;
  /** The add-on's signature: the ledger id the row stands for, a dot, an HMAC. */
  signature: string;
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
    okToQuote: bool(get('okToQuote')),
    urgentReason: text(get('urgentReason')),
    entry: text(get('entry')),
    withdrawn: text(get('withdrawn')),
    signature: text(get('signature')),
  };
}

export function toFollowUpRecord(get: CellGetter, row: number, timeZone: string): FollowUpRecord {
  const flaggedAt = get('flaggedAt');
  return {
    row,
    callId: text(get('callId')),
    flaggedAt: isDate(flaggedAt) ? flaggedAt : null,
    flaggedOn: cellToDay(flaggedAt, timeZone),
    school: text(get('school')),
    staff: text(get('staff')),
    staffEmail: normalizeEmail(text(get('staffEmail'))),
    student: text(get('student')),
    reason: text(get('reason')),
    assignedTo: text(get('assignedTo')),
    status: text(get('status')),
    resolution: text(get('resolution')),
    resolvedOn: cellToDay(get('resolvedAt'), timeZone),
    alert: text(get('alert')),
    callDate: cellToDay(get('callDate'), timeZone),
    callLink: text(get('callLink')),
    familyMember: text(get('familyMember')),
    phone: text(get('phone')),
    familyEmail: text(get('familyEmail')),
    signature: text(get('signature')),
  };
}

/** A follow-up is open until someone marks it Resolved or Not urgent. */
export function isOpenFollowUp(f: Pick<FollowUpRecord, 'status'>): boolean {
  const status = f.status.toLowerCase();
  return !CLOSED_STATUSES.some((s) => s.toLowerCase() === status);
}

/**
 * Whether a call counts anywhere (Summary, Families, the sidebar's progress, snapshots, digests,
 * follow-ups): every call does, but one withdrawn as logged by mistake.
 */
export function isCounted(call: Pick<CallRecord, 'withdrawn'>): boolean {
  return call.withdrawn === '';
}
