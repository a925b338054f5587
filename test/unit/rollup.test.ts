import { callRecord, followUpRecord } from './fixtures';
import { RosterStudent, StaffMember } from '../../src/core/records';
import { computeSummary } from '../../src/core/progress';
import {
  publishedRows,
  schoolRollup,
  districtPercentFor,
  districtTable,
  districtValues,
  PublishedRow,
  readDistrictTab,
  readRollup,
  rollupValues,
  ROLLUP_DISTRICT_COLUMNS,
  districtMarkValues,
  SchoolNumbers,
  TrackerResult,
} from '../../src/core/rollup';
import { DISTRICT, DISTRICT_TOTAL, ROLLUP } from '../../src/core/schema';
import { readSettings } from '../../src/core/settings';
import { spreadsheetIdOf, spreadsheetUrl } from '../../src/core/trackerLink';

// Monday Nov 23: this week starts today, last week on Nov 16.
const TODAY = '2026-11-23';
const TZ = 'America/Chicago';
const NOW = new Date('2026-11-23T15:00:00Z');
const settings = readSettings(new Map<string, unknown>([['Calls Start Date', '2026-08-01']]), {
  today: TODAY,
  timeZone: TZ,
}).settings;

const staff: StaffMember[] = [
  { email: 'a@x.org', name: 'A', school: 'Maple', role: 'Teacher', callGoal: 1 },
  { email: 'b@x.org', name: 'B', school: 'Maple', role: 'Teacher', callGoal: 3 },
  { email: 'lead@x.org', name: 'Lead', school: 'District Office', role: 'Leader', callGoal: null },
];
const roster: RosterStudent[] = ['Liam', 'Ana'].map((student, i) => ({
  studentId: String(i),
  student,
  grade: '',
  school: 'Maple',
  familyMember: `${student}'s parent`,
  phone: `555-010${i}`,
  email: '',
  homeLanguage: '',
  assignedTo: '',
  priority: '',
}));

const followUp = followUpRecord;

function maple(): SchoolNumbers[] {
  const calls = [
    callRecord({
      staffEmail: 'a@x.org',
      student: 'Liam',
      familyMember: "Liam's parent",
      outcome: 'Conversation',
      callDate: '2026-11-23',
    }),
    callRecord({ staffEmail: 'b@x.org', student: 'Ana', callDate: '2026-11-20' }),
    callRecord({ staffEmail: 'b@x.org', student: 'Ana', callDate: '2026-11-16' }),
    // Two weeks ago, before the window, and without a caller: none of them is this week's or last.
    callRecord({ staffEmail: 'b@x.org', student: 'Ana', callDate: '2026-11-13' }),
    callRecord({ staffEmail: 'b@x.org', student: 'Ana', callDate: '2026-07-30' }),
    callRecord({ staffEmail: '', student: 'Ana', callDate: '2026-11-23' }),
    // Logged by mistake: counted nowhere.
    callRecord({
      staffEmail: 'b@x.org',
      student: 'Ana',
      callDate: '2026-11-23',
      withdrawn: 'Withdrawn by B on Nov 23',
    }),
  ];
  const followUps = [
    followUp({ flaggedOn: '2026-11-16' }), // overdue: open more than 2 days
    followUp({ flaggedOn: '2026-11-22' }),
    followUp({ status: 'Resolved' }),
    followUp({ reason: 'Not reached after 3 attempts: Phone ×3 over 5 days' }),
  ];
  const input = { staff, schools: [], roster, calls, followUps, settings, today: TODAY };
  return publishedRows(
    computeSummary(input).schools.map((p) => schoolRollup(p, calls, followUps, settings, TODAY)),
    ['Maple'],
  );
}

describe('what a school tracker publishes', () => {
  test("one row per school with the Summary's goals and families, and its own week and follow-up counts", () => {
    expect(maple()).toEqual([
      {
        school: 'Maple',
        staffWithGoals: 2,
        metGoal: 1,
        exceededGoal: 0,
        familiesReached: 1,
        rosterFamilies: 2,
        rosterFamiliesReached: 1,
        callsThisWeek: 1,
        callsLastWeek: 2,
        openUrgent: 2,
        overdueUrgent: 1,
        familiesWaiting: 1,
      },
    ]);
  });

  test('a school only on Staff with nothing to count (the district office) is not published', () => {
    expect(maple().map((r) => r.school)).not.toContain('District Office');
  });

  test('numbers only: the row holds no name of a student or family, whatever the calls said', () => {
    const cells = rollupValues(maple(), NOW).flat().map(String).join(' ');
    for (const word of ['Liam', 'Ana', 'parent', 'evicted', '555']) expect(cells).not.toContain(word);
  });

  test('written and read back by header, whatever the column order; the district mark is read too', () => {
    const values: unknown[][] = rollupValues(maple(), NOW);
    const mark = districtMarkValues({ tracker: 'https://d', percentMet: 0.4, refreshedAt: NOW });
    values[0].push(...mark[0]);
    values[1].push(...mark[1]);
    // A Leader moved two columns around.
    const swapped = values.map((row) => [row[2], row[1], row[0], ...row.slice(3)]);
    const reading = readRollup(swapped);
    expect(reading).toEqual({
      ok: true,
      schools: [{ ...maple()[0], refreshedAt: NOW }],
      district: { tracker: 'https://d', percentMet: 0.4, refreshedAt: NOW },
    });
    expect(ROLLUP_DISTRICT_COLUMNS.map((c) => c.header)).toEqual(mark[0]);
  });

  test('a Rollup it cannot read is said in words, never guessed', () => {
    const values: unknown[][] = rollupValues(maple(), NOW);
    expect(readRollup([values[0].slice(1)])).toEqual({
      ok: false,
      problem: 'its Rollup tab has no "School" column',
    });
    values[1][1] = 'lots';
    expect(readRollup(values)).toEqual({
      ok: false,
      problem: 'its Rollup row for Maple is not all whole numbers',
    });
    expect(readRollup([])).toMatchObject({ ok: false });
  });

  test("the district's % Met shows while its mark is recent, and only from the district Settings names", () => {
    const mark = { tracker: 'x', percentMet: 0.4, refreshedAt: NOW };
    expect(districtPercentFor(mark, null, 'd1', NOW)).toBe(0.4);
    expect(districtPercentFor(mark, 'd1', 'd1', NOW)).toBe(0.4);
    expect(districtPercentFor(mark, 'd2', 'd1', NOW)).toBeNull();
    expect(districtPercentFor(mark, null, 'd1', new Date(NOW.getTime() + 15 * 86_400_000))).toBeNull();
    expect(districtPercentFor(null, null, null, NOW)).toBeNull();
  });
});

const published = (
  school: string,
  refreshedAt: Date | null,
  over: Partial<PublishedRow> = {},
): PublishedRow => ({
  ...maple()[0],
  school,
  refreshedAt,
  ...over,
});

describe("a district tracker's District tab", () => {
  const results: TrackerResult[] = [
    {
      url: 'https://oak',
      name: 'Oak tracker',
      rows: [published('Oak', NOW, { metGoal: 2 })],
      problem: '',
      note: '',
    },
    {
      url: 'https://maple',
      name: 'Maple tracker',
      rows: [published('Maple', new Date(NOW.getTime() - 3 * 86_400_000))],
      problem: '',
      note: '',
    },
    {
      url: 'https://cedar',
      name: 'Cedar tracker',
      rows: [],
      problem: 'Not shared with lead@x.org.',
      note: '',
    },
  ];
  const table = districtTable(results, NOW, TZ);

  test('a row per school by name, a tracker not read on its own row with why, and the total of those read', () => {
    expect(table.rows.map((r) => [r.school, r.status])).toEqual([
      ['Cedar tracker', 'Not shared with lead@x.org.'],
      [
        'Maple',
        'Stale: its numbers are from 2026-11-20 09:00, and its upkeep trigger has not refreshed them since. A Leader of that tracker runs Relationship Calls → Set up tracker there (it reinstalls the trigger).',
      ],
      ['Oak', ''],
    ]);
    expect(table.total.counts).toMatchObject({
      staffWithGoals: 4,
      metGoal: 3,
      callsThisWeek: 2,
      familiesWaiting: 2,
    });
    expect(table.total.status).toBe(
      'Adds up 2 schools; 1 tracker not read (see their rows), 1 school with old numbers.',
    );
  });

  test('the tab holds shares computed from the counts, and reads back into the same table', () => {
    const values = districtValues(table);
    expect(values[0]).toEqual(DISTRICT.columns.map((c) => c.header));
    const oak = values[3];
    const at = (h: string) => DISTRICT.columns.findIndex((c) => c.header === h);
    expect([oak[at('% Met')], oak[at('% Exceeded Goal')], oak[at('% Roster Reached')]]).toEqual([1, 0, 0.5]);
    expect(values[1][at('% Met')]).toBe(''); // Cedar: not read
    expect(values[4][0]).toBe(DISTRICT_TOTAL);
    expect(readDistrictTab(values)).toEqual(table);
    expect(readDistrictTab(values.slice(0, -1))).toBeNull();
  });

  test('a school found in two trackers is counted in both and said on both rows', () => {
    const twice = districtTable(
      [
        { url: 'u1', name: 't1', rows: [published('Oak', NOW)], problem: '', note: '' },
        {
          url: 'u2',
          name: 't2',
          rows: [published('OAK', NOW)],
          problem: '',
          note: 'Its Rollup tab is not protected.',
        },
      ],
      NOW,
      TZ,
    );
    expect(twice.rows.map((r) => r.status)).toEqual([
      'This school is in more than one listed tracker: both are counted.',
      'Its Rollup tab is not protected. This school is in more than one listed tracker: both are counted.',
    ]);
    expect(twice.total.counts?.staffWithGoals).toBe(4);
  });

  test('Rollup and District headers are the contract: every count the Rollup publishes, the District shows', () => {
    const districtKeys = DISTRICT.columns.map((c) => c.key);
    for (const c of ROLLUP.columns.filter(
      (c) => c.type === 'wholeNumber' && c.key !== 'rosterFamiliesReached',
    ))
      expect(districtKeys).toContain(c.key);
  });
});

test('a tracker link is its id, from a copied address or bare; anything else is not a link', () => {
  const id = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcd';
  expect(spreadsheetIdOf(`https://docs.google.com/spreadsheets/d/${id}/edit#gid=0`)).toBe(id);
  expect(spreadsheetIdOf(` ${id} `)).toBe(id);
  expect(spreadsheetIdOf(spreadsheetUrl(id))).toBe(id);
  for (const bad of [
    '',
    'Maple tracker',
    `https://evil.example/spreadsheets/d/${id}`,
    'https://docs.google.com/',
    `https://docs.google.com/spreadsheets/d/${id}/edit and more`,
  ])
    expect(spreadsheetIdOf(bad)).toBeNull();
});

test('Settings: District Tracker is a link or blank; anything else falls back to blank out loud', () => {
  const read = (v: string) =>
    readSettings(new Map([['District Tracker', v]]), { today: TODAY, timeZone: TZ });
  expect(read('').settings.districtTracker).toBe('');
  const link = 'https://docs.google.com/spreadsheets/d/1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789/edit';
  expect(read(link).settings.districtTracker).toBe(link);
  const bad = read('the district one');
  expect(bad.settings.districtTracker).toBe('');
  expect(bad.problems).toEqual([
    'District Tracker "the district one" is not a spreadsheet link (https://docs.google.com/spreadsheets/d/…), or blank; using blank.',
  ]);
});
