/**
 * Hand edits not yet folded into the schools' states, kept in document properties by onEdit:
 * which Call Log and Follow-ups rows were edited, the schools of those rows, and whether Staff,
 * Roster or Settings were. A teacher's sidebar reads only the edited rows that bear on their
 * school; the next refresh reads them all and clears what it read.
 */
import { RowRuns, toRuns, runRows } from '../core/compact';
import { currentTrackerProperty, setTrackerProperties, trackerProperties } from './properties';

const EDITS = 'state.edits';
/** Edits kept as separate entries up to this size; past it they are merged into one (a refresh then reads them a little later). */
const MAX_CHARS = 6_000;
const LOCK_WAIT_MS = 5_000;

export interface EditRecord {
  /** When it was recorded (ms): a refresh clears only what it read. */
  at: number;
  /** Call Log rows edited. */
  calls: RowRuns;
  /** normalizeName of the School of those rows (after the edit, and before it when Sheets said). */
  schools: string[];
  followUps: RowRuns;
  staff: boolean;
  roster: boolean;
  settings: boolean;
  /** An edit that could not be recorded (the tracker was busy): the next refresh reads everything. */
  lost: boolean;
}

export type EditInput = Partial<Omit<EditRecord, 'at'>>;

function parse(raw: string | null | undefined): EditRecord[] {
  if (!raw) return [];
  try {
    const value = JSON.parse(raw) as EditRecord[];
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

function merged(records: readonly EditRecord[]): EditRecord {
  return {
    at: Math.max(...records.map((r) => r.at)),
    calls: toRuns(records.flatMap((r) => runRows(r.calls))),
    schools: [...new Set(records.flatMap((r) => r.schools))],
    followUps: toRuns(records.flatMap((r) => runRows(r.followUps))),
    staff: records.some((r) => r.staff),
    roster: records.some((r) => r.roster),
    settings: records.some((r) => r.settings),
    lost: records.some((r) => r.lost),
  };
}

export interface PendingEdits extends EditRecord {
  /** When each record read was made: the refresh clears those. */
  read: number[];
}

/** Every edit not yet folded in, as one record (as this execution first read the properties). */
export function pendingEdits(): PendingEdits | null {
  const records = parse(trackerProperties()[EDITS]);
  return records.length > 0 ? { ...merged(records), read: records.map((r) => r.at) } : null;
}

/**
 * Records an edit, and that the Summary is stale (`stale`: the properties that say so), in one
 * write under the document lock, so two edits at once both stay recorded.
 */
export function recordEdit(input: EditInput, now: Date, stale: Record<string, string>): void {
  const record: EditRecord = {
    calls: [],
    schools: [],
    followUps: [],
    staff: false,
    roster: false,
    settings: false,
    lost: false,
    ...input,
    at: now.getTime(),
  };
  // No flush: properties are not the spreadsheet's pending writes.
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) {
    // Busy: one write without reading, so the next refresh knows to read everything.
    setTrackerProperties({ ...stale, [EDITS]: JSON.stringify([{ ...record, lost: true }]) });
    return;
  }
  try {
    let records = [...parse(currentTrackerProperty(EDITS)), record];
    if (JSON.stringify(records).length > MAX_CHARS) records = [merged(records)];
    setTrackerProperties({ ...stale, [EDITS]: JSON.stringify(records) });
  } finally {
    lock.releaseLock();
  }
}

/** Holding the document lock, after a refresh: the records it read are folded in, later ones stay. */
export function clearEdits(read: readonly number[]): void {
  if (read.length === 0) return;
  const records = parse(currentTrackerProperty(EDITS));
  const kept = records.filter((r) => !read.includes(r.at));
  if (kept.length !== records.length) setTrackerProperties({ [EDITS]: JSON.stringify(kept) });
}
