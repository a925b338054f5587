import { callRecord } from './fixtures';
import { buildHouseholdIndex } from '../../src/core/households';
import {
  alertReport,
  daysOpen,
  handOffReasonOf,
  isHandOffDue,
  isOverdue,
  missingFollowUps,
  reachedResolution,
  tallyHouseholds,
  unroutedAlerts,
} from '../../src/core/followUps';
import { KnownFollowUp, QueuedAlert } from '../../src/core/ledger';
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
    signature: '',
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
  const known =
    (...ids: string[]) =>
    (id: string) =>
      ids.includes(id);
  const tallies = (calls: CallRecord[]) => tallyHouseholds(calls, households);

  it('an urgent call the ledger does not know gets one, with its reason; a known one does not', () => {
    const calls = [
      call({ callId: 'C-1', urgent: true, urgentReason: 'Housing: "evicted"' }),
      call({ callId: 'C-2', urgent: true, urgentReason: '', student: 'Ava' }),
      call({ callId: 'C-3', urgent: true, urgentReason: 'Marked by caller', student: 'Noa' }),
      call({ callId: '', urgent: true, student: 'No id' }),
    ];
    const missing = missingFollowUps(calls, known('C-3'), tallies(calls), settings);
    expect(missing.map((m) => [m.kind, m.id, m.call.callId, m.reason])).toEqual([
      ['urgent', 'C-1', 'C-1', 'Housing: "evicted"'],
      ['urgent', 'C-2', 'C-2', 'Urgent ticked on the Call Log'],
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
    const missing = missingFollowUps(calls, known(), tallies(calls), settings);
    expect(missing.map((m) => [m.kind, m.call.callId, m.reason])).toEqual([
      ['hand-off', 'C-3', 'Not reached after 3 attempts: Phone ×2, Text message ×1 over 4 days'],
    ]);
    // The household's id is the same whichever sibling's call comes later: it is raised once.
    const more = [...calls, call({ callId: 'C-7', student: 'Sofia Ruiz', row: 8 })];
    expect(missingFollowUps(more, known(missing[0].id), tallies(more), settings)).toEqual([]);
  });

  it('a household reached since its hand-off is no longer due', () => {
    const calls = [1, 2, 3].map((n) => call({ callId: `C-${n}`, student: 'Ava', row: n + 1 }));
    const [tally] = tallies(calls).values();
    expect(isHandOffDue(tally, 3)).toBe(true);
    const reached = [...calls, call({ callId: 'C-9', student: 'Ava', row: 9, outcome: 'Conversation' })];
    const [after] = tallies(reached).values();
    expect(isHandOffDue(after, 3)).toBe(false);
    expect(after.id).toBe(tally.id);
    expect(reachedResolution(after.facts.reached!)).toMatch(/^Reached by .+ on 2026-/);
  });
});

describe('the Alert cell, written from the ledger', () => {
  const queued = (why: string, claim: QueuedAlert['claim'] = null) => ({ why, claim }) as QueuedAlert;
  const urgent = (alert: KnownFollowUp['alert']): KnownFollowUp => ({
    id: 'C-1',
    kind: 'urgent',
    closed: false,
    alert,
  });

  it('says what the ledger says, whatever was typed in the cell', () => {
    expect(alertReport(urgent('queued'), queued('quota'), 'Sent 2026-11-23 09:00 to a@x.org')).toBe(
      'Pending: quota',
    );
    expect(alertReport(urgent('sent'), undefined, 'Pending: x')).toBe(
      "Sent (the add-on's record; this cell had been changed)",
    );
    expect(alertReport(urgent('sent'), undefined, 'Sent 2026-11-23 09:00 to a@x.org')).toBe(
      'Sent 2026-11-23 09:00 to a@x.org',
    );
    expect(alertReport(urgent('failed'), undefined, 'Pending: x')).toMatch(/^Failed: /);
    expect(alertReport(urgent('queued'), queued('x', { run: 'r', at: '2026-11-23T15:00:00.000Z' }), '')).toBe(
      'Sending since 2026-11-23T15:00:00.000Z',
    );
    expect(alertReport({ ...urgent('none'), kind: 'hand-off' }, undefined, 'Pending: x')).toBe(
      'None: hand-offs are not emailed',
    );
  });

  it('names each school whose owed alerts have nobody to go to', () => {
    const owed = (school: string, why: string) => ({ school, why }) as QueuedAlert;
    expect(
      unroutedAlerts([
        owed('Oak', 'nobody to tell: Oak has no Follow-up Emails or Principal Emails on Schools'),
        owed('Oak', 'nobody to tell: Oak has no Follow-up Emails or Principal Emails on Schools'),
        owed('Maple', 'the daily email quota is used up'),
      ]),
    ).toEqual([
      '2 urgent follow-ups for Oak have nobody to alert: add Follow-up Emails (or Principal Emails) for Oak on the Schools tab, and the alerts go out within minutes.',
    ]);
  });
});
