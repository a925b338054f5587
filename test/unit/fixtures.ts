/** Records for unit tests: a Call Log or Follow-ups row with every field, the ones a test names overridden. */
import { BLANK_CALL, CallRecord, FollowUpRecord } from '../../src/core/records';

export function callRecord(over: Partial<CallRecord>): CallRecord {
  return {
    ...BLANK_CALL,
    row: 2,
    callId: 'C-1',
    staffEmail: 'ortiz@x.org',
    staffName: 'Ms. Ortiz',
    school: 'Maple',
    callDate: '2026-11-02',
    student: 'Liam Chen',
    method: 'Phone',
    outcome: 'No answer',
    language: 'English',
    interpreter: 'None',
    entry: 'Form',
    ...over,
  };
}

/** An open urgent follow-up at Maple, flagged Nov 22. */
export function followUpRecord(over: Partial<FollowUpRecord>): FollowUpRecord {
  return {
    row: 2,
    callId: 'C-1',
    flaggedAt: null,
    flaggedOn: '2026-11-22',
    school: 'Maple',
    staff: 'Ms. Ortiz',
    staffEmail: 'ortiz@x.org',
    student: 'Liam Chen',
    reason: 'Housing: "evicted"',
    assignedTo: '',
    status: 'Open',
    resolution: '',
    resolvedOn: null,
    alert: '',
    callDate: null,
    callLink: '',
    familyMember: '',
    phone: '',
    familyEmail: '',
    signature: '',
    ...over,
  };
}
