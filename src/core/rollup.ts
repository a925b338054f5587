/**
 * A district's numbers by school. A school tracker publishes one row of numbers per school on
 * its Rollup tab; a district tracker reads every school tracker's Rollup, shows them on its
 * District tab with the district total, and builds its digest from that tab. Numbers only: no
 * student, family or note is ever in a row here.
 */
import { addDays, Day, isDate, stamp, weekStart } from './dates';
import { isHandOff, isOverdue } from './followUps';
import { normalizeName } from './households';
import { SchoolProgress } from './progress';
import { CallRecord, FollowUpRecord, isCounted, isOpenFollowUp } from './records';
import { Column, DISTRICT, DISTRICT_TOTAL, ROLLUP, ROLLUP_DISTRICT_KEYS } from './schema';
import { Settings } from './settings';

/** The counts a school publishes; every share is computed from them. */
export interface SchoolCounts {
  staffWithGoals: number;
  metGoal: number;
  exceededGoal: number;
  familiesReached: number;
  rosterFamilies: number;
  rosterFamiliesReached: number;
  callsThisWeek: number;
  callsLastWeek: number;
  openUrgent: number;
  overdueUrgent: number;
  familiesWaiting: number;
}

export const COUNT_KEYS: ReadonlyArray<keyof SchoolCounts> = [
  'staffWithGoals',
  'metGoal',
  'exceededGoal',
  'familiesReached',
  'rosterFamilies',
  'rosterFamiliesReached',
  'callsThisWeek',
  'callsLastWeek',
  'openUrgent',
  'overdueUrgent',
  'familiesWaiting',
];

export interface SchoolNumbers extends SchoolCounts {
  school: string;
}

/** A school's row as read back from a Rollup tab. */
export interface PublishedRow extends SchoolNumbers {
  /** When the school's refresh wrote it; null when the cell is not a date. */
  refreshedAt: Date | null;
}

/** What a district tracker last wrote on a school's Rollup. */
export interface DistrictMark {
  tracker: string;
  percentMet: number | null;
  refreshedAt: Date | null;
}

/** A school tracker whose numbers have not been refreshed for this long is stale (its upkeep runs hourly). */
export const STALE_AFTER_MS = 24 * 3600_000;
/** A district that has not read a school tracker for this long no longer counts as its district. */
export const DISTRICT_MARK_KEPT_MS = 14 * 24 * 3600_000;

export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

// ---- a school tracker: what it publishes

function countsOf(p: SchoolProgress): SchoolNumbers {
  return {
    school: p.school,
    staffWithGoals: p.staffWithGoals,
    metGoal: p.metGoal,
    exceededGoal: p.exceededGoal,
    familiesReached: p.familiesReached,
    rosterFamilies: p.rosterFamilies,
    // The Summary keeps the share; the count it came from is exact again once multiplied back.
    rosterFamiliesReached: Math.round((p.percentRosterReached ?? 0) * p.rosterFamilies),
    callsThisWeek: 0,
    callsLastWeek: 0,
    openUrgent: 0,
    overdueUrgent: 0,
    familiesWaiting: 0,
  };
}

/** Adds to each school's row (`rowOf`; undefined: not counted) its calls this week and last and its open follow-ups. */
function addActivity(
  rowOf: (school: string) => SchoolNumbers | undefined,
  calls: readonly CallRecord[],
  followUps: readonly FollowUpRecord[],
  settings: Settings,
  today: Day,
): void {
  const thisWeek = weekStart(today, settings.weekStarts);
  const lastWeek = addDays(thisWeek, -7);
  for (const call of calls) {
    const day = call.callDate;
    if (!day || !call.staffEmail || day < settings.callsStartDate || day > today || day < lastWeek) continue;
    if (!isCounted(call)) continue;
    const row = rowOf(call.school);
    if (!row) continue;
    if (day >= thisWeek) row.callsThisWeek++;
    else row.callsLastWeek++;
  }
  for (const f of followUps) {
    if (!isOpenFollowUp(f)) continue;
    const row = rowOf(f.school);
    if (!row) continue;
    if (isHandOff(f)) row.familiesWaiting++;
    else {
      row.openUrgent++;
      if (isOverdue(f, today, settings.followUpDueDays)) row.overdueUrgent++;
    }
  }
}

/**
 * The rows a school tracker publishes: each school on the Schools tab (`schools`) or with
 * anything to count (a district office on Staff has not).
 */
export function publishedRows(rows: readonly SchoolNumbers[], schools: readonly string[]): SchoolNumbers[] {
  const listed = new Set(schools.map(normalizeName));
  return rows.filter(
    (r) =>
      listed.has(normalizeName(r.school)) ||
      COUNT_KEYS.some(
        (k) => r[k] > 0 && k !== 'metGoal' && k !== 'exceededGoal' && k !== 'rosterFamiliesReached',
      ),
  );
}

/**
 * One school's row: goals and families are its Summary row's own numbers; calls this week and
 * last count as the Summary counts (a Call Date from Calls Start Date to today, a caller, not
 * withdrawn); follow-ups are the add-on's own, urgent ones apart from hand-offs. From the calls
 * and follow-ups that bear on the school (those of other schools among them are left out).
 */
export function schoolRollup(
  progress: SchoolProgress,
  calls: readonly CallRecord[],
  followUps: readonly FollowUpRecord[],
  settings: Settings,
  today: Day,
): SchoolNumbers {
  const row = countsOf(progress);
  const key = normalizeName(progress.school);
  addActivity(
    (school) => (normalizeName(school) === key ? row : undefined),
    calls,
    followUps,
    settings,
    today,
  );
  return row;
}

/** The Rollup columns a school's refresh writes, from column A; the district's come after them. */
export const ROLLUP_SCHOOL_COLUMNS: readonly Column[] = ROLLUP.columns.filter(
  (c) => !ROLLUP_DISTRICT_KEYS.includes(c.key),
);
export const ROLLUP_DISTRICT_COLUMNS: readonly Column[] = ROLLUP.columns.filter((c) =>
  ROLLUP_DISTRICT_KEYS.includes(c.key),
);

type Cell = string | number | Date;

function cellOf(row: SchoolNumbers, key: string, refreshedAt: Date): Cell {
  if (key === 'school') return row.school;
  if (key === 'refreshedAt') return refreshedAt;
  if (key === 'percentMet') return share(row.metGoal, row.staffWithGoals) ?? '';
  if (key === 'percentExceeded') return share(row.exceededGoal, row.staffWithGoals) ?? '';
  return row[key as keyof SchoolCounts];
}

/** The school's part of the Rollup tab: its header row and a row per school. */
export function rollupValues(rows: readonly SchoolNumbers[], refreshedAt: Date): Cell[][] {
  return [
    ROLLUP_SCHOOL_COLUMNS.map((c) => c.header),
    ...rows.map((r) => ROLLUP_SCHOOL_COLUMNS.map((c) => cellOf(r, c.key, refreshedAt))),
  ];
}

/** The district's part of a school's Rollup tab: its header row and one row. */
export function districtMarkValues(mark: DistrictMark): Cell[][] {
  return [
    ROLLUP_DISTRICT_COLUMNS.map((c) => c.header),
    [mark.tracker, mark.percentMet ?? '', mark.refreshedAt ?? ''],
  ];
}

// ---- reading a tab back by its headers

/** Positions of a tab's columns by header text, whatever their order; -1 when missing. */
function positions(columns: readonly Column[], headers: readonly unknown[]): Map<string, number> {
  const at = new Map<string, number>();
  const keys = headers.map((h) => String(h).trim().toLowerCase());
  for (const c of columns) at.set(c.key, keys.indexOf(c.header.toLowerCase()));
  return at;
}

function asDate(value: unknown): Date | null {
  return isDate(value) && !isNaN(value.getTime()) ? value : null;
}

function asCount(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : null;
}

function asShare(value: unknown): number | null {
  return typeof value === 'number' && value >= 0 && value <= 1 ? value : null;
}

export type RollupReading =
  { ok: true; schools: PublishedRow[]; district: DistrictMark | null } | { ok: false; problem: string };

/** A Rollup tab's values (one getValues of the whole tab) as rows; a layout it cannot read is said in words. */
export function readRollup(values: readonly unknown[][]): RollupReading {
  const [headers = [], ...rows] = values;
  const at = positions(ROLLUP.columns, headers);
  const missing = ROLLUP_SCHOOL_COLUMNS.filter((c) => (at.get(c.key) ?? -1) < 0);
  if (missing.length > 0)
    return {
      ok: false,
      problem: `its Rollup tab has no ${missing.map((c) => `"${c.header}"`).join(', ')} column`,
    };
  const get = (row: readonly unknown[], key: string): unknown => {
    const i = at.get(key) ?? -1;
    return i < 0 ? '' : row[i];
  };
  const schools: PublishedRow[] = [];
  for (const row of rows) {
    const school = String(get(row, 'school') ?? '').trim();
    if (!school) continue;
    const counts: Partial<SchoolCounts> = {};
    for (const key of COUNT_KEYS) {
      const n = asCount(get(row, key));
      if (n === null) return { ok: false, problem: `its Rollup row for ${school} is not all whole numbers` };
      counts[key] = n;
    }
    schools.push({ school, ...(counts as SchoolCounts), refreshedAt: asDate(get(row, 'refreshedAt')) });
  }
  const tracker = String(get(rows[0] ?? [], 'districtTracker') ?? '').trim();
  const district = tracker
    ? {
        tracker,
        percentMet: asShare(get(rows[0], 'districtPercentMet')),
        refreshedAt: asDate(get(rows[0], 'districtRefreshedAt')),
      }
    : null;
  return { ok: true, schools, district };
}

/**
 * The district's % Met a school's Summary shows: from the mark the district tracker wrote, while
 * it is recent, and only from the district tracker Settings names (when it names one).
 */
export function districtPercentFor(
  mark: DistrictMark | null,
  settingsTrackerId: string | null,
  markTrackerId: string | null,
  now: Date,
): number | null {
  if (!mark || !mark.refreshedAt || now.getTime() - mark.refreshedAt.getTime() > DISTRICT_MARK_KEPT_MS)
    return null;
  if (settingsTrackerId && settingsTrackerId !== markTrackerId) return null;
  return mark.percentMet;
}

// ---- a district tracker: the District tab

/** One school tracker as the district's refresh found it. */
export interface TrackerResult {
  /** Its address. */
  url: string;
  /** Its spreadsheet's name, or the link as typed when it could not be opened. */
  name: string;
  /** The rows it publishes (none when it could not be read). */
  rows: PublishedRow[];
  /** Why its numbers are missing, in words with what to do; '' when read. */
  problem: string;
  /** Said on each of its schools' rows when read (its Rollup is not protected, say); '' when nothing. */
  note: string;
}

export interface DistrictRow {
  school: string;
  /** null when the numbers could not be read. */
  counts: SchoolCounts | null;
  lastRefreshed: Date | null;
  /** '' when current; else why they are old or missing, and what to do. */
  status: string;
  tracker: string;
}

export interface DistrictTable {
  /** Schools by name (and trackers not read, by their name or link). */
  rows: DistrictRow[];
  total: DistrictRow;
}

export function staleStatus(lastRefreshed: Date | null, now: Date, timeZone: string): string {
  if (!lastRefreshed)
    return 'Stale: its Rollup has no Refreshed At. A Leader of that tracker runs Relationship Calls → Refresh summary there.';
  if (now.getTime() - lastRefreshed.getTime() <= STALE_AFTER_MS) return '';
  return `Stale: its numbers are from ${stamp(lastRefreshed, timeZone)}, and its upkeep trigger has not refreshed them since. A Leader of that tracker runs Relationship Calls → Set up tracker there (it reinstalls the trigger).`;
}

function sum(rows: readonly SchoolCounts[]): SchoolCounts {
  const total = Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as SchoolCounts;
  for (const r of rows) for (const k of COUNT_KEYS) total[k] += r[k];
  return total;
}

function byText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Every school of every tracker read, and a row for each tracker that could not be read; the
 * district total adds up the schools whose numbers were read (stale ones too: the newest there is)
 * and says which are missing or old. A school name found in two trackers is flagged on both.
 */
export function districtTable(results: readonly TrackerResult[], now: Date, timeZone: string): DistrictTable {
  const rows: DistrictRow[] = [];
  for (const r of results) {
    if (r.problem) {
      rows.push({ school: r.name, counts: null, lastRefreshed: null, status: r.problem, tracker: r.url });
      continue;
    }
    for (const p of r.rows) {
      const { school, refreshedAt, ...counts } = p;
      rows.push({
        school,
        counts,
        lastRefreshed: refreshedAt,
        status: [staleStatus(refreshedAt, now, timeZone), r.note].filter(Boolean).join(' '),
        tracker: r.url,
      });
    }
  }
  const seen = new Map<string, number>();
  for (const row of rows)
    if (row.counts) seen.set(normalizeName(row.school), (seen.get(normalizeName(row.school)) ?? 0) + 1);
  for (const row of rows) {
    if (row.counts && (seen.get(normalizeName(row.school)) ?? 0) > 1)
      row.status = [row.status, 'This school is in more than one listed tracker: both are counted.']
        .filter(Boolean)
        .join(' ');
  }
  rows.sort((a, b) => byText(a.school, b.school));
  const read = rows.filter((r) => r.counts);
  const missing = rows.filter((r) => !r.counts).length;
  const stale = read.filter((r) => r.status.startsWith('Stale')).length;
  const notes = [
    ...(missing > 0 ? [`${missing} tracker${missing === 1 ? '' : 's'} not read (see their rows)`] : []),
    ...(stale > 0 ? [`${stale} school${stale === 1 ? '' : 's'} with old numbers`] : []),
  ];
  const total: DistrictRow = {
    school: DISTRICT_TOTAL,
    counts: sum(read.map((r) => r.counts as SchoolCounts)),
    lastRefreshed: null,
    status:
      notes.length > 0
        ? `Adds up ${read.length} school${read.length === 1 ? '' : 's'}; ${notes.join(', ')}.`
        : '',
    tracker: '',
  };
  return { rows, total };
}

function tabCell(row: DistrictRow, key: string): Cell {
  const c = row.counts;
  switch (key) {
    case 'school':
      return row.school;
    case 'lastRefreshed':
      return row.lastRefreshed ?? '';
    case 'status':
      return row.status;
    case 'tracker':
      return row.tracker;
    case 'percentMet':
      return (c && share(c.metGoal, c.staffWithGoals)) ?? '';
    case 'percentExceeded':
      return (c && share(c.exceededGoal, c.staffWithGoals)) ?? '';
    case 'percentRosterReached':
      return (c && share(c.rosterFamiliesReached, c.rosterFamilies)) ?? '';
    default:
      return c ? c[key as keyof SchoolCounts] : '';
  }
}

/** The District tab: header, a row per school, the total. */
export function districtValues(table: DistrictTable): Cell[][] {
  return [
    DISTRICT.columns.map((c) => c.header),
    ...[...table.rows, table.total].map((r) => DISTRICT.columns.map((c) => tabCell(r, c.key))),
  ];
}

/** The District tab read back (one getValues), for its digest; its total is its last row. */
export function readDistrictTab(values: readonly unknown[][]): DistrictTable | null {
  const [headers = [], ...body] = values;
  const at = positions(DISTRICT.columns, headers);
  if ([...at.values()].some((i) => i < 0)) return null;
  const get = (row: readonly unknown[], key: string): unknown => row[at.get(key) ?? -1];
  const rows: DistrictRow[] = body
    .filter((row) => String(get(row, 'school') ?? '').trim() !== '')
    .map((row) => {
      const counts: Partial<SchoolCounts> = {};
      let complete = true;
      for (const key of COUNT_KEYS.filter((k) => k !== 'rosterFamiliesReached')) {
        const n = asCount(get(row, key));
        if (n === null) complete = false;
        else counts[key] = n;
      }
      const roster = asShare(get(row, 'percentRosterReached'));
      counts.rosterFamiliesReached = Math.round((roster ?? 0) * (counts.rosterFamilies ?? 0));
      return {
        school: String(get(row, 'school')).trim(),
        counts: complete ? (counts as SchoolCounts) : null,
        lastRefreshed: asDate(get(row, 'lastRefreshed')),
        status: String(get(row, 'status') ?? '').trim(),
        tracker: String(get(row, 'tracker') ?? '').trim(),
      };
    });
  const last = rows[rows.length - 1];
  if (!last || last.school !== DISTRICT_TOTAL) return null;
  return { rows: rows.slice(0, -1), total: last };
}
