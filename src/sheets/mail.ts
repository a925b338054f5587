/** MailApp, for alerts and digests: the only code that sends email or reads the mail quota. */

export interface OutgoingEmail {
  /** Addresses; sent as one email to all of them. */
  to: readonly string[];
  subject: string;
  /** Plain text: the same facts as the HTML, for clients that show no HTML. */
  body: string;
  htmlBody: string;
  replyTo?: string;
}

export type SendOutcome = { ok: true } | { ok: false; error: string };

/** Sends one email; MailApp's refusal (a bad address, the quota) comes back as its message. */
export function sendEmail(email: OutgoingEmail): SendOutcome {
  try {
    MailApp.sendEmail({
      to: email.to.join(','),
      subject: email.subject,
      body: email.body,
      htmlBody: email.htmlBody,
      ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** Emails this account may still send today (each recipient counts). */
export function remainingMailQuota(): number {
  return MailApp.getRemainingDailyQuota();
}
