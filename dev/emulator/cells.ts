/**
 * Cell contents: what a typed or script-written value becomes (user-entered parsing), which number formats make
 * a cell a date, and display formatting by number format.
 */
import { dayName, monthName, serialToWall, wallToSerial } from './dates';

/** A formula cell's content; its value is computed on read. */
export class Formula {
  constructor(readonly text: string) {}
}

/** What a cell holds: text, a number (dates are numbers with a date format), a boolean, or a formula. */
export type Content = string | number | boolean | Formula;

export const MAX_CELL_CHARS = 50000;
/** Number format reported for cells that have none ("Automatic"). */
export const AUTOMATIC_FORMAT = '0.###############';
/** The format Sheets gives a cell when a script writes a Date into it. */
export const SCRIPT_DATE_FORMAT = 'M/d/yyyy H:mm:ss';

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PERCENT = /^([+-]?(?:\d+\.?\d*|\.\d+))%$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function dateSerial(y: number, mo: number, d: number, h?: string, mi?: string, s?: string): number | null {
  const hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (mo < 1 || mo > 12 || d < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = Date.UTC(y, mo - 1, d, hour, minute, second);
  if (new Date(wall).getUTCDate() !== d) return null;
  return wallToSerial(wall);
}

/** Text that cannot be anything but text: it starts with a letter and is not TRUE/FALSE. */
const PLAIN_TEXT = /^[A-Za-z\u00C0-\uFFFF]/;
const BOOLEAN = /^(true|false)$/i;

/** How Sheets reads a string typed into a cell (or written with setValue(s)/appendRow); undefined = empty. */
export function parseEntered(text: string): Content | undefined {
  if (text === '') return undefined;
  if (PLAIN_TEXT.test(text) && !BOOLEAN.test(text)) return text;
  if (text.startsWith("'")) return text.slice(1);
  if (text.startsWith('=') && text.length > 1) return new Formula(text);
  if (PLAIN_NUMBER.test(text)) return Number(text);
  if (GROUPED_NUMBER.test(text)) return Number(text.replace(/,/g, ''));
  const percent = PERCENT.exec(text);
  if (percent) return Number(percent[1]) / 100;
  if ((text.startsWith('+') || text.startsWith('-')) && text.length > 1) return new Formula('=' + text);
  if (BOOLEAN.test(text)) return text.toLowerCase() === 'true';
  const iso = ISO_DATE.exec(text);
  const isoSerial = iso && dateSerial(+iso[1], +iso[2], +iso[3], iso[4], iso[5], iso[6]);
  if (isoSerial !== null && isoSerial !== undefined) return isoSerial;
  const us = US_DATE.exec(text);
  const usSerial = us && dateSerial(+us[3], +us[1], +us[2], us[4], us[5], us[6]);
  if (usSerial !== null && usSerial !== undefined) return usSerial;
  return text;
}

/**
 * The number format Sheets gives a cell because of how a number was typed (`50%`, `1,234`, `1e3`, a date);
 * call only for text that parseEntered turned into a number.
 */
export function typedFormat(text: string): string | undefined {
  if (PLAIN_NUMBER.test(text)) return /e/i.test(text) ? '0.00E+00' : undefined;
  if (GROUPED_NUMBER.test(text)) return text.includes('.') ? '#,##0.00' : '#,##0';
  if (PERCENT.test(text)) return text.includes('.') ? '0.00%' : '0%';
  const iso = ISO_DATE.exec(text);
  if (iso) return iso[4] ? 'yyyy-mm-dd H:mm:ss' : 'yyyy-mm-dd';
  return US_DATE.exec(text)?.[4] ? 'M/d/yyyy H:mm:ss' : 'M/d/yyyy';
}

/** Strips quoted literals, backslash escapes and [bracketed] sections, leaving a format's tokens. */
function formatTokens(format: string): string {
  return format.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
}

/** A date/time number format makes a number cell read back as a Date. */
const dateFormats = new Map<string, boolean>();

export function isDateFormat(format: string | undefined): boolean {
  if (!format || format === '@') return false;
  let isDate = dateFormats.get(format);
  if (isDate === undefined) {
    isDate = /[dmyhs]/i.test(formatTokens(format).replace(/E\+0+/gi, ''));
    dateFormats.set(format, isDate);
  }
  return isDate;
}

type DateToken = { kind: 'lit'; text: string } | { kind: 'field'; text: string };

function tokenizeDateFormat(format: string): DateToken[] {
  const tokens: DateToken[] = [];
  let i = 0;
  while (i < format.length) {
    const ch = format[i];
    if (ch === '"') {
      const end = format.indexOf('"', i + 1);
      const stop = end < 0 ? format.length : end;
      tokens.push({ kind: 'lit', text: format.slice(i + 1, stop) });
      i = stop + 1;
    } else if (ch === '\\') {
      tokens.push({ kind: 'lit', text: format[i + 1] ?? '' });
      i += 2;
    } else if (/^(am\/pm|a\/p)/i.test(format.slice(i))) {
      const text = /^am\/pm/i.test(format.slice(i)) ? format.slice(i, i + 5) : format.slice(i, i + 3);
      tokens.push({ kind: 'field', text });
      i += text.length;
    } else if (/[dmyhs]/i.test(ch)) {
      let n = 1;
      while (format[i + n]?.toLowerCase() === ch.toLowerCase()) n++;
      tokens.push({ kind: 'field', text: format.slice(i, i + n) });
      i += n;
    } else {
      tokens.push({ kind: 'lit', text: ch });
      i++;
    }
  }
  return tokens;
}

/** Formats a date serial with a Sheets date/time format (`yyyy-mm-dd`, `M/d/yyyy H:mm:ss`, `mmm d`, `h:mm am/pm`). */
export function formatDateSerial(
  serial: number,
  format: string,
  notImplemented: (what: string) => Error,
): string {
  if (/\[|\.0/.test(format)) throw notImplemented(`display of number format ${format}`);
  const d = new Date(serialToWall(serial));
  const tokens = tokenizeDateFormat(format);
  const twelveHour = tokens.some((t) => t.kind === 'field' && /^(am\/pm|a\/p)$/i.test(t.text));
  let out = '';
  tokens.forEach((t, index) => {
    if (t.kind === 'lit') {
      out += t.text;
      return;
    }
    const f = t.text.toLowerCase();
    const n = f.length;
    const hour = d.getUTCHours();
    if (f[0] === 'm') {
      const before = tokens
        .slice(0, index)
        .filter((x) => x.kind === 'field')
        .pop();
      const after = tokens.slice(index + 1).find((x) => x.kind === 'field');
      const isMinute =
        n <= 2 && (before?.text.toLowerCase()[0] === 'h' || after?.text.toLowerCase()[0] === 's');
      if (isMinute) out += String(d.getUTCMinutes()).padStart(n, '0');
      else if (n >= 4) out += monthName(d.getUTCMonth() + 1, false);
      else if (n === 3) out += monthName(d.getUTCMonth() + 1, true);
      else out += String(d.getUTCMonth() + 1).padStart(n, '0');
    } else if (f[0] === 'd') {
      if (n >= 4) out += dayName(d.getUTCDay(), false);
      else if (n === 3) out += dayName(d.getUTCDay(), true);
      else out += String(d.getUTCDate()).padStart(n, '0');
    } else if (f[0] === 'y') {
      out += n <= 2 ? String(d.getUTCFullYear() % 100).padStart(2, '0') : String(d.getUTCFullYear());
    } else if (f[0] === 'h') {
      const h = twelveHour ? (hour % 12 === 0 ? 12 : hour % 12) : hour;
      out += String(h).padStart(n, '0');
    } else if (f[0] === 's') {
      out += String(d.getUTCSeconds()).padStart(n, '0');
    } else if (f === 'am/pm') {
      const s = hour < 12 ? 'AM' : 'PM';
      out += t.text === 'am/pm' ? s.toLowerCase() : s;
    } else {
      const s = hour < 12 ? 'A' : 'P';
      out += t.text === 'a/p' ? s.toLowerCase() : s;
    }
  });
  return out;
}

const NUMBER_FORMAT = /^("[^"]*"|\$)?(#,##)?0(\.(0+|#+))?(%|E\+00)?("[^"]*")?$/;

/** Formats a number by a simple Sheets number format; other formats throw not implemented. */
export function formatNumber(
  value: number,
  format: string | undefined,
  notImplemented: (what: string) => Error,
): string {
  if (format === undefined || format === AUTOMATIC_FORMAT || format === '@' || format === '') {
    return String(value).replace('e+', 'E+').replace('e-', 'E-');
  }
  const m = NUMBER_FORMAT.exec(format);
  if (!m) throw notImplemented(`display of number format ${format}`);
  const prefix = m[1] ? m[1].replace(/"/g, '') : '';
  const suffix = m[6] ? m[6].replace(/"/g, '') : '';
  const decimals = m[4] ?? '';
  const fixed = decimals.startsWith('0') ? decimals.length : 0;
  const optional = decimals.startsWith('#') ? decimals.length : 0;
  const trailer = m[5] ?? '';
  if (trailer === 'E+00') {
    const [mant, exp] = value.toExponential(fixed).split('e');
    const e = Number(exp);
    return `${prefix}${mant}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}${suffix}`;
  }
  const scaled = trailer === '%' ? value * 100 : value;
  let body = scaled.toFixed(fixed + optional);
  if (optional) body = body.replace(/\.?0+$/, '');
  if (m[2]) {
    const [int, frac] = body.split('.');
    const sign = int.startsWith('-') ? '-' : '';
    const digits = sign ? int.slice(1) : int;
    body = sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac !== undefined ? '.' + frac : '');
  }
  const negative = body.startsWith('-');
  return (
    (negative ? '-' : '') + prefix + (negative ? body.slice(1) : body) + trailer.replace('E+00', '') + suffix
  );
}
