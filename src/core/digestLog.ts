/**
 * The Digest Log's rules, from its rows: at most one digest per recipient, scope and week, and
 * which digests still wait for quota. The log is append-only, so a later row tells what happened last.
 */
import { cellToDay, Day, isDate } from './dates';
import { normalizeName } from './households';
import { CellGetter, emailList, text } from './records';

export const DIGEST_STATUSES = ['Sent', 'Failed', 'Pending'] as const;
export type DigestStatus = (typeof DIGEST_STATUSES)[number];
export type DigestTrigger = 'menu' | 'weekly';

export interface DigestLogEntry {
  sentAt: Date | null;
  weekOf: Day | null;
  scope: string;
  /** One address per email; a row may list several when a person typed it. */
  recipients: string[];
  status: string;
  trigger: string;
  detail: string;
}

export function toDigestLogEntry(get: CellGetter, timeZone: string): DigestLogEntry {
  const sentAt = get('sentAt');
  return {
    sentAt: isDate(sentAt) ? sentAt : null,
    weekOf: cellToDay(get('weekOf'), timeZone),
    scope: text(get('scope')),
    recipients: emailList(get('recipients')),
    status: text(get('status')),
    trigger: text(get('trigger')),
    detail: text(get('detail')),
  };
}

function targetKey(scope: string, recipient: string): string {
  return `${normalizeName(scope)}|${recipient.toLowerCase()}`;
}

/** One email of a run: a scope's digest to one address. */
export interface DigestTarget {
  scope: string;
  recipient: string;
}

export interface LogState {
  /** Whether the log shows this scope's digest as Sent to this address in `weekOf`. */
  sentThisWeek(target: DigestTarget): boolean;
  /** Emails whose latest row is Pending: waiting for quota, with the trigger that first wanted them. */
  pending: Array<DigestTarget & { trigger: DigestTrigger }>;
}

export function logState(entries: readonly DigestLogEntry[], weekOf: Day): LogState {
  const sent = new Set<string>();
  const latest = new Map<string, { target: DigestTarget; entry: DigestLogEntry }>();
  for (const entry of entries) {
    for (const recipient of entry.recipients) {
      const key = targetKey(entry.scope, recipient);
      if (entry.status === 'Sent' && entry.weekOf === weekOf) sent.add(key);
      latest.set(key, { target: { scope: entry.scope, recipient }, entry });
    }
  }
  const pending = [...latest.values()]
    .filter(({ entry }) => entry.status === 'Pending')
    .map(({ target, entry }) => ({
      ...target,
      trigger: (entry.trigger === 'weekly' ? 'weekly' : 'menu') as DigestTrigger,
    }));
  return { sentThisWeek: (t) => sent.has(targetKey(t.scope, t.recipient)), pending };
}

export function sameScope(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}
