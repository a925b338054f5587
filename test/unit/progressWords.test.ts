import { assignedText, progressWords } from '../../src/core/progressWords';

const window = { callsStartDate: '2026-11-01', deadline: '2026-12-16', today: '2026-12-04' };
const facts = (counted: number, goal: number | null, attempts = counted) =>
  ({ counted, goal, attempts, counts: 'Families reached' }) as const;

describe('progressWords', () => {
  test('short of the goal: how many to go and days left, and whether that is on pace', () => {
    // 34 of 46 days have passed: 8 × 34/46 = 5.9, so 6 are due by today.
    expect(progressWords(facts(6, 8), window)).toEqual({
      headline: '6 of 8 families reached — 2 to go, 12 days left',
      pace: 'On pace for Dec 16.',
      status: 'On pace',
    });
    expect(progressWords(facts(4, 8), window)).toEqual({
      headline: '4 of 8 families reached — 4 to go, 12 days left',
      pace: 'Behind pace: 2 more would put you on pace today.',
      status: 'Behind',
    });
  });

  test('at or past the goal it says so, without a count to go', () => {
    expect(progressWords(facts(8, 8), window).headline).toBe('Goal met: 8 of 8 families reached');
    expect(progressWords(facts(9, 8), window)).toMatchObject({
      headline: 'Goal exceeded: 9 of 8 families reached',
      pace: '',
      status: 'Exceeded goal',
    });
  });

  test('the deadline day, and after it', () => {
    expect(progressWords(facts(1, 8), { ...window, today: '2026-12-16' }).headline).toBe(
      '1 of 8 families reached — 7 to go, the deadline is today',
    );
    expect(progressWords(facts(1, 8), { ...window, today: '2026-12-18' }).headline).toBe(
      '1 of 8 families reached — 7 to go, the deadline passed on Dec 16',
    );
  });

  test('without a goal, and when every call counts', () => {
    expect(progressWords(facts(3, null), window)).toEqual({
      headline: '3 families reached',
      pace: '',
      status: null,
    });
    expect(progressWords({ ...facts(1, 10), counts: 'All attempts' }, window).headline).toBe(
      '1 of 10 calls logged — 9 to go, 12 days left',
    );
  });
});

test('assignedText names families, not students', () => {
  expect(assignedText(12)).toBe('12 families are assigned to you on the Roster.');
  expect(assignedText(1)).toBe('1 family is assigned to you on the Roster.');
  expect(assignedText(0)).toBe('');
});
