/** MailApp: an outbox and a daily recipient quota that resets at midnight in the spreadsheet's time zone. */
import { dayKey, resolveZone } from './dates';
import { type Host, NEEDS, ServiceObject } from './host';
import type { SentMail } from './model';

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

interface Message {
  to?: unknown;
  cc?: unknown;
  bcc?: unknown;
  subject?: unknown;
  body?: unknown;
  htmlBody?: unknown;
  name?: unknown;
  replyTo?: unknown;
  noReply?: unknown;
  attachments?: unknown;
  inlineImages?: unknown;
}

function addresses(list: unknown): string[] {
  if (list === undefined || list === null) return [];
  return String(list)
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** `Ana Ruiz <ana@x.org>` → `ana@x.org`. */
function bareAddress(a: string): string {
  const m = /<([^>]*)>\s*$/.exec(a);
  return (m ? m[1] : a).trim();
}

function optional(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : String(v);
}

export class MailApp extends ServiceObject {
  constructor(
    host: Host,
    private readonly quota: number,
  ) {
    super(host, 'MailApp');
  }

  private _usedToday(): number {
    const zone = resolveZone(this.host.wb.timeZone);
    const today = zone ? dayKey(this.host.now(), zone) : '';
    if (this.host.wb.mailUsage.day !== today) this.host.wb.mailUsage = { day: today, count: 0 };
    return this.host.wb.mailUsage.count;
  }

  getRemainingDailyQuota(): number {
    this.host.require('MailApp.getRemainingDailyQuota', NEEDS.mail);
    return Math.max(0, this.quota - this._usedToday());
  }

  /** sendEmail(message) or sendEmail(recipient, subject, body, options?). */
  sendEmail(...args: unknown[]): void {
    this.host.require('MailApp.sendEmail', NEEDS.mail);
    const message: Message =
      args.length === 1 && typeof args[0] === 'object' && args[0] !== null
        ? (args[0] as Message)
        : { ...((args[3] as Message | undefined) ?? {}), to: args[0], subject: args[1], body: args[2] };
    if (message.attachments !== undefined || message.inlineImages !== undefined) {
      throw this.host.notImplemented('MailApp.sendEmail attachments and inline images');
    }
    const recipients = [...addresses(message.to), ...addresses(message.cc), ...addresses(message.bcc)];
    if (!recipients.length) throw this.host.exception('Failed to send email: no recipient');
    for (const a of [...recipients, ...addresses(message.replyTo)]) {
      if (!EMAIL.test(bareAddress(a))) throw this.host.exception(`Invalid email: ${a}`);
    }
    const fault = this.host.mailFault?.(addresses(message.to).join(',')) ?? null;
    if (fault) throw this.host.exception(fault);
    if (recipients.length > this.quota - this._usedToday()) {
      throw this.host.exception('Service invoked too many times for one day: email.');
    }
    this.host.wb.mailUsage.count += recipients.length;
    const mail: SentMail = {
      to: addresses(message.to).join(','),
      subject: String(message.subject ?? ''),
      sentAt: new Date(this.host.now()),
      sentBy: this.host.actingUser(),
    };
    const extras = {
      cc: optional(message.cc),
      bcc: optional(message.bcc),
      body: optional(message.body),
      htmlBody: optional(message.htmlBody),
      name: optional(message.name),
      replyTo: optional(message.replyTo),
      noReply: message.noReply === undefined ? undefined : Boolean(message.noReply),
    };
    for (const [k, v] of Object.entries(extras)) if (v !== undefined) Object.assign(mail, { [k]: v });
    this.host.wb.outbox.push(mail);
  }
}
