/**
 * The spreadsheet contract (DESIGN §1), defined once. Setup, the sheet's validation rules,
 * the server's checks, the sidebar's fields, the summary and the digests all read these
 * definitions; tab names and header texts are what users and their formulas depend on.
 */

export const METHODS = ['Phone', 'Video', 'Home visit', 'In person', 'Text message', 'Email'] as const;
export const OUTCOMES = [
  'Conversation',
  'Left message',
  'No answer',
  'Wrong number',
  'Scheduled callback',
] as const;
export const INTERPRETERS = ['None', 'Staff interpreter', 'Interpretation service', 'Family member'] as const;
export const PREFERRED_CONTACTS = ['Phone', 'Text message', 'Email', 'App', 'In person'] as const;
export const ROLES = ['Teacher', 'Support Staff', 'Principal', 'Leader'] as const;
export const FOLLOW_UP_STATUSES = ['Open', 'In progress', 'Resolved', 'Not urgent'] as const;
/** Statuses that close a follow-up: onEdit stamps Resolved At when a person sets one. */
export const CLOSED_STATUSES: readonly string[] = ['Resolved', 'Not urgent'];
export const PRIORITIES = ['New family', 'Missed back-to-school night'] as const;

export type Role = (typeof ROLES)[number];
export type Outcome = (typeof OUTCOMES)[number];

/** The outcome that means the household was reached. */
export const REACHED_OUTCOME: Outcome = 'Conversation';

/** Long text fits well inside a cell's 50,000 characters and stays readable in a digest. */
export const LONG_TEXT_LIMIT = 5000;
/** Short text: a name, a language, a student. */
export const SHORT_TEXT_LIMIT = 200;

export type ColumnType =
  | 'text' // short literal text
  | 'longText'
  | 'date' // a calendar day
  | 'dateTime' // an instant
  | 'choice'
  | 'checkbox'
  | 'wholeNumber'
  | 'percent' // a share, 0 to 1, shown as a percentage
  | 'email'
  | 'emails' // comma-separated
  | 'settingValue'; // Settings' Value: each row's setting says what it holds (SETTING_DEFINITIONS)

export interface Column {
  /** The header text in row 1: the contract. */
  readonly header: string;
  /** What the form calls the field, when not its header. */
  readonly label?: string;
  /** The key in records and in `submitCall`'s input. */
  readonly key: string;
  readonly type: ColumnType;
  /** Filled by the add-on; people never type it. */
  readonly auto?: boolean;
  readonly required?: boolean;
  readonly choices?: readonly string[];
  /** A choice column that may be left blank. */
  readonly blankAllowed?: boolean;
  readonly maxLength?: number;
  readonly min?: number;
  /** Says what is allowed: the sheet's validation help text and the sidebar's hint. */
  readonly help: string;
  /** Column width in pixels, for readable long text. */
  readonly width?: number;
  /** Kept out of sight: the add-on's own key, nothing for people to read. */
  readonly hidden?: boolean;
}

export interface TabSchema {
  readonly name: string;
  readonly columns: readonly Column[];
  /** The add-on regenerates this tab; people do not edit it. */
  readonly generated?: boolean;
  /** Kept out of the tab bar: the add-on's own data, nothing for people to read. */
  readonly hidden?: boolean;
  /** The refresh rewrites the whole tab, header row included, so setup leaves its cells alone. */
  readonly rewritten?: boolean;
}

const col = (c: Column): Column => c;

/** The student's name: the same column on Call Log and Roster, so a call matches its roster row. */
const STUDENT = col({
  header: 'Student',
  key: 'student',
  type: 'text',
  required: true,
  maxLength: SHORT_TEXT_LIMIT,
  help: "The student's name.",
  width: 160,
});

export const CALL_LOG: TabSchema = {
  name: 'Call Log',
  columns: [
    col({
      header: 'Call ID',
      key: 'callId',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on.',
      width: 110,
    }),
    col({
      header: 'Logged At',
      key: 'loggedAt',
      type: 'dateTime',
      auto: true,
      help: 'Filled in by the add-on.',
      width: 140,
    }),
    col({
      header: 'Staff Email',
      key: 'staffEmail',
      type: 'email',
      auto: true,
      help: 'Filled in by the add-on from the signed-in user.',
      width: 200,
    }),
    col({
      header: 'Staff Name',
      key: 'staffName',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on from Staff.',
      width: 140,
    }),
    col({
      header: 'School',
      key: 'school',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on from Staff.',
      width: 140,
    }),
    col({
      header: 'Call Date',
      key: 'callDate',
      type: 'date',
      required: true,
      help: 'The day of the call: not in the future, not before the Calls Start Date in Settings.',
      width: 100,
    }),
    STUDENT,
    col({
      header: 'Student ID',
      key: 'studentId',
      type: 'text',
      maxLength: 50,
      help: 'Optional; from Roster when picked there.',
      width: 100,
    }),
    col({
      header: 'Family Member',
      key: 'familyMember',
      type: 'text',
      maxLength: SHORT_TEXT_LIMIT,
      help: 'Name and relation, e.g. "Ana Ruiz (grandmother)". Required for a Conversation.',
      width: 180,
    }),
    col({
      header: 'Method',
      key: 'method',
      type: 'choice',
      required: true,
      choices: METHODS,
      help: `One of: ${METHODS.join(', ')}.`,
      width: 110,
    }),
    col({
      header: 'Outcome',
      key: 'outcome',
      type: 'choice',
      required: true,
      choices: OUTCOMES,
      help: `One of: ${OUTCOMES.join(', ')}.`,
      width: 140,
    }),
    col({
      header: 'Language',
      key: 'language',
      type: 'text',
      maxLength: 60,
      help: 'The language the conversation was held in (default English).',
      width: 100,
    }),
    col({
      header: 'Interpreter',
      key: 'interpreter',
      type: 'choice',
      choices: INTERPRETERS,
      blankAllowed: true,
      help: `One of: ${INTERPRETERS.join(', ')}.`,
      width: 150,
    }),
    col({
      header: 'Preferred Contact',
      key: 'preferredContact',
      type: 'choice',
      choices: PREFERRED_CONTACTS,
      blankAllowed: true,
      help: `Blank or one of: ${PREFERRED_CONTACTS.join(', ')}.`,
      width: 130,
    }),
    col({
      header: 'Family Strengths',
      key: 'familyStrengths',
      type: 'longText',
      maxLength: LONG_TEXT_LIMIT,
      help: `What the family sees as its assets, interests, talents (at most ${LONG_TEXT_LIMIT.toLocaleString('en-US')} characters).`,
      width: 280,
    }),
    col({
      header: 'Hopes & Dreams',
      key: 'hopesAndDreams',
      type: 'longText',
      maxLength: LONG_TEXT_LIMIT,
      help: `The family's hopes for the child this year (at most ${LONG_TEXT_LIMIT.toLocaleString('en-US')} characters).`,
      width: 280,
    }),
    col({
      header: 'OK to Quote',
      key: 'okToQuote',
      type: 'checkbox',
      label: 'OK to quote (no names)',
      help: "Tick when the family agreed that a line of what they said may be quoted in the principal's weekly digest, with names, numbers and private matters taken out (off by default).",
      width: 80,
    }),
    col({
      header: 'Notes',
      key: 'notes',
      type: 'longText',
      maxLength: LONG_TEXT_LIMIT,
      help: `Anything else (at most ${LONG_TEXT_LIMIT.toLocaleString('en-US')} characters).`,
      width: 280,
    }),
    col({
      header: 'Follow-up Needed',
      key: 'followUpNeeded',
      type: 'checkbox',
      help: 'Tick when the family needs a follow-up.',
      width: 90,
    }),
    col({
      header: 'Urgent',
      key: 'urgent',
      type: 'checkbox',
      help: 'Tick when something needs immediate attention; set automatically when the notes match an urgent phrase.',
      width: 70,
    }),
    col({
      header: 'Urgent Reason',
      key: 'urgentReason',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on.',
      width: 180,
    }),
    col({
      header: 'Entry',
      key: 'entry',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on: Form (logged with the form), Typed (typed or pasted on the sheet), or Edited in form (fixed by its caller from the form).',
      width: 90,
    }),
    col({
      header: 'Withdrawn',
      key: 'withdrawn',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on when a call logged by mistake is withdrawn from the form ("Withdrawn by … on …"): the row stays, struck through, and counts nowhere.',
      width: 180,
    }),
    col({
      header: 'Signature',
      key: 'signature',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on: proves the row came from the form and that its counted columns (and OK to Quote, Withdrawn) are as logged. Check call log lists rows whose signature does not match.',
      width: 60,
    }),
  ],
};

/** Call Log columns added after trackers were in use: reads do without them until setup adds them. */
export const CALL_LOG_LATER_COLUMNS: readonly string[] = ['signature', 'entry', 'okToQuote', 'withdrawn'];

export const STAFF: TabSchema = {
  name: 'Staff',
  columns: [
    col({
      header: 'Email',
      key: 'email',
      type: 'email',
      required: true,
      help: "The staff member's Google account email.",
      width: 220,
    }),
    col({
      header: 'Name',
      key: 'name',
      type: 'text',
      required: true,
      maxLength: SHORT_TEXT_LIMIT,
      help: 'The name families and colleagues know.',
      width: 160,
    }),
    col({
      header: 'School',
      key: 'school',
      type: 'text',
      required: true,
      maxLength: SHORT_TEXT_LIMIT,
      help: 'A school from the Schools tab.',
      width: 160,
    }),
    col({
      header: 'Role',
      key: 'role',
      type: 'choice',
      required: true,
      choices: ROLES,
      help: `One of: ${ROLES.join(', ')}.`,
      width: 110,
    }),
    col({
      header: 'Call Goal',
      key: 'callGoal',
      type: 'wholeNumber',
      min: 0,
      help: 'A whole number of families to reach (blank = no goal).',
      width: 90,
    }),
  ],
};

export const SCHOOLS: TabSchema = {
  name: 'Schools',
  columns: [
    col({
      header: 'School',
      key: 'school',
      type: 'text',
      required: true,
      maxLength: SHORT_TEXT_LIMIT,
      help: "The school's name, as used on Staff and Roster.",
      width: 180,
    }),
    col({
      header: 'Principal Emails',
      key: 'principalEmails',
      type: 'emails',
      help: 'Comma-separated; they receive the weekly digest.',
      width: 260,
    }),
    col({
      header: 'Follow-up Emails',
      key: 'followUpEmails',
      type: 'emails',
      help: 'Comma-separated; they receive urgent alerts.',
      width: 260,
    }),
    col({
      header: 'Goal Deadline',
      key: 'goalDeadline',
      type: 'date',
      help: "Overrides Settings' Goal Deadline for this school (blank = the default).",
      width: 110,
    }),
  ],
};

export const ROSTER: TabSchema = {
  name: 'Roster',
  columns: [
    col({
      header: 'Student ID',
      key: 'studentId',
      type: 'text',
      maxLength: 50,
      help: 'The student ID, kept as text (leading zeros stay).',
      width: 100,
    }),
    STUDENT,
    col({
      header: 'Grade',
      key: 'grade',
      type: 'text',
      maxLength: 20,
      help: 'Grade, e.g. K, 3, 10.',
      width: 60,
    }),
    col({
      header: 'School',
      key: 'school',
      type: 'text',
      required: true,
      maxLength: SHORT_TEXT_LIMIT,
      help: 'A school from the Schools tab.',
      width: 160,
    }),
    col({
      header: 'Family Member',
      key: 'familyMember',
      type: 'text',
      maxLength: SHORT_TEXT_LIMIT,
      help: 'Name and relation of the main contact.',
      width: 180,
    }),
    col({ header: 'Phone', key: 'phone', type: 'text', maxLength: 40, help: 'Kept as text.', width: 120 }),
    col({
      header: 'Email',
      key: 'email',
      type: 'text',
      maxLength: SHORT_TEXT_LIMIT,
      help: "The family's email.",
      width: 180,
    }),
    col({
      header: 'Home Language',
      key: 'homeLanguage',
      type: 'text',
      maxLength: 60,
      help: 'The language spoken at home.',
      width: 110,
    }),
    col({
      header: 'Assigned To',
      key: 'assignedTo',
      type: 'email',
      help: 'The staff email who calls this family.',
      width: 200,
    }),
    col({
      header: 'Priority',
      key: 'priority',
      type: 'text',
      maxLength: SHORT_TEXT_LIMIT,
      help: `Blank, ${PRIORITIES.join(', ')}, or your own words.`,
      width: 160,
    }),
  ],
};

export const SETTINGS_TAB: TabSchema = {
  name: 'Settings',
  columns: [
    col({
      header: 'Setting',
      key: 'setting',
      type: 'text',
      required: true,
      help: 'The setting (do not rename).',
      width: 200,
    }),
    col({
      header: 'Value',
      key: 'value',
      type: 'settingValue',
      help: "The setting's value: a date, a choice, a whole number or text, as its note says.",
      width: 320,
    }),
  ],
};

export const SUMMARY_STAFF_HEADERS = [
  'School',
  'Staff',
  'Email',
  'Goal',
  'Families Reached',
  'Attempts',
  'This Week',
  '% of Goal',
  'Status',
  'Last Call',
  'Open Follow-ups',
  'Overdue Follow-ups',
  'Typed or Changed by Hand',
] as const;

export const SUMMARY_SCHOOL_HEADERS = [
  'School',
  'Staff With Goals',
  'Met Goal',
  'Exceeded Goal',
  '% Met',
  'District % Met',
  '% Exceeded Goal',
  'Families Reached',
  'Roster Families',
  '% Roster Reached',
  'Open Follow-ups',
  'Overdue Follow-ups',
] as const;

export const PROGRESS_STATUSES = ['Not started', 'Behind', 'On pace', 'Met goal', 'Exceeded goal'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const SUMMARY: TabSchema = { name: 'Summary', columns: [], generated: true, rewritten: true };

export const FAMILY_STATUSES = ['Not yet called', 'Trying', 'Hand-off', 'Reached'] as const;
export type FamilyStatus = (typeof FAMILY_STATUSES)[number];

/** One row per Roster household, written whole by the refresh: the list of families still waiting. */
export const FAMILIES: TabSchema = {
  name: 'Families',
  generated: true,
  rewritten: true,
  columns: [
    col({ header: 'School', key: 'school', type: 'text', auto: true, help: 'From Roster.', width: 150 }),
    col({
      header: 'Students',
      key: 'students',
      type: 'text',
      auto: true,
      help: "The household's students on Roster (siblings together).",
      width: 200,
    }),
    col({
      header: 'Family Member',
      key: 'familyMember',
      type: 'text',
      auto: true,
      help: 'From Roster.',
      width: 180,
    }),
    col({ header: 'Phone', key: 'phone', type: 'text', auto: true, help: 'From Roster.', width: 120 }),
    col({
      header: 'Home Language',
      key: 'homeLanguage',
      type: 'text',
      auto: true,
      help: 'From Roster.',
      width: 110,
    }),
    col({ header: 'Priority', key: 'priority', type: 'text', auto: true, help: 'From Roster.', width: 150 }),
    col({
      header: 'Assigned To',
      key: 'assignedTo',
      type: 'text',
      auto: true,
      help: 'Who calls the family (the Staff name when the email is on Staff).',
      width: 160,
    }),
    col({
      header: 'Attempts',
      key: 'attempts',
      type: 'wholeNumber',
      auto: true,
      help: 'Calls logged to the household from the Calls Start Date to today.',
      width: 80,
    }),
    col({
      header: 'Last Attempt',
      key: 'lastAttempt',
      type: 'date',
      auto: true,
      help: 'The Call Date of the latest of those calls.',
      width: 100,
    }),
    col({
      header: 'Reached By',
      key: 'reachedBy',
      type: 'text',
      auto: true,
      help: 'Who had the first conversation with the family.',
      width: 140,
    }),
    col({
      header: 'Reached On',
      key: 'reachedOn',
      type: 'date',
      auto: true,
      help: 'The day of that first conversation.',
      width: 100,
    }),
    col({
      header: 'Status',
      key: 'status',
      type: 'choice',
      auto: true,
      choices: FAMILY_STATUSES,
      help: `Not yet called: no call logged. Trying: called, not reached yet. Hand-off: not reached after Settings' Attempts Before Hand-off. Reached: a conversation was logged.`,
      width: 110,
    }),
    col({
      header: 'Household',
      key: 'household',
      type: 'text',
      auto: true,
      hidden: true,
      help: "The add-on's key for the household: the refresh finds the family's row by it, wherever a sort moved it.",
      width: 80,
    }),
  ],
};

export const FOLLOW_UPS: TabSchema = {
  name: 'Follow-ups',
  columns: [
    col({
      header: 'Call ID',
      key: 'callId',
      type: 'text',
      auto: true,
      help: 'The call that raised this follow-up.',
      width: 110,
    }),
    col({
      header: 'Flagged At',
      key: 'flaggedAt',
      type: 'dateTime',
      auto: true,
      help: 'Filled in by the add-on.',
      width: 140,
    }),
    col({
      header: 'School',
      key: 'school',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on.',
      width: 140,
    }),
    col({ header: 'Staff', key: 'staff', type: 'text', auto: true, help: 'Who made the call.', width: 140 }),
    col({ header: 'Student', key: 'student', type: 'text', auto: true, help: 'The student.', width: 160 }),
    col({
      header: 'Reason',
      key: 'reason',
      type: 'text',
      auto: true,
      help: 'Why it was flagged.',
      width: 220,
    }),
    col({
      header: 'Assigned To',
      key: 'assignedTo',
      type: 'emails',
      help: "The school's follow-up contacts.",
      width: 220,
    }),
    col({
      header: 'Status',
      key: 'status',
      type: 'choice',
      choices: FOLLOW_UP_STATUSES,
      help: `One of: ${FOLLOW_UP_STATUSES.join(', ')}.`,
      width: 100,
    }),
    col({
      header: 'Resolution',
      key: 'resolution',
      type: 'longText',
      maxLength: LONG_TEXT_LIMIT,
      help: 'What was done.',
      width: 260,
    }),
    col({
      header: 'Resolved At',
      key: 'resolvedAt',
      type: 'date',
      help: 'The day it was resolved; stamped when Status is set to Resolved or Not urgent.',
      width: 110,
    }),
    col({
      header: 'Alert',
      key: 'alert',
      type: 'text',
      auto: true,
      help: 'Whether the alert email was sent (when, to whom), is pending (why), failed, or is off.',
      width: 240,
    }),
    col({
      header: 'Staff Email',
      key: 'staffEmail',
      type: 'text',
      auto: true,
      help: 'Who made the call.',
      width: 200,
    }),
    col({
      header: 'Family Member',
      key: 'familyMember',
      type: 'text',
      auto: true,
      help: 'From the call, else the Roster.',
      width: 180,
    }),
    col({ header: 'Phone', key: 'phone', type: 'text', auto: true, help: 'From the Roster.', width: 120 }),
    col({
      header: 'Family Email',
      key: 'familyEmail',
      type: 'text',
      auto: true,
      help: 'From the Roster.',
      width: 180,
    }),
    col({
      header: 'Call Date',
      key: 'callDate',
      type: 'date',
      auto: true,
      help: 'The day of the call.',
      width: 100,
    }),
    col({
      header: 'Call Log Row',
      key: 'callLink',
      type: 'text',
      auto: true,
      help: 'A link to the call on the Call Log.',
      width: 200,
    }),
    col({
      header: 'Days Open',
      key: 'daysOpen',
      type: 'wholeNumber',
      auto: true,
      help: 'Days since it was flagged (until it was closed); updated with the Summary.',
      width: 80,
    }),
    col({
      header: 'Signature',
      key: 'signature',
      type: 'text',
      auto: true,
      help: 'Filled in by the add-on: proves the add-on wrote the row. A row without a matching signature sends nothing; Check call log lists it.',
      width: 60,
    }),
  ],
};

/** Which phrases in a note raise an urgent follow-up, and who is told. */
export const ALERT_ROUTES: TabSchema = {
  name: 'Alert Routes',
  columns: [
    col({
      header: 'Category',
      key: 'category',
      type: 'text',
      required: true,
      maxLength: SHORT_TEXT_LIMIT,
      help: 'A name for the kind of concern, e.g. Housing. It starts the Reason on Follow-ups.',
      width: 140,
    }),
    col({
      header: 'Phrases',
      key: 'phrases',
      type: 'longText',
      maxLength: LONG_TEXT_LIMIT,
      help: 'One per line. Whole words, any case, accents ignored; not right after "no", "not", "never", "sin"… unless the phrase starts with one.',
      width: 320,
    }),
    col({
      header: 'Notify',
      key: 'notify',
      type: 'text',
      help: "Emails, and the words Principal and Follow-up (the call's school's Principal Emails and Follow-up Emails on Schools). One per line or comma-separated.",
      width: 260,
    }),
  ],
};

export const DIGEST_LOG: TabSchema = {
  name: 'Digest Log',
  generated: true,
  columns: [
    col({
      header: 'Sent At',
      key: 'sentAt',
      type: 'dateTime',
      auto: true,
      help: 'Filled in by the add-on.',
      width: 140,
    }),
    col({
      header: 'Week Of',
      key: 'weekOf',
      type: 'date',
      auto: true,
      help: 'The first day (by Week Starts in Settings) of the week in which it was sent.',
      width: 100,
    }),
    col({
      header: 'Scope',
      key: 'scope',
      type: 'text',
      auto: true,
      help: 'A school, or District.',
      width: 160,
    }),
    col({
      header: 'Recipients',
      key: 'recipients',
      type: 'emails',
      auto: true,
      help: 'Who it went to.',
      width: 260,
    }),
    col({
      header: 'Status',
      key: 'status',
      type: 'text',
      auto: true,
      help: 'Sent, Failed or Pending (waiting for email quota).',
      width: 90,
    }),
    col({
      header: 'Trigger',
      key: 'trigger',
      type: 'text',
      auto: true,
      help: 'menu (Send digests now) or weekly (the schedule).',
      width: 90,
    }),
    col({ header: 'Detail', key: 'detail', type: 'text', auto: true, help: 'What happened.', width: 260 }),
  ],
};

/**
 * What the refresh keeps of each school between executions (its students, staff, calls and
 * follow-ups, compactly), the district's part and the journal of changes since the last full
 * rebuild, in parts of a few cells: a teacher's sidebar and submit read their school's parts here
 * instead of the district's whole Call Log. Hidden; every part is signed with the tracker's key,
 * and a part that does not match its signature is not used.
 */
export const SIDEBAR_DATA: TabSchema = {
  name: 'Sidebar Data',
  generated: true,
  rewritten: true,
  hidden: true,
  columns: [
    col({
      header: 'Key',
      key: 'key',
      type: 'text',
      auto: true,
      help: 'What the part belongs to: a school, the district, or the journal of changes.',
    }),
    col({ header: 'Part', key: 'part', type: 'wholeNumber', auto: true, help: 'Filled in by the add-on.' }),
    col({ header: 'Data', key: 'data', type: 'text', auto: true, help: 'Filled in by the add-on.' }),
    col({
      header: 'Signature',
      key: 'signature',
      type: 'text',
      auto: true,
      help: "The part's HMAC under the tracker's key: a part typed over by hand is not used.",
    }),
  ],
};

const count = (header: string, key: string, help: string): Column =>
  col({ header, key, type: 'wholeNumber', auto: true, help, width: 90 });
const share = (header: string, key: string, help: string): Column =>
  col({ header, key, type: 'percent', auto: true, help, width: 80 });

/** A school's numbers as its tracker publishes them for a district tracker, and as the district shows them. */
const SCHOOL_NUMBERS: readonly Column[] = [
  count('Staff With Goals', 'staffWithGoals', 'Staff with a Call Goal on Staff.'),
  count('Met Goal', 'metGoal', 'Of them, those who met (or exceeded) their goal.'),
  count('Exceeded Goal', 'exceededGoal', 'Of them, those who exceeded it.'),
  share('% Met', 'percentMet', 'Met Goal of Staff With Goals (blank when nobody has a goal).'),
  share('% Exceeded Goal', 'percentExceeded', 'Exceeded Goal of Staff With Goals.'),
  count('Families Reached', 'familiesReached', 'Households with a conversation, on the Roster or not.'),
  count('Roster Families', 'rosterFamilies', "Households on the school's Roster."),
];
const WEEK_AND_FOLLOW_UPS: readonly Column[] = [
  count('Calls This Week', 'callsThisWeek', "Calls dated this week (Settings' Week Starts)."),
  count('Calls Last Week', 'callsLastWeek', 'Calls dated the week before.'),
  count('Open Urgent Follow-ups', 'openUrgent', 'Urgent follow-ups still open.'),
  count(
    'Overdue Urgent Follow-ups',
    'overdueUrgent',
    "Of them, open longer than Settings' Follow-up Due Days.",
  ),
  count(
    'Families Waiting',
    'familiesWaiting',
    "Families on Follow-ups still unreached after Settings' Attempts Before Hand-off.",
  ),
];

/**
 * What a school tracker publishes for its district tracker, one row per school, numbers only
 * (never a student, a family or a note). Written by the refresh of a Leader's run (the upkeep
 * trigger); protected, so only the owner and the Leaders change it. The district tracker writes
 * its own columns (the district's % met) so that the Summary can show it beside the school's.
 */
export const ROLLUP: TabSchema = {
  name: 'Rollup',
  generated: true,
  rewritten: true,
  columns: [
    col({ header: 'School', key: 'school', type: 'text', auto: true, help: 'From Schools.', width: 160 }),
    ...SCHOOL_NUMBERS,
    count('Roster Families Reached', 'rosterFamiliesReached', 'Of them, those reached by anyone.'),
    ...WEEK_AND_FOLLOW_UPS,
    col({
      header: 'Refreshed At',
      key: 'refreshedAt',
      type: 'dateTime',
      auto: true,
      help: 'When the refresh wrote these numbers.',
      width: 140,
    }),
    col({
      header: 'District Tracker',
      key: 'districtTracker',
      type: 'text',
      auto: true,
      help: 'Written by the district tracker that read this tab: its link.',
      width: 200,
    }),
    share('District % Met', 'districtPercentMet', "Written by the district tracker: the district's % Met."),
    col({
      header: 'District Refreshed At',
      key: 'districtRefreshedAt',
      type: 'dateTime',
      auto: true,
      help: 'When the district tracker last read this tab.',
      width: 140,
    }),
  ],
};

/** The Rollup columns the district tracker writes; the school's refresh writes the others. */
export const ROLLUP_DISTRICT_KEYS: readonly string[] = [
  'districtTracker',
  'districtPercentMet',
  'districtRefreshedAt',
];

/** Every tab, in the order setup creates them. */
export const TABS: readonly TabSchema[] = [
  CALL_LOG,
  STAFF,
  SCHOOLS,
  ROSTER,
  SETTINGS_TAB,
  SUMMARY,
  FAMILIES,
  FOLLOW_UPS,
  DIGEST_LOG,
  ALERT_ROUTES,
  ROLLUP,
  SIDEBAR_DATA,
];

/** A district tracker's list of school trackers: a leader pastes each one's link. */
export const TRACKERS: TabSchema = {
  name: 'Trackers',
  columns: [
    col({
      header: 'Tracker',
      key: 'tracker',
      type: 'text',
      required: true,
      help: "A school tracker's link (its address in the browser, https://docs.google.com/spreadsheets/d/…).",
      width: 360,
    }),
    col({
      header: 'Schools',
      key: 'schools',
      type: 'text',
      auto: true,
      help: 'Filled in by the refresh: the schools it publishes.',
      width: 200,
    }),
    col({
      header: 'Status',
      key: 'status',
      type: 'text',
      auto: true,
      help: 'Filled in by the refresh: read, or what stopped it and what to do.',
      width: 420,
    }),
    col({
      header: 'Checked At',
      key: 'checkedAt',
      type: 'dateTime',
      auto: true,
      help: 'When the refresh last tried it.',
      width: 140,
    }),
  ],
};

/** A district tracker's table: one row per school, then the district total. */
export const DISTRICT: TabSchema = {
  name: 'District',
  generated: true,
  rewritten: true,
  columns: [
    col({
      header: 'School',
      key: 'school',
      type: 'text',
      auto: true,
      help: "From the school's tracker.",
      width: 180,
    }),
    ...SCHOOL_NUMBERS,
    share('% Roster Reached', 'percentRosterReached', 'Roster families reached, of Roster Families.'),
    ...WEEK_AND_FOLLOW_UPS,
    col({
      header: 'Last Refreshed',
      key: 'lastRefreshed',
      type: 'dateTime',
      auto: true,
      help: "When the school's tracker last refreshed its numbers.",
      width: 140,
    }),
    col({
      header: 'Status',
      key: 'status',
      type: 'text',
      auto: true,
      help: 'Blank when the numbers are current; else why they are old or missing, and what to do.',
      width: 360,
    }),
    col({
      header: 'Tracker',
      key: 'tracker',
      type: 'text',
      auto: true,
      help: "The school tracker's link.",
      width: 200,
    }),
  ],
};

/** The name of the District tab's last row. */
export const DISTRICT_TOTAL = 'District total';

/** A district tracker's tabs, in the order Set up district rollup creates them. */
export const DISTRICT_TABS: readonly TabSchema[] = [TRACKERS, DISTRICT, STAFF, SETTINGS_TAB];

export function columnByKey(tab: TabSchema, key: string): Column {
  const found = tab.columns.find((c) => c.key === key);
  if (!found) throw new Error(`${tab.name} has no column with key ${key}`);
  return found;
}

/** The Call Log columns a caller fills in: the sidebar's fields and `submitCall`'s input keys. */
export const CALL_INPUT_COLUMNS: readonly Column[] = CALL_LOG.columns.filter((c) => !c.auto);
