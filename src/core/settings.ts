/**
 * The Settings tab: `Setting | Value` rows a leader edits. Each setting is defined once here
 * with its default, its help and how its text is read; a value that cannot be read falls back
 * to the default and is reported, so a typo never stops teachers from logging calls.
 */
import { cellToDay, Day, isTimeZone, Weekday, WEEKDAYS } from './dates';

export const GOAL_COUNTS = ['Families reached', 'All attempts'] as const;
export type GoalCounts = (typeof GOAL_COUNTS)[number];
const YES_NO = ['Yes', 'No'] as const;

export const DEFAULT_URGENT_PHRASES = [
  'crisis',
  'emergency',
  'eviction',
  'evicted',
  'homeless',
  'shelter',
  'unsafe',
  'abuse',
  'neglect',
  'violence',
  'self-harm',
  'suicide',
  'hospital',
  'no food',
  'bullied',
  'bus never came',
];

export interface Settings {
  callsStartDate: Day;
  goalDeadline: Day;
  goalCounts: GoalCounts;
  weekStarts: Weekday;
  digestDay: Weekday;
  digestHour: number;
  urgentPhrases: string[];
  sendUrgentAlerts: boolean;
  includeNotesInEmails: boolean;
  shareFamilyVoicesInDigests: boolean;
  followUpDueDays: number;
  attemptsBeforeHandOff: number;
  timeZone: string;
}

export interface SettingDefinition {
  readonly name: string;
  readonly key: keyof Settings;
  readonly help: string;
  /** Choices for the Value cell's dropdown, when the setting has a fixed list. */
  readonly choices?: readonly string[];
  /** The default as it is written to the Settings tab. */
  defaultText(context: SettingsContext): string;
}

export interface SettingsContext {
  /** Today in the spreadsheet's time zone. */
  today: Day;
  /** The spreadsheet's time zone. */
  timeZone: string;
}

/** The school year that contains `today`: it starts on August 1. */
function schoolYearStart(today: Day): number {
  const year = Number(today.slice(0, 4));
  return Number(today.slice(5, 7)) >= 8 ? year : year - 1;
}

export const SETTING_DEFINITIONS: readonly SettingDefinition[] = [
  {
    name: 'Calls Start Date',
    key: 'callsStartDate',
    help: 'The first day calls count (YYYY-MM-DD). Calls dated earlier are rejected.',
    defaultText: (c) => `${schoolYearStart(c.today)}-08-01`,
  },
  {
    name: 'Goal Deadline',
    key: 'goalDeadline',
    help: "The day goals should be met (YYYY-MM-DD). A school's own Goal Deadline on Schools overrides it.",
    defaultText: (c) => `${schoolYearStart(c.today)}-10-31`,
  },
  {
    name: 'Goal Counts',
    key: 'goalCounts',
    choices: GOAL_COUNTS,
    help: 'Families reached: distinct households with a conversation. All attempts: every call logged.',
    defaultText: () => 'Families reached',
  },
  {
    name: 'Week Starts',
    key: 'weekStarts',
    choices: WEEKDAYS,
    help: 'The first day of a week, for "This Week" and the digest.',
    defaultText: () => 'Monday',
  },
  {
    name: 'Digest Day',
    key: 'digestDay',
    choices: WEEKDAYS,
    help: 'The day the weekly digest is sent. After changing it, run Relationship Calls → Schedule weekly digests again.',
    defaultText: () => 'Monday',
  },
  {
    name: 'Digest Hour',
    key: 'digestHour',
    help: 'The hour (0-23, in the Time Zone below) the weekly digest is sent. After changing it, run Relationship Calls → Schedule weekly digests again.',
    defaultText: () => '7',
  },
  {
    name: 'Urgent Phrases',
    key: 'urgentPhrases',
    help: 'One phrase per line. A call whose notes contain one (whole words, any case) is flagged urgent.',
    defaultText: () => DEFAULT_URGENT_PHRASES.join('\n'),
  },
  {
    name: 'Send Urgent Alerts',
    key: 'sendUrgentAlerts',
    choices: YES_NO,
    help: "Yes: email the school's Follow-up Emails when a call is flagged urgent.",
    defaultText: () => 'Yes',
  },
  {
    name: 'Include Notes In Emails',
    key: 'includeNotesInEmails',
    choices: YES_NO,
    help: 'No: alerts and digests name the student and link to the row, without note text.',
    defaultText: () => 'No',
  },
  {
    name: 'Share Family Voices In Digests',
    key: 'shareFamilyVoicesInDigests',
    choices: YES_NO,
    help: "Yes: a school's digest quotes up to three short lines of Family Strengths or Hopes & Dreams from the past week, with names removed, never from an urgent call.",
    defaultText: () => 'Yes',
  },
  {
    name: 'Follow-up Due Days',
    key: 'followUpDueDays',
    help: 'A follow-up open longer than this many days is overdue.',
    defaultText: () => '2',
  },
  {
    name: 'Attempts Before Hand-off',
    key: 'attemptsBeforeHandOff',
    help: 'After this many attempts without a conversation, the family goes to Follow-ups.',
    defaultText: () => '3',
  },
  {
    name: 'Time Zone',
    key: 'timeZone',
    help: 'An IANA time zone such as America/Chicago, for dates, weeks and the digest hour.',
    defaultText: (c) => c.timeZone,
  },
];

export interface SettingsReading {
  settings: Settings;
  /** One line per value that could not be read and fell back to its default. */
  problems: string[];
}

function text(value: unknown, timeZone: string): string {
  if (value === null || value === undefined) return '';
  const day = cellToDay(value, timeZone);
  if (day) return day;
  return String(value).trim();
}

function pickChoice<T extends string>(raw: string, choices: readonly T[]): T | null {
  const found = choices.find((c) => c.toLowerCase() === raw.toLowerCase());
  return found ?? null;
}

/**
 * Reads `Setting | Value` pairs. `values` maps a setting's name to its cell value (a Date for
 * date cells, as getValues returns them).
 */
export function readSettings(
  values: ReadonlyMap<string, unknown>,
  context: SettingsContext,
): SettingsReading {
  const problems: string[] = [];
  const tzRaw = text(values.get('Time Zone'), context.timeZone);
  const timeZone = tzRaw && isTimeZone(tzRaw) ? tzRaw : context.timeZone;
  if (tzRaw && timeZone !== tzRaw)
    problems.push(`Time Zone "${tzRaw}" is not a time zone; using ${timeZone}.`);

  const read = (name: string): { raw: string; fallback: string } => {
    const def = SETTING_DEFINITIONS.find((d) => d.name === name);
    if (!def) throw new Error(`No setting named ${name}`);
    return { raw: text(values.get(name), timeZone), fallback: def.defaultText({ ...context, timeZone }) };
  };
  const complain = (name: string, raw: string, fallback: string, allowed: string): void => {
    problems.push(`${name} "${raw}" is not ${allowed}; using ${fallback.replace(/\n/g, ', ')}.`);
  };

  const day = (name: string): Day => {
    const { raw, fallback } = read(name);
    if (!raw) return fallback;
    const parsed = cellToDay(raw, timeZone);
    if (parsed) return parsed;
    complain(name, raw, fallback, 'a date (YYYY-MM-DD)');
    return fallback;
  };
  const choice = <T extends string>(name: string, choices: readonly T[]): T => {
    const { raw, fallback } = read(name);
    if (!raw) return fallback as T;
    const picked = pickChoice(raw, choices);
    if (picked) return picked;
    complain(name, raw, fallback, `one of ${choices.join(', ')}`);
    return fallback as T;
  };
  const whole = (name: string, min: number, max: number): number => {
    const { raw, fallback } = read(name);
    if (!raw) return Number(fallback);
    const n = Number(raw);
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    complain(name, raw, fallback, `a whole number from ${min} to ${max}`);
    return Number(fallback);
  };

  const phrasesRaw = read('Urgent Phrases');
  const phrasesText = phrasesRaw.raw || phrasesRaw.fallback;
  const urgentPhrases = phrasesText
    .split(/\r?\n|;/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);

  const settings: Settings = {
    callsStartDate: day('Calls Start Date'),
    goalDeadline: day('Goal Deadline'),
    goalCounts: choice('Goal Counts', GOAL_COUNTS),
    weekStarts: choice('Week Starts', WEEKDAYS),
    digestDay: choice('Digest Day', WEEKDAYS),
    digestHour: whole('Digest Hour', 0, 23),
    urgentPhrases,
    sendUrgentAlerts: choice('Send Urgent Alerts', YES_NO) === 'Yes',
    includeNotesInEmails: choice('Include Notes In Emails', YES_NO) === 'Yes',
    shareFamilyVoicesInDigests: choice('Share Family Voices In Digests', YES_NO) === 'Yes',
    followUpDueDays: whole('Follow-up Due Days', 0, 365),
    attemptsBeforeHandOff: whole('Attempts Before Hand-off', 1, 100),
    timeZone,
  };
  if (settings.goalDeadline < settings.callsStartDate) {
    problems.push(
      `Goal Deadline ${settings.goalDeadline} is before Calls Start Date ${settings.callsStartDate}.`,
    );
  }
  return { settings, problems };
}
