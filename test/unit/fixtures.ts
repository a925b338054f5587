/** Records for unit tests: a Call Log row with every field, the ones a test names overridden. */
import { CallRecord } from '../../src/core/records';

export function callRecord(over: Partial<CallRecord>): CallRecord {
  return {
    row: 2,
    callId: 'C-1',
    loggedAt: null,
    staffEmail: 'ortiz@x.org',
    staffName: 'Ms. Ortiz',
    school: 'Maple',
    callDate: '2026-11-02',
    student: 'Liam Chen',
    studentId: '',
    familyMember: '',
    method: 'Phone',
    outcome: 'No answer',
    language: 'English',
    interpreter: 'None',
    preferredContact: '',
    familyStrengths: '',
    hopesAndDreams: '',
    notes: '',
    followUpNeeded: false,
    urgent: false,
    okToQuote: false,
    urgentReason: '',
    entry: 'Form',
    withdrawn: '',
    signature: '',
    ...over,
  };
}
