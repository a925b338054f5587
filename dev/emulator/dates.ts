/**
 * Time zones (via Intl), spreadsheet date serials, and Utilities.formatDate's Java SimpleDateFormat patterns.
 */

/** A resolved time zone: an IANA id, or a fixed offset such as `GMT-05:00`. */
export type Zone = { kind: 'iana'; id: string } | { kind: 'fixed'; id: string; offsetMinutes: number };

export interface WallParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

const FIXED = /^(?:GMT|UTC)(?:([+-])(\d{1,2})(?::?(\d{2}))?)?$/i;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(id: string): Intl.DateTimeFormat {
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(id, f);
  }
  return f;
}

/** Returns null for an id neither Intl nor the GMT±hh:mm form knows. */
export function resolveZone(id: string): Zone | null {
  const m = FIXED.exec(id);
  if (m) {
    const minutes = m[1] ? (Number(m[2]) * 60 + Number(m[3] ?? 0)) * (m[1] === '-' ? -1 : 1) : 0;
    return { kind: 'fixed', id, offsetMinutes: minutes };
  }
  try {
    partsFormatter(id);
    return { kind: 'iana', id };
  } catch {
    return null;
  }
}

/** Java's TimeZone.getTimeZone: unknown ids silently become GMT. */
export function zoneOrGmt(id: string): Zone {
  return resolveZone(id) ?? { kind: 'fixed', id: 'GMT', offsetMinutes: 0 };
}

const BUCKET_MS = 15 * 60000;
const bucketOffsets = new Map<string, Map<number, number>>();

/**
 * Offset of the zone from UTC at the instant, in ms (Chicago in summer: -5h). Cached per 15-minute bucket when
 * the offset is the same at both ends of the bucket (no transition inside).
 */
export function offsetAt(ms: number, zone: Zone): number {
  if (zone.kind === 'fixed') return zone.offsetMinutes * 60000;
  let cache = bucketOffsets.get(zone.id);
  if (!cache) {
    cache = new Map();
    bucketOffsets.set(zone.id, cache);
  }
  const bucket = Math.floor(ms / BUCKET_MS);
  const cached = cache.get(bucket);
  if (cached !== undefined) return cached;
  const start = exactOffset(bucket * BUCKET_MS, zone.id);
  if (start === exactOffset((bucket + 1) * BUCKET_MS - 1, zone.id)) {
    cache.set(bucket, start);
    return start;
  }
  return exactOffset(ms, zone.id);
}

function exactOffset(ms: number, id: string): number {
  const p = wallPartsIana(ms, id);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const asUtc = new Date(wall);
  if (p.year < 100) asUtc.setUTCFullYear(p.year);
  return asUtc.getTime() - (ms - (((ms % 1000) + 1000) % 1000));
}

function wallPartsIana(ms: number, id: string): Omit<WallParts, 'weekday'> {
  const parts = partsFormatter(id).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const era = parts.find((p) => p.type === 'era')?.value;
  const year = era === 'BC' || era === 'B' ? 1 - get('year') : get('year');
  return {
    year,
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
    millisecond: ((ms % 1000) + 1000) % 1000,
  };
}

/** The wall-clock reading in the zone at the instant. */
export function wallParts(ms: number, zone: Zone): WallParts {
  const d = new Date(ms + offsetAt(ms, zone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

/** The instant at which the zone's wall clock reads `wallMs` (a UTC-encoded wall time). */
export function wallToInstant(wallMs: number, zone: Zone): number {
  const first = offsetAt(wallMs, zone);
  const guess = wallMs - first;
  const second = offsetAt(guess, zone);
  return second === first ? guess : wallMs - second;
}

const DAY_MS = 86400000;
/** Serial 0 = 1899-12-30 00:00 wall time. */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

export function wallToSerial(wallMs: number): number {
  return (wallMs - SERIAL_EPOCH) / DAY_MS;
}

export function serialToWall(serial: number): number {
  return SERIAL_EPOCH + Math.round(serial * DAY_MS);
}

export function serialToInstant(serial: number, zone: Zone): number {
  return wallToInstant(serialToWall(serial), zone);
}

export function instantToSerial(ms: number, zone: Zone): number {
  return wallToSerial(ms + offsetAt(ms, zone));
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function dayKey(ms: number, zone: Zone): string {
  const p = wallParts(ms, zone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

export function monthName(month: number, short: boolean): string {
  const name = MONTHS[month - 1];
  return short ? name.slice(0, 3) : name;
}

export function dayName(weekday: number, short: boolean): string {
  const name = DAYS[weekday];
  return short ? name.slice(0, 3) : name;
}

function pad(n: number, width: number): string {
  const s = String(Math.abs(n)).padStart(width, '0');
  return n < 0 ? '-' + s : s;
}

function zoneName(ms: number, zone: Zone, long: boolean): string {
  if (zone.kind === 'fixed')
    return zone.offsetMinutes === 0 ? zone.id.toUpperCase() : 'GMT' + isoOffset(0, zone, true);
  const name = new Intl.DateTimeFormat('en-US', { timeZone: zone.id, timeZoneName: long ? 'long' : 'short' })
    .formatToParts(new Date(ms))
    .find((p) => p.type === 'timeZoneName')?.value;
  return name ?? zone.id;
}

function isoOffset(ms: number, zone: Zone, colon: boolean, hoursOnly = false): string {
  const minutes = Math.round(offsetAt(ms, zone) / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (hoursOnly) return sign + h;
  return sign + h + (colon ? ':' : '') + m;
}

function dayOfYear(p: WallParts): number {
  return (Date.UTC(p.year, p.month - 1, p.day) - Date.UTC(p.year, 0, 1)) / DAY_MS + 1;
}

export interface FormatErrors {
  /** For pattern letters Java knows but this emulator does not compute (week-based fields). */
  notImplemented(what: string): Error;
  /** For patterns Java rejects. */
  invalid(message: string): Error;
}

/** Java SimpleDateFormat. */
export function formatJavaDate(ms: number, zone: Zone, pattern: string, errors: FormatErrors): string {
  const p = wallParts(ms, zone);
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw errors.invalid('Unterminated quote');
        if (pattern[j] === "'" && pattern[j + 1] === "'") {
          out += "'";
          j += 2;
        } else if (pattern[j] === "'") break;
        else out += pattern[j++];
      }
      i = j + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(ch)) {
      out += ch;
      i++;
      continue;
    }
    let n = 1;
    while (pattern[i + n] === ch) n++;
    i += n;
    out += javaField(ch, n, p, ms, zone, errors);
  }
  return out;
}

function javaField(
  ch: string,
  n: number,
  p: WallParts,
  ms: number,
  zone: Zone,
  errors: FormatErrors,
): string {
  switch (ch) {
    case 'G':
      return p.year > 0 ? 'AD' : 'BC';
    case 'y':
      return n === 2 ? pad(p.year % 100, 2) : pad(p.year, n);
    case 'M':
    case 'L':
      return n >= 4 ? monthName(p.month, false) : n === 3 ? monthName(p.month, true) : pad(p.month, n);
    case 'd':
      return pad(p.day, n);
    case 'D':
      return pad(dayOfYear(p), n);
    case 'E':
      return dayName(p.weekday, n < 4);
    case 'u':
      return pad(p.weekday === 0 ? 7 : p.weekday, n);
    case 'a':
      return p.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(p.hour, n);
    case 'k':
      return pad(p.hour === 0 ? 24 : p.hour, n);
    case 'K':
      return pad(p.hour % 12, n);
    case 'h':
      return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, n);
    case 'm':
      return pad(p.minute, n);
    case 's':
      return pad(p.second, n);
    case 'S':
      return pad(p.millisecond, n);
    case 'z':
      return zoneName(ms, zone, n >= 4);
    case 'Z':
      return isoOffset(ms, zone, false);
    case 'X':
      if (offsetAt(ms, zone) === 0) return 'Z';
      return isoOffset(ms, zone, n >= 3, n === 1);
    case 'w':
    case 'W':
    case 'Y':
    case 'F':
      throw errors.notImplemented(`Utilities.formatDate pattern letter '${ch}'`);
    default:
      throw errors.invalid(`Illegal pattern character '${ch}'`);
  }
}
