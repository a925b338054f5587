/**
 * Calendar days and weeks. A "day" is an ISO string `YYYY-MM-DD` in the spreadsheet's time
 * zone: that is what crosses google.script.run, and it compares as a string. Conversions
 * use Intl (V8 in Apps Script has full ICU), so no service call is spent on dates.
 */

export type Day = string;

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone Intl knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Parts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function partsIn(date: Date, timeZone: string): Parts {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(date)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return { year: p.year, month: p.month, day: p.day, hour: p.hour, minute: p.minute, second: p.second };
}

/** Offset of `timeZone` from UTC at `date`, in ms. Cached per hour: calls cluster on few hours. */
const offsetCache = new Map<string, number>();
function offsetAt(date: Date, timeZone: string): number {
  const hourKey = `${timeZone}|${Math.floor(date.getTime() / 3_600_000)}`;
  let offset = offsetCache.get(hourKey);
  if (offset === undefined) {
    const p = partsIn(date, timeZone);
    const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
    offset = asUtc - Math.floor(date.getTime() / 1000) * 1000;
    if (offsetCache.size > 10_000) offsetCache.clear();
    offsetCache.set(hourKey, offset);
  }
  return offset;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The calendar day `date` falls on in `timeZone`. */
export function dayOf(date: Date, timeZone: string): Day {
  const local = new Date(date.getTime() + offsetAt(date, timeZone));
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
}

export function isDay(value: string): boolean {
  const m = DAY_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

function utcMidnight(day: Day): number {
  const m = DAY_RE.exec(day);
  if (!m) throw new Error(`Not a day: ${day}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** The instant of midnight starting `day` in `timeZone`. */
export function startOfDay(day: Day, timeZone: string): Date {
  const guess = utcMidnight(day);
  const first = guess - offsetAt(new Date(guess), timeZone);
  return new Date(guess - offsetAt(new Date(first), timeZone));
}

export function addDays(day: Day, days: number): Day {
  const d = new Date(utcMidnight(day) + days * MS_PER_DAY);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / MS_PER_DAY);
}

export function weekdayOf(day: Day): Weekday {
  return WEEKDAYS[new Date(utcMidnight(day)).getUTCDay()];
}

/** The first day of the week containing `day`, for weeks that start on `weekStarts`. */
export function weekStart(day: Day, weekStarts: Weekday): Day {
  const back = (new Date(utcMidnight(day)).getUTCDay() - WEEKDAYS.indexOf(weekStarts) + 7) % 7;
  return addDays(day, -back);
}

/** "Sep 3" — how a day reads in a sentence. */
export function shortDay(day: Day): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const m = DAY_RE.exec(day);
  if (!m) return day;
  return `${months[Number(m[2]) - 1]} ${Number(m[3])}`;
}

/** "2026-11-23 14:05" in `timeZone`, for stamps people read. */
export function stamp(date: Date, timeZone: string): string {
  const local = new Date(date.getTime() + offsetAt(date, timeZone));
  return `${dayOf(date, timeZone)} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

/** A Date from any realm: values from Apps Script services need not share this script's Date. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/**
 * A cell's value as a day: Dates (what getValues returns for date cells) in the spreadsheet's
 * time zone, `YYYY-MM-DD` text as is. Anything else is not a day.
 */
export function cellToDay(value: unknown, timeZone: string): Day | null {
  if (isDate(value)) return isNaN(value.getTime()) ? null : dayOf(value, timeZone);
  if (typeof value === 'string') {
    const trimmed = value.trim();
    return isDay(trimmed) ? trimmed : null;
  }
  return null;
}

/** The instant `day` at `hour`:00 in `timeZone` (on a daylight-saving change, the hour as clocks show it). */
export function instantAt(day: Day, hour: number, timeZone: string): Date {
  const guess = utcMidnight(day) + hour * 3_600_000;
  const first = guess - offsetAt(new Date(guess), timeZone);
  return new Date(guess - offsetAt(new Date(first), timeZone));
}
