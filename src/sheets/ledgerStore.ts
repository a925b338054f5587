/**
 * The ledger (src/core/ledger.ts) in the spreadsheet's document properties: one property per
 * follow-up the add-on wrote (`f.<id>`) and per alert it still owes (`a.<id>`), and the day's
 * alert count per school. Each key is written only by the execution that holds its claim or
 * the document lock, so two executions never overwrite each other's records.
 */
import {
  ALERT_DAY_PREFIX,
  ALERT_PREFIX,
  AlertDay,
  decodeAlertDay,
  decodeKnown,
  decodeQueued,
  encodeKnown,
  encodeQueued,
  FOLLOW_UP_PREFIX,
  KnownFollowUp,
  QueuedAlert,
} from '../core/ledger';
import { Day } from '../core/dates';
import {
  deleteTrackerProperties,
  freshTrackerProperties,
  setTrackerProperties,
  trackerProperties,
} from './properties';

type Properties = Readonly<Record<string, string>>;

/** The value of an alert no longer owed, until upkeep deletes it. */
const SPENT = '';

function knownIn(all: Properties, id: string): KnownFollowUp | null {
  const value = all[FOLLOW_UP_PREFIX + id];
  return value === undefined ? null : decodeKnown(id, value);
}

function queuedIn(all: Properties): QueuedAlert[] {
  const queued: QueuedAlert[] = [];
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(ALERT_PREFIX)) continue;
    const alert = decodeQueued(value);
    if (alert) queued.push(alert);
  }
  return queued;
}

/** The ledger as this execution read it: for decisions a lock does not guard (what to show, what to check). */
export const ledger = {
  known(id: string): KnownFollowUp | null {
    return knownIn(trackerProperties(), id);
  },
  allKnown(): KnownFollowUp[] {
    const known: KnownFollowUp[] = [];
    for (const [key, value] of Object.entries(trackerProperties())) {
      if (!key.startsWith(FOLLOW_UP_PREFIX)) continue;
      const f = decodeKnown(key.slice(FOLLOW_UP_PREFIX.length), value);
      if (f) known.push(f);
    }
    return known;
  },
  queued(): QueuedAlert[] {
    return queuedIn(trackerProperties());
  },
  /** Whether any alert is owed: upkeep reads no tab when none is. */
  anyQueued(): boolean {
    return Object.entries(trackerProperties()).some(([k, v]) => k.startsWith(ALERT_PREFIX) && v !== SPENT);
  },
};

/** The ledger as it is now (one properties read): call it holding the document lock. */
export function ledgerNow(): {
  known(id: string): KnownFollowUp | null;
  queued(): QueuedAlert[];
  day(day: Day): AlertDay;
} {
  const all = freshTrackerProperties();
  return {
    known: (id) => knownIn(all, id),
    queued: () => queuedIn(all),
    day: (day) => decodeAlertDay(all[ALERT_DAY_PREFIX + day]),
  };
}

export interface LedgerChanges {
  known?: readonly KnownFollowUp[];
  queued?: readonly QueuedAlert[];
  /** Alerts no longer owed. */
  delivered?: readonly string[];
  day?: { day: Day; record: AlertDay };
}

/**
 * Writes the changes in one properties write, whatever their number: an alert no longer owed is
 * blanked there (deleting is a call per key; upkeep deletes the blanks later, forgetSpentAlerts).
 */
export function recordLedger(changes: LedgerChanges): void {
  const values: Record<string, string> = {};
  for (const f of changes.known ?? []) values[FOLLOW_UP_PREFIX + f.id] = encodeKnown(f);
  for (const a of changes.queued ?? []) values[ALERT_PREFIX + a.id] = encodeQueued(a);
  if (changes.day) values[ALERT_DAY_PREFIX + changes.day.day] = JSON.stringify(changes.day.record);
  const all = trackerProperties();
  for (const id of changes.delivered ?? []) {
    const key = ALERT_PREFIX + id;
    if (!(key in values) && all[key]) values[key] = SPENT;
  }
  if (Object.keys(values).length > 0) setTrackerProperties(values);
}

/** Day records older than `today`, and alerts no longer owed, are deleted (upkeep: one call each). */
export function forgetSpentAlerts(today: Day): void {
  deleteTrackerProperties(
    Object.entries(trackerProperties())
      .filter(
        ([k, v]) =>
          (k.startsWith(ALERT_DAY_PREFIX) && k.slice(ALERT_DAY_PREFIX.length) < today) ||
          (k.startsWith(ALERT_PREFIX) && v === SPENT),
      )
      .map(([k]) => k),
  );
}
