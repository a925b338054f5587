import {
  claimWithinCap,
  classifyMailError,
  decodeKnown,
  encodeKnown,
  handOffId,
  isDue,
  KnownFollowUp,
  QueuedAlert,
  retryWaitMs,
} from '../../src/core/ledger';

const alert = (id: string, school: string, extra: Partial<QueuedAlert> = {}): QueuedAlert => ({
  id,
  callId: id,
  school,
  verified: true,
  student: 'Mateo Ruiz',
  staffEmail: 'ortiz@x.org',
  staffName: 'Ms. Ortiz',
  callDay: '2026-11-20',
  loggedAt: null,
  reason: 'Marked by caller',
  row: 2,
  notesHash: '',
  raisedAt: '2026-11-23T15:00:00.000Z',
  tries: 0,
  notBefore: null,
  why: '',
  claim: null,
  ...extra,
});

describe('the ledger', () => {
  it('keeps each follow-up in two letters, and reads back exactly what it wrote', () => {
    const all: KnownFollowUp[] = [];
    for (const kind of ['urgent', 'hand-off'] as const)
      for (const closed of [false, true])
        for (const a of ['queued', 'sent', 'failed', 'off', 'cancelled', 'none', 'earlier'] as const)
          all.push({ id: 'C-1', kind, closed, alert: a });
    for (const f of all) {
      expect(encodeKnown(f)).toHaveLength(2);
      expect(decodeKnown('C-1', encodeKnown(f))).toEqual(f);
    }
    expect(decodeKnown('C-1', 'zz')).toBeNull();
  });

  it('names a household the same whoever calls, and apart from other schools', () => {
    expect(handOffId('Maple', 'ana ruiz|5550101')).toBe(handOffId(' maple ', 'ana ruiz|5550101'));
    expect(handOffId('Oak', 'ana ruiz|5550101')).not.toBe(handOffId('Maple', 'ana ruiz|5550101'));
  });

  it('claims at most the cap per school and day; the rest are held with why', () => {
    const alerts = [alert('a', 'Maple'), alert('b', 'Maple'), alert('c', 'Oak'), alert('d', 'maple')];
    const claim = { run: 'r1', at: '2026-11-23T15:00:00.000Z' };
    const first = claimWithinCap(alerts, { sent: { maple: 1 }, told: [] }, 2, claim);
    expect(first.claimed.map((a) => a.id)).toEqual(['a', 'c']);
    expect(first.claimed.every((a) => a.claim === claim)).toBe(true);
    expect(first.held.map((a) => a.id)).toEqual(['b', 'd']);
    expect(first.held[0].why).toMatch(/Max Alerts Per School Per Day/);
    expect(first.day.sent).toEqual({ maple: 2, oak: 1 });
  });

  it('waits longer after each transient failure, never more than a day', () => {
    expect([1, 2, 3, 4].map(retryWaitMs)).toEqual([300_000, 600_000, 1_200_000, 2_400_000]);
    expect(retryWaitMs(30)).toBe(86_400_000);
  });

  it('is due once its wait is over and nobody holds a fresh claim on it', () => {
    const now = new Date('2026-11-23T15:00:00Z');
    expect(isDue(alert('a', 'Maple'), now)).toBe(true);
    expect(isDue(alert('a', 'Maple', { notBefore: '2026-11-23T15:05:00.000Z' }), now)).toBe(false);
    const claimed = (minutesAgo: number) =>
      alert('a', 'Maple', {
        claim: { run: 'r', at: new Date(now.getTime() - minutesAgo * 60_000).toISOString() },
      });
    expect(isDue(claimed(5), now)).toBe(false);
    expect(isDue(claimed(31), now)).toBe(true);
  });

  it("tells a passing failure of Google's mail service from a rejected address and the quota", () => {
    expect(classifyMailError('Service unavailable: Gmail')).toBe('transient');
    expect(classifyMailError("We're sorry, a server error occurred. Please wait a bit and try again.")).toBe(
      'transient',
    );
    expect(classifyMailError('Service invoked too many times for one day: email.')).toBe('quota');
    expect(classifyMailError('Invalid email: nobody@')).toBe('address');
  });
});
