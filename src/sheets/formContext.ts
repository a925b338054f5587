/**
 * What a teacher's submit needs to know before it writes, kept where the one properties read it
 * makes anyway brings it: the spreadsheet's time zone, the Settings values, the Alert Routes and
 * the header rows of Call Log and Staff. The sidebar reads all of them as it opens and keeps
 * them here when they changed; an edit of Settings, Alert Routes or a header row forgets them, so
 * the next submit reads the tabs. A submit then reads none of those tabs.
 */
import { AlertRoute } from '../core/urgency';
import { deleteTrackerProperty, setTrackerProperties, trackerProperties } from './properties';

const KEY = 'form.context';
/** A properties value holds 9 kB: a context larger than this is not kept (submits read the tabs). */
const MAX_CHARS = 8_500;

export interface FormContext {
  timeZone: string;
  /** The Settings tab's (Setting, Value) pairs, first of each name; null without the tab. */
  settings: Array<[string, unknown]> | null;
  routes: AlertRoute[];
  /** Row 1 of Call Log and of Staff, as read. */
  callLog: string[];
  staff: string[];
}

/** Settings values cross JSON: a date cell is kept as its instant. */
function encodeValue(value: unknown): unknown {
  return Object.prototype.toString.call(value) === '[object Date]'
    ? { date: (value as Date).toISOString() }
    : value;
}

function decodeValue(value: unknown): unknown {
  const date = (value as { date?: unknown } | null)?.date;
  return typeof date === 'string' ? new Date(date) : value;
}

export function formContext(): FormContext | null {
  const raw = trackerProperties()[KEY];
  if (!raw) return null;
  try {
    const context = JSON.parse(raw) as FormContext;
    return {
      ...context,
      settings: context.settings?.map(([name, value]) => [name, decodeValue(value)]) ?? null,
    };
  } catch {
    return null;
  }
}

/** Keeps what was just read, when it differs from what is kept: at most one properties write. */
export function rememberFormContext(context: FormContext): void {
  const text = JSON.stringify({
    ...context,
    settings: context.settings?.map(([name, value]) => [name, encodeValue(value)]) ?? null,
  });
  if (text === trackerProperties()[KEY]) return;
  if (text.length > MAX_CHARS) forgetFormContext();
  else setTrackerProperties({ [KEY]: text });
}

/** Settings, Alert Routes or a header row was edited: the next submit reads the tabs. */
export function forgetFormContext(): void {
  if (trackerProperties()[KEY] !== undefined) deleteTrackerProperty(KEY);
}
