/**
 * What crosses google.script.run between the sidebar and the server. Plain JSON only:
 * strings, numbers, booleans, arrays, plain objects; days as 'YYYY-MM-DD' (a Date would
 * arrive as null).
 */
import type { CallInput, FieldErrors } from './core/validation';
import type { AlertRoute, SchoolContacts } from './core/urgency';

export type { CallInput, FieldErrors };

export interface Progress {
  goal: number | null;
  /** What counts toward the goal under Settings' Goal Counts. */
  counted: number;
  familiesReached: number;
  attempts: number;
  /** "12 of 20 families reached" — ready to show. */
  text: string;
}

export interface Reached {
  by: string;
  /** 'YYYY-MM-DD' */
  on: string;
  /** Whether it was the signed-in caller. */
  byMe: boolean;
}

/** A Roster student the caller may call, with what is known of the household so far. */
export interface FamilyOption {
  studentId: string;
  student: string;
  grade: string;
  familyMember: string;
  /** The family's phone and email from the Roster, as typed there. */
  phone: string;
  email: string;
  homeLanguage: string;
  priority: string;
  assignedToMe: boolean;
  /** Calls logged to this household by anyone. */
  attempts: number;
  /** The first conversation with this household, if any. */
  reached: Reached | null;
  /** Other students of the same household (siblings). */
  siblings: string[];
  /** The household's key: siblings share it. */
  household: string;
}

/** One of the caller's latest calls, with a link to its Call Log row (to find and fix a mistake). */
export interface RecentCall {
  callId: string;
  /** 'YYYY-MM-DD' */
  callDate: string;
  student: string;
  outcome: string;
  link: string;
}

/** A follow-up the caller's calls raised, and where it stands. */
export interface RaisedFollowUp {
  student: string;
  reason: string;
  status: string;
  link: string;
}

/**
 * What the form needs to say, while notes are typed, that the call will be flagged urgent and
 * who will be told: the same rules as submitCall, from data the sidebar loads anyway.
 */
export interface UrgentRules {
  /** The Alert Routes rows: categories, phrases and who each notifies. */
  routes: AlertRoute[];
  /** The caller's school's contacts, which `Principal` and `Follow-up` in a route stand for. */
  school: SchoolContacts;
}

export interface CallFormData {
  ok: true;
  me: { email: string; name: string; school: string; role: string };
  progress: Progress;
  today: string;
  callsStartDate: string;
  families: FamilyOption[];
  /** Newest first. */
  recentCalls: RecentCall[];
  /** Newest first, as of the last Summary refresh. */
  followUps: RaisedFollowUp[];
  /** Optional: without it the form says nothing about urgency before saving. */
  urgentRules?: UrgentRules;
  /** The names on Staff at the caller's schools: with the families', what a family voice is redacted with. */
  staffNames?: string[];
}

export interface FormUnavailable {
  ok: false;
  message: string;
}

export interface SubmitSuccess {
  ok: true;
  callId: string;
  urgent: boolean;
  urgentReason: string;
  progress: Progress;
  warnings: string[];
  /** True when this submission had already been logged (a retry): nothing new was written. */
  alreadyLogged: boolean;
}

export interface SubmitFailure {
  ok: false;
  errors: FieldErrors;
}

export type SubmitResult = SubmitSuccess | SubmitFailure;

/** Preview digest's chooser asks `getDigestPreview(scope)` for one school's or the district's email. */
export interface DigestPreview {
  /** A school, or 'District'. */
  scope: string;
  subject: string;
  recipients: string[];
  /** Why there are no recipients (no Principal Emails, no Leader on Staff); '' when there are. */
  noRecipients: string;
  /** Exactly the HTML that would be sent. */
  htmlBody: string;
}

/** A call opened for fixing from "My recent calls": the form's values, as submitCall takes them. */
export interface CallToEdit {
  ok: true;
  callId: string;
  values: Omit<CallInput, 'submissionId'>;
}

export interface EditSuccess {
  ok: true;
  callId: string;
  urgent: boolean;
  urgentReason: string;
  warnings: string[];
}

export type EditResult = EditSuccess | SubmitFailure;

/** What withdrawCall says: done (or done before), or why not. */
export interface WithdrawResult {
  ok: boolean;
  callId: string;
  message: string;
}
