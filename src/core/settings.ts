/**
 * The Settings tab: `Setting | Value` rows a leader edits. Each setting is defined once here
 * with its default, its help and how its text is read; a value that cannot be read falls back
 * to the default and is reported, so a typo never stops teachers from logging calls.
 */
import { cellToDay, Day, isTimeZone, Weekday, WEEKDAYS } from './dates';
import { spreadsheetLink } from './trackerLink';

export const GOAL_COUNTS = ['Families reached', 'All attempts'] as const;
export type GoalCounts = (typeof GOAL_COUNTS)[number];
const YES_NO = ['Yes', 'No'] as const;

export interface Settings {
  callsStartDate: Day;
  goalDeadline: Day;
  goalCounts: GoalCounts;
  weekStarts: Weekday;
  digestDay: Weekday;
  digestHour: number;
  sendUrgentAlerts: boolean;
  includeNotesInEmails: boolean;
  shareFamilyVoicesInDigests: boolean;
  followUpDueDays: number;
  attemptsBeforeHandOff: number;
  maxAlertsPerSchoolPerDay: number;
  timeZone: string;
  /** The link to last year's tracker ('' when there is none): set by Start a new school year. */
  previousYearTracker: string;
  /** The district tracker's link as typed; '' when blank (or unreadable). */
  districtTracker: string;
}

/** What a Value cell holds: the reader, setup's validation and the docs all follow it. */
export type SettingKind =
  | { type: 'date' }
  | { type: 'choice'; choices: readonly string[] }
  | { type: 'wholeNumber'; min: number; max: number }
  | { type: 'timeZone' }
  | { type: 'lines' }
  | { type: 'link' };

export interface SettingDefinition {
  readonly name: string;
  readonly key: keyof Settings;
  readonly kind: SettingKind;
  readonly help: string;
  /** The default in words, for the docs ("Oct 31 of this school year"). */
  readonly defaultInWords: string;
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
    kind: { type: 'date' },
    help: 'The first day calls count: a date (YYYY-MM-DD). Calls dated earlier are rejected.',
    defaultInWords: 'Aug 1 of this school year',
    defaultText: (c) => `${schoolYearStart(c.today)}-08-01`,
  },
  {
    name: 'Goal Deadline',
    key: 'goalDeadline',
    kind: { type: 'date' },
    help: "The day goals should be met: a date (YYYY-MM-DD). A school's own Goal Deadline on Schools overrides it.",
    defaultInWords: 'Oct 31 of this school year',
    defaultText: (c) => `${schoolYearStart(c.today)}-10-31`,
  },
  {
    name: 'Goal Counts',
    key: 'goalCounts',
    kind: { type: 'choice', choices: GOAL_COUNTS },
    help: 'Families reached: distinct households with a conversation. All attempts: every call logged.',
    defaultInWords: 'Families reached',
    defaultText: () => 'Families reached',
  },
  {
    name: 'Week Starts',
    key: 'weekStarts',
    kind: { type: 'choice', choices: WEEKDAYS },
    help: 'The first day of a week, for "This Week" and the digest.',
    defaultInWords: 'Monday',
    defaultText: () => 'Monday',
  },
  {
    name: 'Digest Day',
    key: 'digestDay',
    kind: { type: 'choice', choices: WEEKDAYS },
    help: 'The day the weekly digest is sent. After changing it, run Relationship Calls → Schedule weekly digests again.',
    defaultInWords: 'Monday',
    defaultText: () => 'Monday',
  },
  {
    name: 'Digest Hour',
    key: 'digestHour',
    kind: { type: 'wholeNumber', min: 0, max: 23 },
    help: 'The hour (0-23, in the Time Zone below) the weekly digest is sent. After changing it, run Relationship Calls → Schedule weekly digests again.',
    defaultInWords: '7',
    defaultText: () => '7',
  },
  {
    name: 'Send Urgent Alerts',
    key: 'sendUrgentAlerts',
    kind: { type: 'choice', choices: YES_NO },
    help: "Yes: email the people Alert Routes names when a call is flagged urgent (by default the school's Follow-up Emails).",
    defaultInWords: 'Yes',
    defaultText: () => 'Yes',
  },
  {
    name: 'Include Notes In Emails',
    key: 'includeNotesInEmails',
    kind: { type: 'choice', choices: YES_NO },
    help: 'No: alerts and digests name the student and link to the row, without note text.',
    defaultInWords: 'No',
    defaultText: () => 'No',
  },
  {
    name: 'Share Family Voices In Digests',
    key: 'shareFamilyVoicesInDigests',
    kind: { type: 'choice', choices: YES_NO },
    help: "Yes: a school's digest quotes up to three short lines of Family Strengths or Hopes & Dreams from the past week, only from calls whose caller ticked OK to quote (the family agreed), never from an urgent call or one that touches a private matter, with names, capitalized words, numbers, e-mail and links taken out. Yes by default because consent is given call by call.",
    defaultInWords: 'Yes',
    defaultText: () => 'Yes',
  },
  {
    name: 'Follow-up Due Days',
    key: 'followUpDueDays',
    kind: { type: 'wholeNumber', min: 0, max: 365 },
    help: 'A follow-up still open after this many days is overdue: highlighted on Follow-ups, counted on the Summary and in digests.',
    defaultInWords: '2',
    defaultText: () => '2',
  },
  {
    name: 'Attempts Before Hand-off',
    key: 'attemptsBeforeHandOff',
    kind: { type: 'wholeNumber', min: 1, max: 100 },
    help: 'After this many attempts without a conversation, the family goes to Follow-ups.',
    defaultInWords: '3',
    defaultText: () => '3',
  },
  {
    name: 'Max Alerts Per School Per Day',
    key: 'maxAlertsPerSchoolPerDay',
    kind: { type: 'wholeNumber', min: 1, max: 500 },
    help: "The most urgent alerts a school's follow-up contacts get in a day. The rest wait for the next day, and the school's Follow-up Emails and the Leaders get one email saying so.",
    defaultInWords: '20',
    defaultText: () => '20',
  },
  {
    name: 'Previous Year Tracker',
    key: 'previousYearTracker',
    kind: { type: 'link' },
    help: "Last school year's tracker, which stays as it was closed: Start a new school year fills this in.",
    defaultInWords: 'blank',
    defaultText: () => '',
  },
  {
    name: 'District Tracker',
    key: 'districtTracker',
    kind: { type: 'link' },
    help: "The district tracker this school's tracker reports to, if any. With it, this tracker sends no district digest (the district tracker does), and the Summary shows the district's % Met once the district has read this tracker.",
    defaultInWords: 'blank',
    defaultText: () => '',
  },
  {
    name: 'Time Zone',
    key: 'timeZone',
    kind: { type: 'timeZone' },
    help: 'An IANA time zone such as America/Chicago, for dates, weeks and the digest hour.',
    defaultInWords: "the spreadsheet's time zone",
    defaultText: (c) => c.timeZone,
  },
];

/** The settings a district tracker uses; its Settings tab has only these. */
export const DISTRICT_SETTINGS: readonly SettingDefinition[] = SETTING_DEFINITIONS.filter((d) =>
  ['Week Starts', 'Digest Day', 'Digest Hour', 'Time Zone'].includes(d.name),
);

/** What a setting's Value cell must hold, in words (help text, notes, docs). */
export function settingFormat(kind: SettingKind): string {
  switch (kind.type) {
    case 'date':
      return 'a date (a date cell, or YYYY-MM-DD)';
    case 'choice':
      return `one of ${kind.choices.join(', ')}`;
    case 'wholeNumber':
      return `a whole number from ${kind.min} to ${kind.max}`;
    case 'timeZone':
      return 'an IANA time zone, e.g. America/Chicago';
    case 'lines':
      return 'text, one phrase per line';
    case 'link':
      return 'a spreadsheet link (https://docs.google.com/spreadsheets/d/…), or blank';
  }
}

/** The help a leader sees on a setting: what it does, what to type, what happens when it cannot be read. */
export function settingHelp(def: SettingDefinition): string {
  return `${def.help} Type ${settingFormat(def.kind)}. If it cannot be read: ${def.defaultInWords}, and the Summary says so.`;
}

/** A Value cell that could not be read: the setting fell back to its default. */
export interface UnreadableSetting {
  setting: string;
  /** The cell as read, in words. */
  value: string;
  /** What it should hold and what is used instead. */
  message: string;
}

export interface SettingsReading {
  settings: Settings;
  /** One line per value that could not be read and fell back to its default, or that contradicts another. */
  problems: string[];
  /** The settings whose Value cell could not be read (each also in problems). */
  unreadable: UnreadableSetting[];
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

function definition(name: string): SettingDefinition {
  const def = SETTING_DEFINITIONS.find((d) => d.name === name);
  if (!def) throw new Error(`No setting named ${name}`);
  return def;
}

/**
 * Reads `Setting | Value` pairs. `values` maps a setting's name to its cell value (a Date for
 * date cells, as getValues returns them). A value that cannot be read falls back to its default
 * and is reported, never silently.
 */
export function readSettings(
  values: ReadonlyMap<string, unknown>,
  context: SettingsContext,
): SettingsReading {
  const problems: string[] = [];
  const unreadable: UnreadableSetting[] = [];
  const complain = (name: string, raw: string, fallback: string): void => {
    const message = `${name} "${raw}" is not ${settingFormat(definition(name).kind)}; using ${fallback.replace(/\n/g, ', ')}.`;
    problems.push(message);
    unreadable.push({ setting: name, value: raw, message });
  };

  const tzRaw = text(values.get('Time Zone'), context.timeZone);
  const timeZone = tzRaw && isTimeZone(tzRaw) ? tzRaw : context.timeZone;
  if (tzRaw && timeZone !== tzRaw) complain('Time Zone', tzRaw, timeZone);

  const read = (name: string): { raw: string; fallback: string } => ({
    raw: text(values.get(name), timeZone),
    fallback: definition(name).defaultText({ ...context, timeZone }),
  });

  const day = (name: string): Day => {
    const { raw, fallback } = read(name);
    if (!raw) return fallback;
    const parsed = cellToDay(raw, timeZone);
    if (parsed) return parsed;
    complain(name, raw, fallback);
    return fallback;
  };
  const choice = <T extends string>(name: string, choices: readonly T[]): T => {
    const { raw, fallback } = read(name);
    if (!raw) return fallback as T;
    const picked = pickChoice(raw, choices);
    if (picked) return picked;
    complain(name, raw, fallback);
    return fallback as T;
  };
  const whole = (name: string): number => {
    const { kind } = definition(name);
    const { raw, fallback } = read(name);
    if (!raw) return Number(fallback);
    const n = Number(raw);
    if (kind.type === 'wholeNumber' && Number.isInteger(n) && n >= kind.min && n <= kind.max) return n;
    complain(name, raw, fallback);
    return Number(fallback);
  };

  const link = (name: string): string => {
    const { raw } = read(name);
    if (!raw) return '';
    const url = spreadsheetLink(raw);
    if (url) return url;
    complain(name, raw, 'blank');
    return '';
  };

  const settings: Settings = {
    callsStartDate: day('Calls Start Date'),
    goalDeadline: day('Goal Deadline'),
    goalCounts: choice('Goal Counts', GOAL_COUNTS),
    weekStarts: choice('Week Starts', WEEKDAYS),
    digestDay: choice('Digest Day', WEEKDAYS),
    digestHour: whole('Digest Hour'),
    sendUrgentAlerts: choice('Send Urgent Alerts', YES_NO) === 'Yes',
    includeNotesInEmails: choice('Include Notes In Emails', YES_NO) === 'Yes',
    shareFamilyVoicesInDigests: choice('Share Family Voices In Digests', YES_NO) === 'Yes',
    followUpDueDays: whole('Follow-up Due Days'),
    attemptsBeforeHandOff: whole('Attempts Before Hand-off'),
    maxAlertsPerSchoolPerDay: whole('Max Alerts Per School Per Day'),
    timeZone,
    previousYearTracker: link('Previous Year Tracker'),
    districtTracker: link('District Tracker'),
  };
  if (settings.goalDeadline < settings.callsStartDate) {
    problems.push(
      `Goal Deadline ${settings.goalDeadline} is before Calls Start Date ${settings.callsStartDate}.`,
    );
  }
  return { settings, problems, unreadable };
}
