/**
 * Where the refresh keeps the schools' states (src/core/schoolState.ts) between executions: the
 * document's cache first (fast, may drop keys at any time), the hidden Sidebar Data tab as the
 * durable copy, and an index in document properties that says which build is current, which
 * Call Log row it covers and where each part is. Every part on the tab is signed with the
 * tracker's key, and a part whose signature does not match (typed over by a person) is not used.
 */
import { Day } from '../core/dates';
import { SchoolContribution } from '../core/progress';
import { SchoolNumbers as RollupRow } from '../core/rollup';
import { SIDEBAR_DATA } from '../core/schema';
import { SummaryBlocks } from '../core/summaryTable';
import { textSigner } from '../core/signature';
import { joinedParts, partsOf, setTrackerProperties, trackerProperties } from './properties';
import { createTab, findSheet } from './table';
import { signingKey } from './state';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const META = 'state.meta';
/** Set when a teacher's sidebar found a stored part altered: the next refresh rebuilds. */
const BROKEN = 'state.broken';
const CONTRIBUTIONS = 'state.contributions';
const SUMMARY_BLOCKS = 'state.summary';
const ROLLUP_ROWS = 'state.rollup';
/** The longest a cache entry lives in Apps Script: six hours. */
const CACHE_SECONDS = 21_600;
/** Characters per stored part: a cache value holds 100 KB, a cell 50,000 characters. */
export const PART_CHARS = 30_000;
/** Characters the full rebuild writes at once: a few writes for a district, its memory kept small. */
const BATCH_CHARS = 1_000_000;
const WIDTH = SIDEBAR_DATA.columns.length;

/** A Call Log (or Follow-ups) row a build covered, and its Call ID: a sort or a deletion changes it. */
export interface CoveredRow {
  row: number;
  callId: string;
}

/** Where a stored text's parts are on the tab. */
export interface BlobEntry {
  first: number;
  parts: number;
}

export interface StoreMeta {
  /** The full rebuild's id: every part it wrote carries it. */
  stamp: string;
  /** The day of the full rebuild, in the spreadsheet's time zone. */
  day: Day;
  /** When that day ends (ms): the next day's first refresh is a full rebuild (This Week, pace and overdue move). */
  until: number;
  /** Settings and Schools as the states were built under (a change makes the next refresh rebuild). */
  fingerprint: string;
  /** The last Call Log row the full rebuild read: the rows index covers rows to it. */
  base: number;
  /** The last Call Log row the states and the journal cover. */
  through: CoveredRow;
  /** The last Follow-ups row they cover. */
  followUpsThrough: CoveredRow;
  blobs: Record<string, BlobEntry>;
}

export const JOURNAL = 'journal';
export const DISTRICT = 'district';
/** Which schools each row of the full rebuild bore on. */
export const ROWS = 'rows';
/** Each Student ID's household in the district. */
export const IDS = 'ids';
export const SCHOOL_BLOB_PREFIX = 'school:';
export const schoolBlob = (school: string): string => `${SCHOOL_BLOB_PREFIX}${school}`;
/** A school's "My school" part (src/core/mySchool.ts): a slot of one part, rewritten in place by each refresh of the school. */
export const mySchoolBlob = (school: string): string => `myschool:${school}`;
/** What a "My school" slot holds. */
export const MY_SCHOOL_CHARS = PART_CHARS;

function chunk(text: string): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += PART_CHARS) parts.push(text.slice(i, i + PART_CHARS));
  return parts.length > 0 ? parts : [''];
}

/** Parts, with empty ones after them up to `slot`. */
function padded(parts: string[], slot: number): string[] {
  return parts.length >= slot ? parts : [...parts, ...new Array<string>(slot - parts.length).fill('')];
}

function cacheKey(stamp: string, blob: string, part: number): string {
  return `st.${stamp}.${encodeURIComponent(blob).slice(0, 180)}.${part}`;
}

function signed(stamp: string, blob: string, part: number, data: string): string {
  return `${stamp}|${blob}|${part}|${data}`;
}

/** A part's row on the tab: its blob, its number, its text and their signature. */
function partRow(
  sign: (text: string) => string,
  stamp: string,
  blob: string,
  part: number,
  data: string,
): string[] {
  return [blob, String(part + 1), data, sign(signed(stamp, blob, part, data))];
}

function cache(): GoogleAppsScript.Cache.Cache | null {
  return CacheService.getDocumentCache();
}

function sidebarData(ss: Spreadsheet): Sheet {
  return findSheet(ss, SIDEBAR_DATA) ?? createTab(ss, SIDEBAR_DATA);
}

/** Writes `rows` from sheet row `first`, as plain text (a part that starts like a number or formula stays as written). */
function writeRows(sheet: Sheet, first: number, rows: string[][]): void {
  if (rows.length === 0) return;
  const maxRows = sheet.getMaxRows();
  const last = first + rows.length - 1;
  if (last > maxRows) sheet.insertRowsAfter(maxRows, last - maxRows);
  sheet.getRange(first, 1, rows.length, WIDTH).setNumberFormat('@').setValues(rows);
}

/**
 * The full rebuild's writer: clears the tab, then takes each text as it is made and writes them a
 * batch at a time (one write to the tab and one to the cache per batch), so a district's texts are
 * never all in memory at once and a small district's take one write.
 */
export class StateWriter {
  private readonly sheet: Sheet;
  private readonly sign: (text: string) => string;
  /** The sheet row the buffer's first row goes to: row 1, the header, at first. */
  private next = 1;
  private rows: string[][] = [];
  private cached: Record<string, string> = {};
  private chars = 0;
  readonly blobs: Record<string, BlobEntry> = {};

  constructor(
    ss: Spreadsheet,
    readonly stamp: string,
    key: string,
  ) {
    this.sheet = sidebarData(ss);
    this.sign = textSigner(key);
    this.sheet.clear();
    this.rows.push(SIDEBAR_DATA.columns.map((c) => c.header));
  }

  /** `slot`: the parts kept for the blob, so that a refresh can rewrite it in place (rewriteSlots). */
  add(blob: string, text: string, slot = 0): void {
    const parts = padded(chunk(text), slot);
    this.blobs[blob] = { first: this.next + this.rows.length, parts: parts.length };
    parts.forEach((data, i) => {
      this.rows.push(partRow(this.sign, this.stamp, blob, i, data));
      this.cached[cacheKey(this.stamp, blob, i)] = data;
      this.chars += data.length;
    });
    if (this.chars >= BATCH_CHARS) this.flush();
  }

  /** Writes what is buffered; the tab is hidden once written. */
  flush(): void {
    if (this.rows.length === 0) return;
    writeRows(this.sheet, this.next, this.rows);
    cache()?.putAll(this.cached, CACHE_SECONDS);
    this.next += this.rows.length;
    this.rows = [];
    this.cached = {};
    this.chars = 0;
    if (!this.sheet.isSheetHidden()) this.sheet.hideSheet();
  }
}

/** Writes parts `from`.. of a blob at their rows, and to the cache. */
function writePartsAt(
  sheet: Sheet,
  sign: (text: string) => string,
  stamp: string,
  blob: string,
  parts: readonly string[],
  firstRow: number,
  from: number,
): void {
  const rows = parts.slice(from).map((data, i) => partRow(sign, stamp, blob, from + i, data));
  writeRows(sheet, firstRow + from, rows);
  const values: Record<string, string> = {};
  parts.forEach((data, i) => {
    if (i >= from) values[cacheKey(stamp, blob, i)] = data;
  });
  cache()?.putAll(values, CACHE_SECONDS);
}

/**
 * Rewrites blobs in the slots the full rebuild kept for them (StateWriter.add's `slot`): one write
 * per run of adjacent slots, one to the cache. A blob with no slot, or a text longer than its
 * slot, is left as it was (the callers' texts fit theirs).
 */
export function rewriteSlots(
  ss: Spreadsheet,
  meta: StoreMeta,
  texts: ReadonlyMap<string, string>,
  key: string,
): void {
  const sign = textSigner(key);
  const rows: Array<[number, string[]]> = [];
  const values: Record<string, string> = {};
  for (const [blob, text] of texts) {
    const entry = meta.blobs[blob];
    const parts = entry ? padded(chunk(text), entry.parts) : [];
    if (!entry || parts.length > entry.parts) continue;
    parts.forEach((data, i) => {
      rows.push([entry.first + i, partRow(sign, meta.stamp, blob, i, data)]);
      values[cacheKey(meta.stamp, blob, i)] = data;
    });
  }
  if (rows.length === 0) return;
  rows.sort((a, b) => a[0] - b[0]);
  const sheet = sidebarData(ss);
  // The slots' rows exist, as plain text, since the full rebuild wrote them.
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1][0] === rows[j][0] + 1) j++;
    sheet.getRange(rows[i][0], 1, j - i + 1, WIDTH).setValues(rows.slice(i, j + 1).map(([, row]) => row));
    i = j + 1;
  }
  cache()?.putAll(values, CACHE_SECONDS);
}

/** What the refresh remembers of the Summary it wrote: each school's part of the district row, and where its rows are. */
export interface SummaryMemory {
  contributions: Record<string, SchoolContribution>;
  blocks: SummaryBlocks;
  /** Each school's row of the Rollup tab, as last computed. */
  rollup: Record<string, RollupRow>;
}

/** Makes `meta` the current build, with the Summary it wrote: one properties write. */
export function commitMeta(meta: StoreMeta, summary: SummaryMemory): void {
  // A district of many schools outgrows a properties value: each is kept in as many parts as it needs.
  setTrackerProperties({
    ...partsOf(META, JSON.stringify(meta)),
    ...partsOf(CONTRIBUTIONS, JSON.stringify(summary.contributions)),
    ...partsOf(SUMMARY_BLOCKS, JSON.stringify(summary.blocks)),
    ...partsOf(ROLLUP_ROWS, JSON.stringify(summary.rollup)),
    [BROKEN]: '',
  });
}

export function markStoreBroken(): void {
  setTrackerProperties({ [BROKEN]: 'yes' });
}

export function storeBroken(): boolean {
  return trackerProperties()[BROKEN] === 'yes';
}

export function summaryMemory(): SummaryMemory | null {
  const all = trackerProperties();
  try {
    const contributions = JSON.parse(joinedParts(all, CONTRIBUTIONS) ?? 'null') as
      SummaryMemory['contributions'] | null;
    const blocks = JSON.parse(joinedParts(all, SUMMARY_BLOCKS) ?? 'null') as SummaryBlocks | null;
    const rollup = JSON.parse(joinedParts(all, ROLLUP_ROWS) ?? 'null') as SummaryMemory['rollup'] | null;
    return contributions && blocks && rollup ? { contributions, blocks, rollup } : null;
  } catch {
    return null;
  }
}

/** The current build's index, as this execution first read the properties; null before the first. */
export function storeMeta(): StoreMeta | null {
  const raw = joinedParts(trackerProperties(), META);
  if (!raw) return null;
  try {
    const meta = JSON.parse(raw) as StoreMeta;
    return meta && typeof meta.stamp === 'string' && meta.blobs ? meta : null;
  } catch {
    return null;
  }
}

/**
 * Reads blobs: the cache in one call, and the tab for any the cache has dropped (only parts
 * whose signature matches; the cache then gets them back). A blob that is missing, incomplete
 * or altered reads as null.
 */
export function loadBlobs(
  ss: Spreadsheet,
  meta: StoreMeta,
  blobs: readonly string[],
): Map<string, string | null> {
  const texts = new Map<string, string | null>();
  const keysOf = (blob: string): string[] =>
    Array.from({ length: meta.blobs[blob]?.parts ?? 0 }, (_, i) => cacheKey(meta.stamp, blob, i));
  const wanted = blobs.filter((b) => meta.blobs[b]);
  for (const b of blobs) if (!meta.blobs[b]) texts.set(b, null);
  const cached = wanted.length > 0 ? (cache()?.getAll(wanted.flatMap(keysOf)) ?? {}) : {};
  const missing: string[] = [];
  for (const blob of wanted) {
    const keys = keysOf(blob);
    if (keys.every((k) => k in cached)) texts.set(blob, keys.map((k) => cached[k]).join(''));
    else missing.push(blob);
  }
  if (missing.length === 0) return texts;
  const key = signingKey();
  const sheet = findSheet(ss, SIDEBAR_DATA);
  const sign = key ? textSigner(key) : null;
  const refill: Record<string, string> = {};
  for (const blob of missing) {
    const entry = meta.blobs[blob];
    if (!sign || !sheet || sheet.getLastRow() < entry.first + entry.parts - 1) {
      texts.set(blob, null);
      continue;
    }
    const cells = sheet.getRange(entry.first, 1, entry.parts, WIDTH).getValues();
    const parts = cells.map((row) => String(row[2]));
    const intact = cells.every(
      (row, i) =>
        row[0] === blob &&
        Number(row[1]) === i + 1 &&
        String(row[3]) === sign(signed(meta.stamp, blob, i, parts[i])),
    );
    texts.set(blob, intact ? parts.join('') : null);
    if (intact) parts.forEach((p, i) => (refill[cacheKey(meta.stamp, blob, i)] = p));
  }
  if (Object.keys(refill).length > 0) cache()?.putAll(refill, CACHE_SECONDS);
  return texts;
}

/**
 * Adds a line to the journal: rewrites its last part and writes any new ones, after every other
 * blob on the tab. Returns the journal's new entry, for the meta the caller commits.
 */
export function appendToJournal(
  ss: Spreadsheet,
  meta: StoreMeta,
  journalText: string,
  line: string,
  key: string,
): { entry: BlobEntry; text: string } {
  const text = journalText ? `${journalText}\n${line}` : line;
  const parts = chunk(text);
  const old = meta.blobs[JOURNAL];
  const first = old?.first ?? Math.max(2, ...Object.values(meta.blobs).map((b) => b.first + b.parts));
  const from = old ? Math.max(0, old.parts - 1) : 0;
  writePartsAt(sidebarData(ss), textSigner(key), meta.stamp, JOURNAL, parts, first, from);
  return { entry: { first, parts: parts.length }, text };
}
