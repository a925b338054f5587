/**
 * The digests' ledger in document properties (src/core/digestLog.ts says why): the week's sent
 * digests (`d.sent.<week>.<shard>`), the digests still owed (`d.owed.<shard>`), and Digest Log rows
 * waiting for a run allowed to write that tab (`d.log.<when>`). Written only under the script lock
 * that every digest run holds.
 */
import { DigestLogRow, DigestTarget, OwedDigest, targetKey } from '../core/digestLog';
import { hash53 } from '../core/ids';
import {
  currentTrackerProperty,
  deleteTrackerProperties,
  freshTrackerProperties,
  setTrackerProperties,
  trackerProperties,
} from './properties';

/** Shards keep each property well under the 9 kB a value may hold. */
const SHARDS = 4;
const SENT = 'd.sent.';
const OWED = 'd.owed.';
const LOG = 'd.log.';

function shardOf(t: DigestTarget): number {
  return hash53(targetKey(t)) % SHARDS;
}

function parse<T>(raw: string | undefined, fallback: T): T {
  if (!raw) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export interface DigestLedger {
  sentThisWeek(target: DigestTarget): boolean;
  owed: OwedDigest[];
}

/** The ledger as it is now (one properties read): call it holding the script lock. */
export function digestLedgerNow(weekOf: string): DigestLedger {
  const all = freshTrackerProperties();
  const sent = new Set<string>();
  const owed: OwedDigest[] = [];
  for (let shard = 0; shard < SHARDS; shard++) {
    for (const key of parse<string[]>(all[`${SENT}${weekOf}.${shard}`], [])) sent.add(key);
    owed.push(...parse<OwedDigest[]>(all[`${OWED}${shard}`], []));
  }
  return { sentThisWeek: (t) => sent.has(targetKey(t)), owed };
}

/** Whether any digest is owed: upkeep reads no tab when none is (one properties read, shared). */
export function anyDigestOwed(): boolean {
  const all = trackerProperties();
  return Array.from({ length: SHARDS }, (_, i) => all[`${OWED}${i}`]).some((v) => v && v !== '[]');
}

/**
 * Records a run's outcome: digests sent this week, and the owed list as it now stands for every
 * target the run handled (`handled`): sent and failed ones leave it, still-owed ones are replaced.
 */
export function recordDigests(
  weekOf: string,
  sent: readonly DigestTarget[],
  handled: readonly DigestTarget[],
  owed: readonly OwedDigest[],
): void {
  const values: Record<string, string> = {};
  const done = new Set(handled.map(targetKey));
  for (let shard = 0; shard < SHARDS; shard++) {
    const mine = (t: DigestTarget) => shardOf(t) === shard;
    const sentKey = `${SENT}${weekOf}.${shard}`;
    const newlySent = sent.filter(mine).map(targetKey);
    if (newlySent.length > 0) {
      const before = parse<string[]>(currentTrackerProperty(sentKey) ?? undefined, []);
      values[sentKey] = JSON.stringify([...new Set([...before, ...newlySent])]);
    }
    const owedKey = `${OWED}${shard}`;
    const before = parse<OwedDigest[]>(currentTrackerProperty(owedKey) ?? undefined, []);
    const after = [...before.filter((o) => !done.has(targetKey(o))), ...owed.filter(mine)];
    if (JSON.stringify(after) !== JSON.stringify(before)) values[owedKey] = JSON.stringify(after);
  }
  if (Object.keys(values).length > 0) setTrackerProperties(values);
}

/** Digest Log rows a run could not write (a principal may not edit that tab): kept for the next run that may. */
export function keepLogRows(rows: readonly DigestLogRow[]): void {
  if (rows.length === 0) return;
  const stamp = Date.now().toString(36).padStart(9, '0');
  const values: Record<string, string> = {};
  rows.forEach((row, i) => (values[`${LOG}${stamp}.${String(i).padStart(4, '0')}`] = JSON.stringify(row)));
  setTrackerProperties(values);
}

/** The kept rows in the order they happened, and a way to forget them once written. */
export function keptLogRows(): { rows: DigestLogRow[]; forget(): void } {
  const all = trackerProperties();
  const keys = Object.keys(all)
    .filter((k) => k.startsWith(LOG))
    .sort();
  return {
    rows: keys
      .map((k) => parse<DigestLogRow | null>(all[k], null))
      .filter((r): r is DigestLogRow => r !== null),
    forget: () => deleteTrackerProperties(keys),
  };
}

/** Weeks before `weekOf` are forgotten: a digest is once per week, and last week's are never resent by the rule. */
export function forgetOlderWeeks(weekOf: string): void {
  deleteTrackerProperties(
    Object.keys(trackerProperties()).filter(
      (k) => k.startsWith(SENT) && k.slice(SENT.length, SENT.length + 10) < weekOf,
    ),
  );
}
