/**
 * The urgent alert email: what the follow-up contact needs to act, and a link straight to the
 * Follow-ups row. Note text only when Settings' Include Notes In Emails is Yes. A call typed on
 * the sheet (not logged with the form) is named by its row only: nothing anyone typed there is
 * quoted, and there is no reply-to. Every user string is escaped in the HTML.
 */
import { escapeHtml } from './html';

export interface AlertContent {
  school: string;
  /** The call's Call ID: the reference a follow-up contact can search the Call Log for. */
  callId: string;
  /** Categories matched; empty when the caller marked it urgent without a phrase. */
  categories: string[];
  /** `Housing: "evicted"` or `Marked by caller`. */
  reason: string;
  /** Who called and about whom, from a call logged with the form; null for a row typed on the sheet. */
  caller: { name: string; email: string; student: string } | null;
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

const TYPED = 'a row typed on the Call Log (not logged with the form)';

export function alertEmail(a: AlertContent): AlertEmail {
  const category = a.categories.length > 0 ? a.categories.join(', ') : 'Marked urgent';
  const subject = oneLine(`Urgent follow-up · ${a.school} · ${category}`);
  const c = a.caller;
  const student = c ? c.student : 'see the row';
  const facts: Array<[string, string]> = [
    ['Student', student],
    ['School', a.school],
    ['Called by', c ? (c.name ? `${c.name} (${c.email})` : c.email) : TYPED],
    ['Call date', a.callDay],
    ['Call ID', a.callId],
    ['Logged', a.loggedAt],
    ['Why', a.reason],
    ['Sent to', a.recipients.join(', ')],
  ];
  const noteLine =
    a.notes === null
      ? 'Notes are not included in emails (Settings: Include Notes In Emails). Open the row to read the call.'
      : `Notes: ${a.notes}`;
  const opening = c
    ? `A call with ${c.student}'s family was flagged urgent and needs a follow-up.`
    : `An urgent note was typed on the Call Log and needs a follow-up. Open the row to read it.`;
  const reply = c
    ? `Reply to this email to reach ${c.name || c.email}.`
    : 'Nobody is named as the caller: the row was typed on the sheet. Check call log lists it.';
  const body = [
    opening,
    '',
    ...facts.map(([k, v]) => `${k}: ${v}`),
    '',
    noteLine,
    '',
    `Open the follow-up: ${a.followUpLink}`,
    'Set its Status when you pick it up (In progress) and when it is done (Resolved, with a Resolution).',
    reply,
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
    c
      ? `<p>A call with <strong>${escapeHtml(c.student)}</strong>'s family was flagged urgent and needs a follow-up.</p>`
      : `<p>${escapeHtml(opening)}</p>`,
    `<table style="border-collapse:collapse;margin:0 0 12px 0;"><tbody>${rows}</tbody></table>`,
    notesHtml,
    `<p><a href="${escapeHtml(a.followUpLink)}" style="color:#1a73e8;">Open the follow-up row</a></p>`,
    '<p>Set its Status when you pick it up (In progress) and when it is done (Resolved, with a Resolution).</p>',
    `<p style="color:#5f6368;">${escapeHtml(reply)}</p>`,
    '</div>',
  ].join('');
  return { subject, body, htmlBody };
}

export interface CapNotice {
  school: string;
  /** Alerts held back for tomorrow. */
  waiting: number;
  cap: number;
  followUpsLink: string;
}

/** Once a day per school when its alerts reached the cap: the rest wait, and the people who act know why. */
export function capNoticeEmail(n: CapNotice): AlertEmail {
  const subject = oneLine(`Urgent alerts held until tomorrow · ${n.school}`);
  const lines = [
    `${n.school} reached ${n.cap} urgent alerts today, the most Settings allows a school in a day (Max Alerts Per School Per Day).`,
    `${n.waiting} more ${n.waiting === 1 ? 'is' : 'are'} waiting and will be sent tomorrow. They are on the Follow-ups tab now: open it to act on them today.`,
    'So many in one day can also mean rows were typed or pasted in bulk: Relationship Calls → Check call log lists rows not logged with the form.',
  ];
  const body = [...lines, '', `Follow-ups: ${n.followUpsLink}`].join('\n');
  const htmlBody = [
    '<div style="font-family:Arial,sans-serif;font-size:14px;color:#202124;">',
    ...lines.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p><a href="${escapeHtml(n.followUpsLink)}" style="color:#1a73e8;">Open Follow-ups</a></p>`,
    '</div>',
  ].join('');
  return { subject, body, htmlBody };
}
