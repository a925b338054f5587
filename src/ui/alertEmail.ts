/**
 * The urgent alert email: what the follow-up contact needs to act, and a link straight to the
 * Follow-ups row. Note text only when Settings' Include Notes In Emails is Yes. Every user
 * string is escaped in the HTML.
 */
import { escapeHtml } from './html';

export interface AlertContent {
  school: string;
  /** Categories matched; empty when the caller marked it urgent without a phrase. */
  categories: string[];
  /** `Housing: "evicted"` or `Marked by caller`. */
  reason: string;
  student: string;
  staffName: string;
  staffEmail: string;
  /** "Nov 20" */
  callDay: string;
  /** "2026-11-23 09:00 (America/Chicago)" */
  loggedAt: string;
  recipients: readonly string[];
  followUpLink: string;
  /** null: Include Notes In Emails is No (or the note could not be found). */
  notes: string | null;
}

export interface AlertEmail {
  subject: string;
  body: string;
  htmlBody: string;
}

/** Subjects are plain text, but a newline typed into a school's name must not break the header. */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

export function alertEmail(a: AlertContent): AlertEmail {
  const category = a.categories.length > 0 ? a.categories.join(', ') : 'Marked urgent';
  const subject = oneLine(`Urgent follow-up · ${a.school} · ${category}`);
  const caller = a.staffName ? `${a.staffName} (${a.staffEmail})` : a.staffEmail;
  const facts: Array<[string, string]> = [
    ['Student', a.student],
    ['School', a.school],
    ['Called by', caller],
    ['Call date', a.callDay],
    ['Logged', a.loggedAt],
    ['Why', a.reason],
    ['Sent to', a.recipients.join(', ')],
  ];
  const noteLine =
    a.notes === null
      ? 'Notes are not included in emails (Settings: Include Notes In Emails). Open the row to read the call.'
      : `Notes: ${a.notes}`;
  const body = [
    `A call with ${a.student}'s family was flagged urgent and needs a follow-up.`,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    noteLine,
    '',
    `Open the follow-up: ${a.followUpLink}`,
    'Set its Status when you pick it up (In progress) and when it is done (Resolved, with a Resolution).',
    `Reply to this email to reach ${a.staffName || a.staffEmail}.`,
  ].join('\n');
  const cell = 'padding:4px 12px 4px 0;text-align:left;vertical-align:top;';
  const rows = facts
    .map(
      ([k, v]) =>
        `<tr><th scope="row" style="${cell}">${escapeHtml(k)}</th><td style="${cell}">${escapeHtml(v)}</td></tr>`,
    )
    .join('');
  const notesHtml =
    a.notes === null
      ? `<p style="color:#5f6368;">Notes are not included in emails (Settings: Include Notes In Emails). Open the row to read the call.</p>`
      : `<p><strong>Notes:</strong></p><blockquote style="white-space:pre-wrap;margin:0 0 12px 0;padding-left:12px;border-left:3px solid #dadce0;">${escapeHtml(a.notes)}</blockquote>`;
  const htmlBody = [
    '<div style="font-family:Arial,sans-serif;font-size:14px;color:#202124;">',
    `<p>A call with <strong>${escapeHtml(a.student)}</strong>'s family was flagged urgent and needs a follow-up.</p>`,
    `<table style="border-collapse:collapse;margin:0 0 12px 0;"><tbody>${rows}</tbody></table>`,
    notesHtml,
    `<p><a href="${escapeHtml(a.followUpLink)}" style="color:#1a73e8;">Open the follow-up row</a></p>`,
    '<p>Set its Status when you pick it up (In progress) and when it is done (Resolved, with a Resolution).</p>',
    `<p style="color:#5f6368;">Reply to this email to reach ${escapeHtml(a.staffName || a.staffEmail)}.</p>`,
    '</div>',
  ].join('');
  return { subject, body, htmlBody };
}
