import { callRecord } from './fixtures';
import { buildHouseholdIndex } from '../../src/core/households';
import {
  alertStateOf,
  awaitsSending,
  daysOpen,
  handOffReasonOf,
  isOverdue,
  missingFollowUps,
  unroutedAlerts,
} from '../../src/core/followUps';
import { CallRecord, FollowUpRecord, RosterStudent } from '../../src/core/records';
import { addToHousehold, newHouseholdFacts } from '../../src/core/snapshot';

function call(partial: Partial<CallRecord>): CallRecord {
  return callRecord(partial);
}

function followUp(partial: Partial<FollowUpRecord>): FollowUpRecord {
  return {
    row: 2,
    callId: 'C-1',
    flaggedAt: null,
    flaggedOn: '2026-11-02',
    school: 'Maple',
    staff: 'Ms. Ortiz',
    staffEmail: 'ortiz@x.org',
    student: 'Liam Chen',
    reason: 'Housing: "evicted"',
    assignedTo: 'lee@x.org',
    status: 'Open',
    resolution: '',
    resolvedOn: null,
    alert: '',
    callDate: '2026-11-02',
    callLink: '',
    familyMember: '',
    phone: '',
    familyEmail: '',
    ...partial,
  };
}

const roster: RosterStudent[] = [
  {
    studentId: '1',
    student: 'Mateo Ruiz',
    grade: '3',
    school: 'Maple',
    familyMember: 'Ana Ruiz',
    phone: '555-0101',
    email: '',
    homeLanguage: 'Spanish',
    assignedTo: '',
    priority: '',
  },
  {
    studentId: '2',
    student: 'Sofia Ruiz',
    grade: '5',
    school: 'Maple',
    familyMember: 'Ana Ruiz',
    phone: '555-0101',
    email: '',
    homeLanguage: 'Spanish',
    assignedTo: '',
    priority: '',
  },
];
const households = buildHouseholdIndex(roster);
const settings = { attemptsBeforeHandOff: 3 };

describe('isOverdue', () => {
  it('is overdue once open longer than Follow-up Due Days', () => {
    const f = followUp({ flaggedOn: '2026-11-02' });
    expect(isOverdue(f, '2026-11-04', 2)).toBe(false);
    expect(isOverdue(f, '2026-11-05', 2)).toBe(true);
    expect(isOverdue({ ...f, status: 'In progress' }, '2026-11-05', 2)).toBe(true);
  });

  it('a closed follow-up, or one without a Flagged At, is never overdue', () => {
    expect(isOverdue(followUp({ status: 'Resolved' }), '2026-12-01', 2)).toBe(false);
    expect(isOverdue(followUp({ status: 'Not urgent' }), '2026-12-01', 2)).toBe(false);
    expect(isOverdue(followUp({ flaggedOn: null }), '2026-12-01', 2)).toBe(false);
  });

  it('days open count to today, or to the day it was closed', () => {
    expect(daysOpen(followUp({}), '2026-11-09')).toBe(7);
    expect(daysOpen(followUp({ status: 'Resolved', resolvedOn: '2026-11-03' }), '2026-11-09')).toBe(1);
  });
});

describe('handOffReason', () => {
  it('reads the same from a household’s facts', () => {
    expect(
      handOffReasonOf({
        attempts: 3,
        methods: { 'Text message': 1, Phone: 2 },
        firstDay: '2026-11-02',
        lastDay: '2026-11-05',
      }),
    ).toBe('Not reached after 3 attempts: Phone ×2, Text message ×1 over 4 days');
  });

  it('says what was tried, most-used method first, and over how many days, from the calls as they go by', () => {
    const tallied = (calls: ReadonlyArray<Partial<CallRecord>>): string => {
      const facts = newHouseholdFacts();
      for (const c of calls) addToHousehold(facts, call({ outcome: 'No answer', ...c }));
      return handOffReasonOf(facts);
    };
    expect(
      tallied([
        { method: 'Text message', callDate: '2026-11-02' },
        { method: 'Phone', callDate: '2026-11-03' },
        { method: 'Phone', callDate: '2026-11-05' },
      ]),
    ).toBe('Not reached after 3 attempts: Phone ×2, Text message ×1 over 4 days');
    expect(tallied([{ method: 'Email', callDate: '2026-11-02' }])).toBe(
      'Not reached after 1 attempt: Email ×1 over 1 day',
    );
  });
});

describe('missingFollowUps', () => {
  it('an urgent call without its row gets one, with its reason; one with a row does not', () => {
    const calls = [
      call({ callId: 'C-1', urgent: true, urgentReason: 'Housing: "evicted"' }),
      call({ callId: 'C-2', urgent: true, urgentReason: '', student: 'Ava' }),
      call({ callId: 'C-3', urgent: true, urgentReason: 'Marked by caller', student: 'Noa' }),
      call({ callId: '', urgent: true, student: 'No id' }),
    ];
    const missing = missingFollowUps(
      calls,
      [followUp({ callId: 'C-3', reason: 'Marked by caller' })],
      households,
      settings,
    );
    expect(missing.map((m) => [m.kind, m.call.callId, m.reason])).toEqual([
      ['urgent', 'C-1', 'Housing: "evicted"'],
      ['urgent', 'C-2', 'Urgent ticked on the Call Log'],
    ]);
  });

  it('one hand-off per household with enough attempts and no Conversation, siblings together', () => {
    const calls = [
      call({ callId: 'C-1', student: 'Mateo Ruiz', method: 'Phone', callDate: '2026-11-02', row: 2 }),
      call({ callId: 'C-2', student: 'Sofia Ruiz', method: 'Text message', callDate: '2026-11-03', row: 3 }),
      call({ callId: 'C-3', student: 'Mateo Ruiz', method: 'Phone', callDate: '2026-11-05', row: 4 }),
      call({ callId: 'C-4', student: 'Liam Chen', row: 5 }),
      call({ callId: 'C-5', student: 'Liam Chen', row: 6 }),
      call({ callId: 'C-6', student: 'Liam Chen', row: 7, outcome: 'Conversation' }),
    ];
    const missing = missingFollowUps(calls, [], households, settings);
    expect(missing.map((m) => [m.kind, m.call.callId, m.reason])).toEqual([
      ['hand-off', 'C-3', 'Not reached after 3 attempts: Phone ×2, Text message ×1 over 4 days'],
    ]);
    const handedOff = [followUp({ callId: 'C-2', reason: 'Not reached after 2 attempts: Phone ×2' })];
    expect(
      missingFollowUps(
        [...calls, call({ callId: 'C-7', student: 'Sofia Ruiz' })],
        handedOff,
        households,
        settings,
      ),
    ).toEqual([]);
  });
});

describe('the Alert cell', () => {
  const now = new Date('2026-11-23T15:00:00Z');
  it('reads its state by its first word', () => {
    expect(alertStateOf('Sent 2026-11-23 09:00 to a@x.org')).toBe('sent');
    expect(alertStateOf('Pending: quota')).toBe('pending');
    expect(alertStateOf('Failed: Invalid email: x')).toBe('failed');
    expect(alertStateOf('Off: Send Urgent Alerts is No on Settings')).toBe('off');
    expect(alertStateOf('')).toBe('none');
  });

  it('pending and failed alerts wait; a claim waits only once its run has surely died', () => {
    expect(awaitsSending({ alert: 'Pending: x', status: 'Open' }, now)).toBe(true);
    expect(awaitsSending({ alert: 'Failed: x', status: 'Open' }, now)).toBe(true);
    expect(awaitsSending({ alert: 'Sent 2026-11-23 09:00 to a@x.org', status: 'Open' }, now)).toBe(false);
    const claim = (minutesAgo: number) =>
      `Sending since ${new Date(now.getTime() - minutesAgo * 60_000).toISOString()} (run abc)`;
    expect(awaitsSending({ alert: claim(5), status: 'Open' }, now)).toBe(false);
    expect(awaitsSending({ alert: claim(31), status: 'Open' }, now)).toBe(true);
  });

  it('names each school whose urgent follow-ups have nobody to alert', () => {
    expect(
      unroutedAlerts([
        followUp({ school: 'Oak', assignedTo: '', alert: 'Pending: nobody to tell' }),
        followUp({ school: 'Oak', assignedTo: '', alert: 'Pending: nobody to tell', row: 3 }),
        followUp({ school: 'Maple', alert: 'Pending: quota' }),
      ]),
    ).toEqual([
      '2 urgent follow-ups for Oak have nobody to alert: add Follow-up Emails (or Principal Emails) for Oak on the Schools tab, and the alerts go out within minutes.',
    ]);
  });
});
