import { addDays, dayOf, startOfDay, weekStart, cellToDay, shortDay } from '../../src/core/dates';
import { readSettings } from '../../src/core/settings';
import { callIdFor, isSubmissionId } from '../../src/core/ids';

describe('days in the spreadsheet time zone', () => {
  it('a late-evening call in Chicago is still that day there', () => {
    expect(dayOf(new Date('2026-11-24T03:30:00Z'), 'America/Chicago')).toBe('2026-11-23');
    expect(dayOf(new Date('2026-11-24T03:30:00Z'), 'Europe/Paris')).toBe('2026-11-24');
  });

  it('midnight round-trips across a DST change', () => {
    for (const day of ['2026-03-08', '2026-11-01', '2026-07-04']) {
      expect(dayOf(startOfDay(day, 'America/Chicago'), 'America/Chicago')).toBe(day);
    }
    expect(startOfDay('2026-07-04', 'America/Chicago').toISOString()).toBe('2026-07-04T05:00:00.000Z');
  });

  it('weeks start on the chosen day', () => {
    expect(weekStart('2026-11-25', 'Monday')).toBe('2026-11-23');
    expect(weekStart('2026-11-23', 'Sunday')).toBe('2026-11-22');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('reads date cells and day text, and nothing else', () => {
    expect(cellToDay(new Date('2026-09-03T05:00:00Z'), 'America/Chicago')).toBe('2026-09-03');
    expect(cellToDay('2026-02-30', 'America/Chicago')).toBeNull();
    expect(cellToDay(45000, 'America/Chicago')).toBeNull();
    expect(shortDay('2026-09-03')).toBe('Sep 3');
  });
});

describe('Settings', () => {
  const context = { today: '2026-11-23', timeZone: 'America/Chicago' };

  it('defaults when blank: the school year starting Aug 1', () => {
    const { settings, problems } = readSettings(new Map(), context);
    expect(settings).toMatchObject({
      callsStartDate: '2026-08-01',
      goalDeadline: '2026-10-31',
      goalCounts: 'Families reached',
      weekStarts: 'Monday',
      digestHour: 7,
      sendUrgentAlerts: true,
      includeNotesInEmails: false,
      followUpDueDays: 2,
      attemptsBeforeHandOff: 3,
      timeZone: 'America/Chicago',
    });
    expect(problems).toEqual([]);
  });

  it('reads what a leader typed, and reports what it cannot read', () => {
    const { settings, problems } = readSettings(
      new Map<string, unknown>([
        ['Calls Start Date', new Date('2026-08-15T05:00:00Z')],
        ['Goal Counts', 'all attempts'],
        ['Digest Hour', 25],
        ['Follow-up Due Days', 'two'],
        ['Time Zone', 'Mars/Olympus'],
      ]),
      context,
    );
    expect(settings.callsStartDate).toBe('2026-08-15');
    expect(settings.goalCounts).toBe('All attempts');
    expect(settings.digestHour).toBe(7);
    expect(settings.followUpDueDays).toBe(2);
    expect(problems).toEqual([
      'Time Zone "Mars/Olympus" is not an IANA time zone, e.g. America/Chicago; using America/Chicago.',
      'Digest Hour "25" is not a whole number from 0 to 23; using 7.',
      'Follow-up Due Days "two" is not a whole number from 0 to 365; using 2.',
    ]);
  });
});

describe('Call IDs', () => {
  it('the same submission by the same person gives the same ID; anything else differs', () => {
    const id = callIdFor('abc12345', 'a@x.org');
    expect(id).toMatch(/^C-[0-9A-Z]{11}$/);
    expect(callIdFor('abc12345', 'a@x.org')).toBe(id);
    expect(callIdFor('abc12346', 'a@x.org')).not.toBe(id);
    expect(callIdFor('abc12345', 'b@x.org')).not.toBe(id);
  });

  it('accepts only short printable submission ids', () => {
    expect(isSubmissionId('k3j4-h5g6_x')).toBe(true);
    expect(isSubmissionId('short')).toBe(false);
    expect(isSubmissionId('<script>alert(1)</script>')).toBe(false);
    expect(isSubmissionId(42)).toBe(false);
  });
});
