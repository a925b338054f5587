/**
 * Where per-school snapshots live between executions: the document's cache first (fast, may drop keys
 * at any time), the hidden Sidebar Data tab as the durable copy, and a small index in document
 * properties that says which build is current and which Call Log row it covers.
 */
import { EncodedSnapshot, parseSnapshot, SchoolSnapshot } from '../core/snapshot';
import { SIDEBAR_DATA } from '../core/schema';
import { createTab, findSheet } from './table';
import { Day } from '../core/dates';
import {
  currentTrackerProperty,
  deleteTrackerProperty,
  trackerProperties,
  setTrackerProperties,
} from './properties';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const META = 'snapshot.meta';
const SCHOOL_PREFIX = 'snapshot.school.';
const DIRTY = 'snapshot.dirty';
/** The longest a cache entry lives in Apps Script: six hours. */
const CACHE_SECONDS = 21_600;

/** The last Call Log row a build covered, and its Call ID: a sort or a deletion changes it. */
export interface CoveredRow {
  row: number;
  callId: string;
}

export interface SnapshotMeta {
  stamp: string;
  through: CoveredRow;
  callsStartDate: Day;
}

interface SchoolEntry {
  stamp: string;
  first: number;
  parts: number;
}

function cacheKey(stamp: string, school: string, part: number): string {
  return `snap.${stamp}.${encodeURIComponent(school).slice(0, 180)}.${part}`;
}

/** Writes every school's snapshot: one clear and one setValues on the tab, one cache write, one properties write. */
export function storeSnapshots(
  ss: Spreadsheet,
  snapshots: readonly EncodedSnapshot[],
  meta: Omit<SnapshotMeta, 'stamp'>,
  readAt: Date,
): void {
  const stamp = readAt.getTime().toString(36);
  const rows: string[][] = [SIDEBAR_DATA.columns.map((c) => c.header)];
  const cache: Record<string, string> = {};
  const properties: Record<string, string> = {};
  for (const { school, parts } of snapshots) {
    const entry: SchoolEntry = { stamp, first: rows.length + 1, parts: parts.length };
    parts.forEach((part, i) => {
      rows.push([school, String(i + 1), part]);
      cache[cacheKey(stamp, school, i)] = part;
    });
    properties[SCHOOL_PREFIX + school] = JSON.stringify(entry);
  }
  const sheet = findSheet(ss, SIDEBAR_DATA) ?? createTab(ss, SIDEBAR_DATA);
  sheet.clear();
  const maxRows = sheet.getMaxRows();
  if (rows.length > maxRows) sheet.insertRowsAfter(maxRows, rows.length - maxRows);
  // Plain text, so a part that starts like a number or a formula is kept as written.
  sheet.getRange(1, 1, rows.length, 3).setNumberFormat('@').setValues(rows);
  if (!sheet.isSheetHidden()) sheet.hideSheet();
  CacheService.getDocumentCache()?.putAll(cache, CACHE_SECONDS);
  properties[META] = JSON.stringify({ ...meta, stamp });
  setTrackerProperties(properties);
  const dirtySince = currentTrackerProperty(DIRTY);
  if (dirtySince && new Date(dirtySince) <= readAt) deleteTrackerProperty(DIRTY);
}

export interface StoredSnapshots {
  meta: SnapshotMeta;
  /** Reads one school's snapshot: the cache, else the tab; null when neither has it whole. */
  load(school: string): SchoolSnapshot | null;
}

/**
 * The current build, or null when there is none or a hand edit made it stale (the caller then
 * reads the tabs themselves: slower, never wrong). One properties read.
 */
export function openSnapshots(ss: Spreadsheet): StoredSnapshots | null {
  const all = trackerProperties();
  if (!all[META] || all[DIRTY]) return null;
  const meta = JSON.parse(all[META]) as SnapshotMeta;
  return {
    meta,
    load(school) {
      const raw = all[SCHOOL_PREFIX + school];
      if (!raw) return null;
      const entry = JSON.parse(raw) as SchoolEntry;
      if (entry.stamp !== meta.stamp) return null;
      const keys = Array.from({ length: entry.parts }, (_, i) => cacheKey(meta.stamp, school, i));
      const cached = CacheService.getDocumentCache()?.getAll(keys) ?? {};
      if (keys.every((k) => k in cached)) return parseSnapshot(keys.map((k) => cached[k]));
      const sheet = findSheet(ss, SIDEBAR_DATA);
      if (!sheet || sheet.getLastRow() < entry.first + entry.parts - 1) return null;
      const cells = sheet.getRange(entry.first, 1, entry.parts, 3).getValues();
      if (cells.some((row, i) => row[0] !== school || Number(row[1]) !== i + 1)) return null;
      const snapshot = parseSnapshot(cells.map((row) => String(row[2])));
      if (snapshot)
        CacheService.getDocumentCache()?.putAll(
          Object.fromEntries(keys.map((k, i) => [k, String(cells[i][2])])),
          CACHE_SECONDS,
        );
      return snapshot;
    },
  };
}

/** A hand edit the snapshots do not show (rows they cover, Roster, Staff, Settings): stale until rebuilt. */
export function markSnapshotsDirty(now: Date): void {
  setTrackerProperties({ [DIRTY]: now.toISOString() });
}

/** The Call Log row the current build covers, for onEdit to tell an edit above it from one below. */
export function coveredRow(): number {
  const raw = trackerProperties()[META];
  return raw ? (JSON.parse(raw) as SnapshotMeta).through.row : 0;
}
