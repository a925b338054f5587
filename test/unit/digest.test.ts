import { callRecord, followUpRecord } from './fixtures';
import { dayOf } from '../../src/core/dates';
import {
  buildDigests,
  DigestInput,
  digestSubject,
  digestWindows,
  LIST_CAP,
  nextDigestTime,
  SchoolDigest,
  weekOfSending,
} from '../../src/core/digest';
import { sameTarget } from '../../src/core/digestLog';
import { isOverdue } from '../../src/core/followUps';
import { computeSummary } from '../../src/core/progress';
import { CallRecord, FollowUpRecord, StaffMember } from '../../src/core/records';
import { readSettings } from '../../src/core/settings';
import { renderDigest } from '../../src/ui/digestEmail';

const TZ = 'America/Chicago';
/** Monday. */
const TODAY = '2026-11-23';
const settings = readSettings(new Map(), { today: TODAY, timeZone: TZ }).settings;
const links = { summary: 'https://sheet#gid=1', followUps: 'https://sheet#gid=2' };

let row = 1;
function call(over: Partial<CallRecord>): CallRecord {
  row++;
  return callRecord({
    row,
    callId: `C-${row}`,
    callDate: TODAY,
    student: `Student ${row}`,
    familyMember: `Parent ${row}`,
    outcome: 'Conversation',
    ...over,
  });
}

function person(email: string, name: string, school: string, callGoal: number | null): StaffMember {
  return { email, name, school, role: callGoal === null ? 'Principal' : 'Teacher', callGoal };
}

function followUp(over: Partial<FollowUpRecord>): FollowUpRecord {
  row++;
  const flaggedAt = over.flaggedAt === undefined ? new Date('2026-11-20T15:00:00Z') : over.flaggedAt;
  return followUpRecord({
    row,
    callId: '',
    flaggedAt,
    flaggedOn: flaggedAt ? dayOf(flaggedAt, 'America/Chicago') : null,
    staffEmail: '',
    student: 'Someone',
    reason: 'Urgent: Marked by caller',
    assignedTo: 'counselor@x.org',
    ...over,
  });
}

function input(over: Partial<DigestInput> = {}): DigestInput {
  return {
    staff: [person('ortiz@x.org', 'Ms. Ortiz', 'Maple', 2), person('park@x.org', 'Ms. Park', 'Maple', null)],
    schools: [{ school: 'Maple', principalEmails: ['park@x.org'], followUpEmails: [], goalDeadline: null }],
    roster: [],
    calls: [],
    followUps: [],
    settings,
    today: TODAY,
    links,
    ...over,
  };
}

function digestsOf(i: DigestInput) {
  return buildDigests(i, computeSummary(i));
}

function maple(i: DigestInput): SchoolDigest {
  const found = digestsOf(i).schools.find((s) => s.scope === 'Maple');
  if (!found) throw new Error('no Maple digest');
  return found;
}

describe('the 7-day windows', () => {
  it('are the past 7 days, today included, and the 7 before', () => {
    expect(digestWindows(TODAY)).toEqual({
      past: ['2026-11-17', TODAY],
      prior: ['2026-11-10', '2026-11-16'],
    });
    const days = [TODAY, '2026-11-17', '2026-11-16', '2026-11-10', '2026-11-09'];
    const d = maple(input({ calls: days.map((callDate) => call({ callDate })) }));
    expect(d.headline.callsPast7Days).toBe(2);
    expect(d.headline.callsPrior7Days).toBe(2);
    expect(d.staff.rows[0].callsPast7Days).toBe(2);
  });

  it('do not follow Week Starts; the Digest Log week does', () => {
    const calls = ['2026-11-22', '2026-11-18'].map((callDate) => call({ callDate }));
    for (const weekStarts of ['Monday', 'Sunday'] as const) {
      const d = maple(input({ calls, settings: { ...settings, weekStarts } }));
      expect(d.headline.callsPast7Days).toBe(2);
      expect(d.weekOf).toBe(weekStarts === 'Monday' ? '2026-11-23' : '2026-11-22');
    }
  });

  it("take today in the tracker's time zone: 3 a.m. UTC on Monday is still Sunday in Chicago", () => {
    const now = new Date('2026-11-23T03:00:00Z');
    expect(weekOfSending(now, TZ, 'Monday')).toBe('2026-11-16');
    expect(weekOfSending(now, 'UTC', 'Monday')).toBe('2026-11-23');
    expect(weekOfSending(now, TZ, 'Sunday')).toBe('2026-11-22');
    // Sunday's digest counts Monday Nov 16 in its past 7 days; Monday's does not.
    const calls = [call({ callDate: '2026-11-16' })];
    expect(maple(input({ calls, today: '2026-11-22' })).headline.callsPast7Days).toBe(1);
    expect(maple(input({ calls, today: '2026-11-23' })).headline.callsPast7Days).toBe(0);
  });
});

describe('staff', () => {
  it("carry the Summary's own numbers and statuses, those who need a check-in first", () => {
    const staff = [
      person('a@x.org', 'Ana Met', 'Maple', 1),
      person('b@x.org', 'Ben Behind', 'Maple', 30),
      person('c@x.org', 'Cy Idle', 'Maple', 5),
      person('d@x.org', 'Di Over', 'Maple', 1),
    ];
    const calls = [
      call({ staffEmail: 'a@x.org' }),
      call({ staffEmail: 'b@x.org', outcome: 'No answer', familyMember: '' }),
      call({ staffEmail: 'd@x.org' }),
      call({ staffEmail: 'd@x.org' }),
    ];
    const i = input({ staff, calls });
    const summary = computeSummary(i);
    const d = buildDigests(i, summary).schools[0];
    expect(d.staff.rows.map((s) => [s.name, s.status])).toEqual([
      ['Cy Idle', 'Not started'],
      ['Ben Behind', 'Behind'],
      ['Ana Met', 'Met goal'],
      ['Di Over', 'Exceeded goal'],
    ]);
    for (const line of d.staff.rows) {
      const same = summary.staff.find((s) => s.name === line.name)!;
      expect([line.counted, line.goal, line.status]).toEqual([same.counted, same.goal, same.status]);
    }
    expect(d.headline.percentMet).toBe(0.5);
    expect(d.headline.percentExceeded).toBe(0.25);
  });

  it(`stop after ${LIST_CAP} rows and count the rest by status`, () => {
    const staff = Array.from({ length: 30 }, (_, i) =>
      person(`t${i}@x.org`, `T ${String(i).padStart(2, '0')}`, 'Maple', 3),
    );
    const d = maple(input({ staff }));
    expect(d.staff.rows).toHaveLength(LIST_CAP);
    expect(d.staff.more).toBe(5);
    expect(d.moreStaffByStatus).toEqual([{ status: 'Not started', count: 5 }]);
    expect(renderDigest(d).body).toContain('and 5 more: 5 not started (all on the Summary tab)');
  });
});

describe('follow-ups and unreached families', () => {
  it('lists open urgent follow-ups oldest first, marks overdue ones, and caps the list', () => {
    const urgent = call({ urgent: true, urgentReason: 'eviction', notes: 'Landlord said Friday' });
    const followUps = [
      followUp({
        callId: urgent.callId,
        student: 'Newest',
        flaggedAt: new Date('2026-11-23T14:00:00Z'),
        reason: 'Urgent: eviction, Landlord said Friday',
      }),
      followUp({ student: 'Oldest', flaggedAt: new Date('2026-11-10T14:00:00Z') }),
      followUp({ student: 'Done', status: 'Resolved' }),
      followUp({ student: 'Unreached', reason: 'Not reached after 3 attempts: needs a plan' }),
      ...Array.from({ length: 30 }, () =>
        followUp({ student: 'Many', flaggedAt: new Date('2026-11-22T14:00:00Z') }),
      ),
    ];
    const d = maple(input({ calls: [urgent], followUps }));
    expect(d.followUps.rows[0]).toMatchObject({ student: 'Oldest', daysOpen: 13, overdue: true });
    expect(d.followUps.rows.at(-1)!.student).toBe('Many');
    expect(d.followUps.more).toBe(32 - LIST_CAP);
    expect(d.openFollowUps).toBe(33);
    expect(d.overdueFollowUps).toBe(2); // Oldest, and Unreached (flagged Nov 20)
    const newest = maple(input({ calls: [urgent], followUps: followUps.slice(0, 1) })).followUps.rows[0];
    expect(newest).toMatchObject({ reason: 'Urgent: eviction', notes: '', daysOpen: 0, overdue: false });
    const withNotes = maple(
      input({
        calls: [urgent],
        followUps: followUps.slice(0, 1),
        settings: { ...settings, includeNotesInEmails: true },
      }),
    ).followUps.rows[0];
    expect(withNotes).toMatchObject({
      reason: 'Urgent: eviction, Landlord said Friday',
      notes: 'Landlord said Friday',
    });
  });

  it('counts a follow-up overdue once it is open longer than Follow-up Due Days', () => {
    expect(isOverdue({ status: 'Open', flaggedOn: '2026-11-21' }, TODAY, 2)).toBe(false);
    expect(isOverdue({ status: 'Open', flaggedOn: '2026-11-20' }, TODAY, 2)).toBe(true);
    expect(isOverdue({ status: 'Open', flaggedOn: null }, TODAY, 2)).toBe(false);
  });

  it('names households with the hand-off number of attempts and no conversation, siblings as one', () => {
    const roster = ['Mia', 'Max'].map((student) => ({
      studentId: '',
      student,
      grade: '',
      school: 'Maple',
      familyMember: 'Pat Lo',
      phone: '555',
      email: '',
      homeLanguage: '',
      assignedTo: '',
      priority: '',
    }));
    const noAnswer = { outcome: 'No answer', familyMember: '' };
    const calls = [
      call({ ...noAnswer, student: 'Mia', callDate: '2026-11-02' }),
      call({ ...noAnswer, student: 'Max', callDate: '2026-11-09' }),
      call({ ...noAnswer, student: 'Mia', callDate: '2026-11-16' }),
      call({ ...noAnswer, student: 'Solo' }),
      call({ ...noAnswer, student: 'Reached' }),
      call({ ...noAnswer, student: 'Reached' }),
      call({ ...noAnswer, student: 'Reached' }),
      call({ student: 'Reached' }),
    ];
    const d = maple(input({ roster, calls }));
    expect(d.unreached.rows).toEqual([
      { students: 'Mia, Max', attempts: 3, lastAttempt: '2026-11-16', calledBy: 'Ms. Ortiz' },
    ]);
  });
});

describe('family voices', () => {
  it('quotes up to three conversations of the past week whose family agreed, newest first, redacted, never an urgent one', () => {
    const calls = [
      call({
        callDate: '2026-11-22',
        student: 'Kim Ade',
        familyMember: 'Lu Ade (father)',
        hopesAndDreams: 'Kim will read to Lu every night',
        okToQuote: true,
      }),
      call({ callDate: '2026-11-21', familyStrengths: 'They garden together', okToQuote: true }),
      call({
        callDate: '2026-11-23',
        familyStrengths: 'Urgent family',
        urgent: true,
        urgentReason: 'crisis',
        okToQuote: true,
      }),
      call({ callDate: '2026-11-23', familyStrengths: 'Nobody asked them' }),
      call({ callDate: '2026-11-22', hopesAndDreams: 'He was diagnosed last spring', okToQuote: true }),
      call({ callDate: '2026-11-20', hopesAndDreams: 'They read at the library', okToQuote: true }),
      call({ callDate: '2026-11-19', hopesAndDreams: 'Fourth one: too many', okToQuote: true }),
      call({ callDate: '2026-11-10', hopesAndDreams: 'Too old', okToQuote: true }),
      call({
        callDate: TODAY,
        outcome: 'No answer',
        familyMember: '',
        hopesAndDreams: 'Not a conversation',
        okToQuote: true,
      }),
    ];
    const d = maple(input({ calls }));
    expect(d.voices).toEqual([
      { kind: 'Hopes & dreams', text: '… will read to … every night' },
      { kind: 'Family strengths', text: 'They garden together' },
      { kind: 'Hopes & dreams', text: 'They read at the library' },
    ]);
    expect(
      maple(input({ calls, settings: { ...settings, shareFamilyVoicesInDigests: false } })).voices,
    ).toBeNull();
  });
});

describe('languages, the district digest and the subject', () => {
  it('counts conversations by language and with an interpreter', () => {
    const calls = [
      call({ language: 'Spanish', interpreter: 'Staff interpreter' }),
      call({ language: 'spanish', callDate: '2026-11-01' }),
      call({ language: 'English' }),
      call({ language: 'Spanish', outcome: 'No answer', familyMember: '' }),
    ];
    expect(maple(input({ calls })).languages.rows).toEqual([
      { language: 'Spanish', conversationsPast7Days: 1, conversations: 2, withInterpreter: 1 },
      { language: 'English', conversationsPast7Days: 1, conversations: 1, withInterpreter: 0 },
    ]);
  });

  it('gives leaders a row per school and the total, without any student', () => {
    const i = input({
      staff: [
        person('ortiz@x.org', 'Ms. Ortiz', 'Maple', 1),
        person('oak@x.org', 'Mr. Oak', 'Oak', 1),
        { email: 'lead@x.org', name: 'Lead', school: 'Office', role: 'Leader', callGoal: null },
      ],
      calls: [
        call({ student: 'Secret Student' }),
        call({ staffEmail: 'oak@x.org', school: 'Oak', callDate: '2026-11-01' }),
      ],
    });
    const { district, schools } = digestsOf(i);
    expect(schools.map((s) => s.scope)).toEqual(['Maple', 'Oak']); // not the Office: nothing to report there
    expect(district.recipients).toEqual(['lead@x.org']);
    expect(district.schools.map((r) => [r.school, r.callsPast7Days, r.percentMet])).toEqual([
      ['Maple', 1, 1],
      ['Oak', 0, 1],
    ]);
    expect(district.total).toMatchObject({
      school: 'District',
      staffWithGoals: 2,
      callsPast7Days: 1,
      familiesReached: 2,
    });
    const email = renderDigest(district);
    expect(email.htmlBody + email.body).not.toContain('Secret');
    expect(email.subject).toBe('Relationship calls · District · week of Nov 23: 2 families reached');
  });

  it('says the share of Roster families reached in the subject when there is a Roster', () => {
    const roster = ['A', 'B', 'C', 'D'].map((student) => ({
      studentId: '',
      student,
      grade: '',
      school: 'Maple',
      familyMember: `${student} parent`,
      phone: student,
      email: '',
      homeLanguage: '',
      assignedTo: '',
      priority: '',
    }));
    const d = maple(input({ roster, calls: [call({ student: 'A' }), call({ student: 'Walk-in' })] }));
    expect(digestSubject(d)).toBe('Relationship calls · Maple · week of Nov 23: 25% of families reached');
    expect(renderDigest(d).body).toContain(
      '25% of Roster families reached: 1 of 4, and 1 family not on the Roster',
    );
  });
});

describe('the schedule and the log', () => {
  it('names the next Digest Day at Digest Hour in the time zone', () => {
    const monday9 = new Date('2026-11-23T15:00:00Z');
    expect(nextDigestTime(monday9, 'Monday', 7, TZ).toISOString()).toBe('2026-11-30T13:00:00.000Z');
    expect(nextDigestTime(monday9, 'Monday', 10, TZ).toISOString()).toBe('2026-11-23T16:00:00.000Z');
    expect(nextDigestTime(monday9, 'Sunday', 7, TZ).toISOString()).toBe('2026-11-29T13:00:00.000Z');
  });

  it('tells one email of a run by its scope and address, whatever their spacing and case', () => {
    expect(
      sameTarget({ scope: 'Maple', recipient: 'A@x.org' }, { scope: ' maple ', recipient: 'a@x.org' }),
    ).toBe(true);
    expect(sameTarget({ scope: 'Maple', recipient: 'a@x.org' }, { scope: 'Oak', recipient: 'a@x.org' })).toBe(
      false,
    );
  });
});
