import { CALL_INPUT_COLUMNS, CALL_LOG, METHODS } from '../../src/core/schema';
import { validateCallInput, CallInput } from '../../src/core/validation';
import { callLogProblems, callRowProblems } from '../../src/core/callChecks';

const context = { today: '2026-11-23', callsStartDate: '2026-08-01', timeZone: 'America/Chicago' };

function input(overrides: Partial<CallInput> = {}): CallInput {
  return {
    submissionId: 'sub-12345678',
    callDate: '2026-11-20',
    student: 'Mateo Ruiz',
    studentId: '00123',
    familyMember: 'Ana Ruiz (grandmother)',
    method: 'Phone',
    outcome: 'Conversation',
    language: 'Spanish',
    interpreter: 'Staff interpreter',
    preferredContact: 'Text message',
    familyStrengths: 'Loves soccer',
    hopesAndDreams: 'Read more',
    notes: '',
    followUpNeeded: false,
    urgent: false,
    okToQuote: false,
    ...overrides,
  };
}

describe('validateCallInput', () => {
  it('accepts a complete conversation and keeps text as typed (trimmed)', () => {
    const result = validateCallInput(input({ student: '  Mateo Ruiz ' }), context);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.call.student).toBe('Mateo Ruiz');
      expect(result.call.studentId).toBe('00123');
    }
  });

  it('an unanswered attempt needs only student, date, method and outcome', () => {
    const result = validateCallInput(
      {
        submissionId: 'sub-12345678',
        callDate: '2026-11-20',
        student: 'Mateo',
        method: 'Phone',
        outcome: 'No answer',
      },
      context,
    );
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.call.language).toBe('English');
      expect(result.call.interpreter).toBe('None');
      expect(result.call.followUpNeeded).toBe(false);
    }
  });

  it.each([
    ['callDate', { callDate: '2026-11-24' }, "can't be in the future"],
    ['callDate', { callDate: '2026-07-31' }, "can't be before the Calls Start Date (2026-08-01)"],
    ['callDate', { callDate: '11/20/2026' }, 'must be a date'],
    ['callDate', { callDate: '' }, 'Enter the call date'],
    ['student', { student: '   ' }, 'Enter the student'],
    ['method', { method: 'Carrier pigeon' }, `must be one of: ${METHODS.join(', ')}`],
    ['outcome', { outcome: '' }, 'Choose the outcome'],
    ['familyMember', { familyMember: '' }, 'Say who you spoke with'],
    ['notes', { notes: 'x'.repeat(5001) }, 'the limit is 5,000'],
    ['preferredContact', { preferredContact: 'Fax' }, 'must be one of'],
    ['urgent', { urgent: 'yes' as unknown as boolean }, 'must be ticked or not'],
  ])('rejects a bad %s in plain words', (key, overrides, message) => {
    const result = validateCallInput(input(overrides as Partial<CallInput>), context);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[key as keyof typeof result.errors]).toContain(message);
  });

  it('ignores keys that are not call fields, such as a staffEmail', () => {
    const result = validateCallInput(
      { ...input(), staffEmail: 'someone@else.org', callId: 'C-FAKE' },
      context,
    );
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.call).not.toHaveProperty('staffEmail');
  });

  it('every input column of the Call Log is a key of the result', () => {
    const result = validateCallInput(input(), context);
    expect(result.ok && Object.keys(result.call).sort()).toEqual(CALL_INPUT_COLUMNS.map((c) => c.key).sort());
  });
});

describe('Call Log row checks', () => {
  const row = (values: Record<string, unknown>) => (key: string) => values[key] ?? '';
  const good = {
    callId: 'C-1',
    staffEmail: 'a@school.org',
    callDate: new Date('2026-11-20T06:00:00Z'),
    student: 'Mateo',
    method: 'Phone',
    outcome: 'No answer',
    urgent: false,
  };

  it('a good row has no problem', () => {
    expect(callRowProblems(row(good), context)).toEqual([]);
  });

  it('names each bad cell with its header', () => {
    const problems = callRowProblems(
      row({ ...good, method: 'Fax', outcome: 'Conversation', callDate: 'soon' }),
      context,
    );
    expect(problems.map((p) => p.header).sort()).toEqual(['Call Date', 'Family Member', 'Method']);
  });

  it('marks typing into an auto column', () => {
    const problems = callRowProblems(row({ ...good, staffName: 'Me' }), context, new Set(['staffName']));
    expect(problems).toEqual([
      expect.objectContaining({
        header: 'Staff Name',
        message: expect.stringContaining('filled in by the add-on'),
      }),
    ]);
  });

  it('finds duplicate Call IDs and unknown staff across rows, with row numbers', () => {
    const problems = callLogProblems(
      [
        { row: 2, get: row(good) },
        { row: 3, get: row({ ...good, staffEmail: 'stranger@x.org' }) },
      ],
      context,
      new Set(['a@school.org']),
    );
    expect(problems).toEqual([
      expect.objectContaining({ row: 3, header: 'Call ID', message: 'Call ID C-1 is also on row 2.' }),
      expect.objectContaining({
        row: 3,
        header: 'Staff Email',
        message: 'stranger@x.org is not on the Staff tab.',
      }),
    ]);
  });

  it('a blank row is reported once per required column, each by its header', () => {
    const required = CALL_LOG.columns.filter((c) => c.required && !c.auto).map((c) => c.header);
    expect(callRowProblems(row({}), context).map((p) => p.header)).toEqual(required);
  });
});
