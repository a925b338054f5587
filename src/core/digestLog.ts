/**
 * Which digests went out, and which are still owed: kept by the add-on where no editor can type
 * (document properties, src/sheets/digestLedger.ts), never read back from the Digest Log tab,
 * which is a report of every attempt. At most one digest per recipient, scope and week, unless a
 * leader confirms a resend; a digest that could not go (the quota, a passing failure of Google's
 * mail service) stays owed and upkeep sends it, with a growing wait after each failure.
 */
import { normalizeName } from './households';

export const DIGEST_STATUSES = ['Sent', 'Failed', 'Pending'] as const;
export type DigestStatus = (typeof DIGEST_STATUSES)[number];
export type DigestTrigger = 'menu' | 'weekly';

/** One email of a run: a scope's digest to one address. */
export interface DigestTarget {
  scope: string;
  recipient: string;
}

/** A digest still owed. */
export interface OwedDigest extends DigestTarget {
  /** The trigger that first wanted it. */
  trigger: DigestTrigger;
  tries: number;
  /** ISO instant before which it is not tried again; null: as soon as quota allows. */
  notBefore: string | null;
  /** Why it waits, for the Digest Log. */
  why: string;
}

export function targetKey(t: DigestTarget): string {
  return `${normalizeName(t.scope)}|${t.recipient.trim().toLowerCase()}`;
}

export function sameScope(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

export function sameTarget(a: DigestTarget, b: DigestTarget): boolean {
  return targetKey(a) === targetKey(b);
}

/** A row of the Digest Log: one per attempt, written as it happens (or by the next run that may). */
export interface DigestLogRow {
  /** ISO instant. */
  sentAt: string;
  weekOf: string;
  scope: string;
  recipients: string;
  status: DigestStatus;
  trigger: DigestTrigger;
  detail: string;
}

/** What Send digests now would send, asked before anything goes. */
export interface SendPlan {
  /** Emails not sent yet this week. */
  unsent: readonly DigestTarget[];
  /** Emails already sent this week: sent again only when a leader says so. */
  alreadySent: readonly DigestTarget[];
  /** A leader may resend what was sent this week; a principal never does. */
  mayResend: boolean;
  /** Scopes nobody would receive (no Principal Emails, no Leader). */
  noRecipients: readonly string[];
  /** Whose account sends them. */
  sender: string;
  /** "week of Nov 23" */
  week: string;
}

export type SendQuestion =
  { kind: 'nothing'; text: string } | { kind: 'send'; text: string } | { kind: 'resend'; text: string };

/** Scopes listed before "and N more": a district's 40 schools would not fit a dialog. */
const SCOPES_LISTED = 8;

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/** "Maple Elementary: Aaliyah Vang; Riverside Middle: Noor Reyes, Sam Li" (names where Staff has them). */
export function recipientsText(targets: readonly DigestTarget[], nameOf: (email: string) => string): string {
  const byScope = new Map<string, string[]>();
  for (const t of targets) byScope.set(t.scope, [...(byScope.get(t.scope) ?? []), nameOf(t.recipient)]);
  const lines = [...byScope.entries()].map(([scope, to]) => `${scope}: ${to.join(', ')}`);
  const more = lines.length - SCOPES_LISTED;
  return [...lines.slice(0, SCOPES_LISTED), ...(more > 0 ? [`and ${more.toLocaleString('en-US')} more`] : [])]
    .map((line) => `• ${line}`)
    .join('\n');
}

/**
 * The question Send digests now asks before mailing anyone: how many emails, to whom, from whose
 * account; for a leader, whether to send again what already went this week.
 */
export function sendQuestion(plan: SendPlan, nameOf: (email: string) => string): SendQuestion {
  const nobody =
    plan.noRecipients.length > 0
      ? `\n\nNobody to send to for ${plan.noRecipients.join(', ')}: add Principal Emails on the Schools tab (and a Leader on Staff for the district digest).`
      : '';
  const from = `from your account (${plan.sender})`;
  if (plan.mayResend && plan.alreadySent.length > 0) {
    const sent = plan.alreadySent.length;
    const notYet =
      plan.unsent.length > 0
        ? `No sends only the ${plural(plan.unsent.length, 'email', 'emails')} not sent yet:\n${recipientsText(plan.unsent, nameOf)}`
        : 'No sends nothing (every digest went this week).';
    return {
      kind: 'resend',
      text: `${sent === 1 ? 'One digest was' : `${plural(sent, 'digest', 'digests')} were`} already sent this ${plan.week}:\n${recipientsText(plan.alreadySent, nameOf)}\n\nYes sends all ${plural(sent + plan.unsent.length, 'email', 'emails')} ${from}, again where already sent. ${notYet}\nCancel sends nothing.${nobody}`,
    };
  }
  if (plan.unsent.length === 0)
    return {
      kind: 'nothing',
      text: `Nothing to send: ${plan.alreadySent.length > 0 ? `your digest already went this ${plan.week} (a Leader can send it again)` : 'no digest has anyone to send it to'}.${nobody}`,
    };
  return {
    kind: 'send',
    text: `This sends ${plural(plan.unsent.length, 'email', 'emails')} ${from} now:\n${recipientsText(plan.unsent, nameOf)}${nobody}\n\nSend ${plan.unsent.length === 1 ? 'it' : 'them'}?`,
  };
}
