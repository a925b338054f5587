/**
 * HTML for email clients: inline styles only (clients drop <style> and classes), data tables with
 * header cells, no scripts, images, fonts or anything fetched. Readable with styles off: the
 * order of headings, lists and tables carries the meaning. Every text is escaped here.
 */
import { escapeHtml } from './html';

const TEXT = '#202124';
const MUTED = '#5f6368';
const RULE = '#dadce0';
const HEAD_BG = '#f1f3f4';
export const ALERT_TEXT = '#a50e0e';

const FONT = 'font-family:Arial,Helvetica,sans-serif;';

/** A whole email: `title` is the subject; `body` is built from the helpers below. */
export function emailDocument(title: string, body: readonly string[]): string {
  return (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">' +
    '<meta name="viewport" content="width=device-width,initial-scale=1">' +
    `<title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:0;background:#ffffff;color:${TEXT};${FONT}font-size:15px;line-height:1.45">` +
    `<div style="max-width:680px;margin:0 auto;padding:12px;overflow-wrap:anywhere">${body.join('')}</div></body></html>`
  );
}

export function heading(level: 1 | 2 | 3, text: string): string {
  const size = level === 1 ? 22 : level === 2 ? 18 : 16;
  const top = level === 1 ? 0 : 22;
  return `<h${level} style="${FONT}font-size:${size}px;margin:${top}px 0 8px;color:${TEXT}">${escapeHtml(text)}</h${level}>`;
}

/** A paragraph of parts: plain strings are escaped; `strong(...)` and `link(...)` parts are markup. */
export function paragraph(...parts: Array<string | Markup>): string {
  return `<p style="margin:0 0 10px">${parts.map(inline).join('')}</p>`;
}

export function muted(text: string): string {
  return `<p style="margin:0 0 10px;color:${MUTED};font-size:13px">${escapeHtml(text)}</p>`;
}

export interface Markup {
  html: string;
}

export function strong(text: string): Markup {
  return { html: `<strong>${escapeHtml(text)}</strong>` };
}

export function link(href: string, text: string): Markup {
  return { html: `<a href="${escapeHtml(href)}" style="color:#1a56b0">${escapeHtml(text)}</a>` };
}

function inline(part: string | Markup): string {
  return typeof part === 'string' ? escapeHtml(part) : part.html;
}

export function bulletList(items: ReadonlyArray<ReadonlyArray<string | Markup>>): string {
  return `<ul style="margin:0 0 10px;padding-left:22px">${items
    .map((parts) => `<li style="margin:0 0 4px">${parts.map(inline).join('')}</li>`)
    .join('')}</ul>`;
}

export function quote(label: string, text: string): string {
  return (
    `<blockquote style="margin:0 0 10px;padding:6px 12px;border-left:4px solid ${RULE}">` +
    `<strong>${escapeHtml(label)}:</strong> ${escapeHtml(text)}</blockquote>`
  );
}

export interface TableColumn {
  header: string;
  numeric?: boolean;
  /** Holds email addresses: they break anywhere rather than widen the table past a phone's screen. */
  addresses?: boolean;
}

/**
 * A data table: column headers, and each row's first cell as its row header. A cell is text, or
 * parts (text and `strong`) for a marked value such as an overdue follow-up.
 */
export function dataTable(
  caption: string,
  columns: readonly TableColumn[],
  rows: ReadonlyArray<ReadonlyArray<string | number | ReadonlyArray<string | Markup>>>,
): string {
  // Words wrap where they may; an address breaks anywhere: the table stays as wide as a phone.
  const cellStyle = (c: number): string =>
    `padding:6px 5px;border-bottom:1px solid ${RULE};vertical-align:top;overflow-wrap:${columns[c]?.addresses ? 'anywhere' : 'break-word'};text-align:${columns[c]?.numeric ? 'right' : 'left'}`;
  const cell = (value: string | number | ReadonlyArray<string | Markup>): string =>
    Array.isArray(value) ? value.map(inline).join('') : escapeHtml(value);
  const head = columns
    .map(
      (col, c) =>
        `<th scope="col" style="${cellStyle(c)};background:${HEAD_BG};font-size:13px">${escapeHtml(col.header)}</th>`,
    )
    .join('');
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((value, c) =>
            c === 0
              ? `<th scope="row" style="${cellStyle(c)};font-weight:normal">${cell(value)}</th>`
              : `<td style="${cellStyle(c)}">${cell(value)}</td>`,
          )
          .join('')}</tr>`,
    )
    .join('');
  return (
    `<table cellpadding="0" cellspacing="0" style="border-collapse:collapse;width:100%;margin:0 0 10px;font-size:14px">` +
    `<caption style="text-align:left;color:${MUTED};font-size:13px;padding:0 0 4px">${escapeHtml(caption)}</caption>` +
    `<thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`
  );
}
