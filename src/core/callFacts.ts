/**
 * What the Summary, Families, follow-ups and the sidebar need of a Call Log row and of a
 * Follow-ups row, without the long text and the columns nobody counts (a call's Student ID too:
 * the fact keeps the household it names): the refresh keeps one
 * per call and per follow-up (src/core/schoolState.ts) and turns them back into records for the
 * same code that counts the tabs.
 */
import { Day } from './dates';
import { BLANK_CALL, CallRecord, FollowUpRecord } from './records';
import type { CallOriginKind } from './signature';
import { Fields } from './compact';

export interface CallFact {
  row: number;
  callId: string;
  staffEmail: string;
  staffName: string;
  school: string;
  callDate: Day | null;
  student: string;
  method: string;
  outcome: string;
  urgent: boolean;
  urgentReason: string;
  /** "Withdrawn by … on …": the call counts nowhere. */
  withdrawn: string;
  /** The form's and intact, typed on the sheet, or changed by hand since ('' when not checked). */
  origin: CallOriginKind | '';
  /** The household the district's Roster index found when the refresh read the call; '' to find it again. */
  household: string;
}

export const CALL_FACT_FIELDS: Fields<CallFact> = [
  ['row', 'row'],
  ['callId', 'id'],
  ['staffEmail', 'text'],
  ['staffName', 'text'],
  ['school', 'text'],
  ['callDate', 'day'],
  ['student', 'text'],
  ['method', 'text'],
  ['outcome', 'text'],
  ['urgent', 'flag'],
  ['urgentReason', 'text'],
  ['withdrawn', 'text'],
  ['origin', 'text'],
  ['household', 'text'],
];

/** A row that holds no call. */
export const BLANK_FACT: CallFact = {
  row: 0,
  callId: '',
  staffEmail: '',
  staffName: '',
  school: '',
  callDate: null,
  student: '',
  method: '',
  outcome: '',
  urgent: false,
  urgentReason: '',
  withdrawn: '',
  origin: '',
  household: '',
};

export function callFactOf(call: CallRecord, household: string): CallFact {
  return {
    row: call.row,
    callId: call.callId,
    staffEmail: call.staffEmail,
    staffName: call.staffName,
    school: call.school,
    callDate: call.callDate,
    student: call.student,
    method: call.method,
    outcome: call.outcome,
    urgent: call.urgent,
    urgentReason: call.urgentReason,
    withdrawn: call.withdrawn,
    origin: call.origin ?? '',
    household,
  };
}

/** A record that knows its household already (a call or student the refresh resolved). */
export interface KnownHousehold {
  household: string;
}

export function knownHousehold(value: object): string {
  const household = (value as Partial<KnownHousehold>).household;
  return typeof household === 'string' ? household : '';
}

/**
 * The call as a record for the counting code: the columns a fact leaves out read blank (its
 * Student ID among them: the fact knows its household).
 */
export function callOfFact(fact: CallFact): CallRecord & KnownHousehold {
  const { origin, ...rest } = fact;
  return { ...BLANK_CALL, ...rest, ...(origin ? { origin } : {}) };
}

export interface FollowUpFact {
  row: number;
  callId: string;
  school: string;
  staff: string;
  student: string;
  reason: string;
  status: string;
  flaggedOn: Day | null;
}

export const FOLLOW_UP_FACT_FIELDS: Fields<FollowUpFact> = [
  ['row', 'row'],
  ['callId', 'text'],
  ['school', 'text'],
  ['staff', 'text'],
  ['student', 'text'],
  ['reason', 'text'],
  ['status', 'text'],
  ['flaggedOn', 'day'],
];

export function followUpFactOf(f: FollowUpRecord): FollowUpFact {
  return {
    row: f.row,
    callId: f.callId,
    school: f.school,
    staff: f.staff,
    student: f.student,
    reason: f.reason,
    status: f.status,
    flaggedOn: f.flaggedOn,
  };
}

export function followUpOfFact(f: FollowUpFact): FollowUpRecord {
  return {
    ...f,
    flaggedAt: null,
    staffEmail: '',
    assignedTo: '',
    resolution: '',
    resolvedOn: null,
    alert: '',
    callDate: null,
    callLink: '',
    familyMember: '',
    phone: '',
    familyEmail: '',
    signature: '',
  };
}
