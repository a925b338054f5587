/**
 * A fictional sample district for the preview and the browser tests: two schools, their staff
 * with goals, a roster with siblings, and a few weeks of calls. Deterministic for a given day
 * (a seeded PRNG; dates are relative to today). Every name, email and phone number is made up.
 *
 * The tracker's tabs come from the real bundle (`setUpTracker`); this file only fills them in,
 * the way people would type or paste rows, by header text read from row 1.
 */
import type { Emulator } from '../emulator';
import { prng } from '../prng';
import { callFactsOf, callSigner, followUpSigner } from '../../src/core/signature';
import { CALL_LOG, columnByKey } from '../../src/core/schema';
import { stamp } from '../../src/core/dates';

export const TIME_ZONE = 'America/Chicago';
export const DOMAIN = 'district.example.org';
export const OWNER = `leader@${DOMAIN}`;
export const SCHOOLS = ['Maple Elementary', 'Riverside Middle'] as const;
/** A school with a tracker of its own, which the sample district tracker lists. */
export const SECOND_SCHOOL = 'Cedar Elementary';

/** A Roster family member name that is HTML: the page and the add-on must show it as text. */
export const HOSTILE_FAMILY_MEMBER = '<b>Ana</b> "Ruiz"';
/** A note that is HTML with a script handler, in one call. */
export const HOSTILE_NOTE = '<img src=x onerror=alert(1)> Asked whether the bus stop moved.';

export type StaffRole = 'Teacher' | 'Support Staff' | 'Principal' | 'Leader';

export interface SeedUser {
  email: string;
  name: string;
  role: StaffRole;
  school: string;
}

export interface SeedResult {
  owner: string;
  users: SeedUser[];
}

type Cell = string | number | boolean | Date;

class Dice {
  constructor(private readonly next: () => number) {}
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

const FIRST_NAMES = [
  'Amara',
  'Bao',
  'Camila',
  'Darius',
  'Elif',
  'Farah',
  'Gabriel',
  'Hana',
  'Ibrahim',
  'Jasmine',
  'Kofi',
  'Leila',
  'Mateo',
  'Nadia',
  'Omar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tuyet',
  'Umar',
  'Valentina',
  'Wei',
  'Ximena',
  'Yusuf',
  'Zara',
  'Aiyana',
  'Bilal',
  'Chloe',
  'Dmitri',
  'Esperanza',
  'Fatima',
  'Grace',
  'Hamza',
  'Isabela',
  'Jamal',
  'Keanu',
  'Lucia',
  'Malik',
  'Noor',
  'Oluwaseun',
  'Paolo',
  'Rahel',
  'Sofia',
  'Thiago',
  'Ayasha',
  'Mei',
  'Khadija',
  'Diego',
  'Naomi',
  'Hieu',
  'Ife',
  'Yasmin',
  'Elijah',
  'Marisol',
  'Tenzin',
  'Aaliyah',
  'Nico',
];
const LAST_NAMES = [
  'Abdi',
  'Begay',
  'Castillo',
  'Diallo',
  'Eriksen',
  'Fofana',
  'Garcia',
  'Haddad',
  'Ito',
  'Johnson',
  'Kaur',
  'Lopez',
  'Mensah',
  'Nguyen',
  'Okafor',
  'Patel',
  'Quispe',
  'Rahman',
  'Said',
  'Tran',
  'Usman',
  'Vang',
  'Washington',
  'Xiong',
  'Yilmaz',
  'Zhang',
  'Ahmed',
  'Bui',
  'Cruz',
  'Dang',
  'Espinoza',
  'Farah',
  'Gonzalez',
  'Hassan',
  'Islam',
  'Jimenez',
  'Kim',
  'Lor',
  'Mohamed',
  'Nwosu',
  'Osei',
  'Pham',
  'Reyes',
  'Silva',
  'Tesfaye',
  'Warsame',
  'Yang',
  'Moreno',
];
const RELATIONS = [
  'mother',
  'father',
  'grandmother',
  'grandfather',
  'aunt',
  'uncle',
  'guardian',
  'foster parent',
  'older sister',
];
const LANGUAGES: ReadonlyArray<readonly [string, number]> = [
  ['English', 55],
  ['Spanish', 18],
  ['Vietnamese', 5],
  ['Somali', 5],
  ['Hmong', 4],
  ['Arabic', 4],
  ['Haitian Creole', 3],
  ['Mandarin', 2],
  ['Karen', 2],
  ['Amharic', 2],
];
const METHODS = ['Phone', 'Video', 'Home visit', 'In person', 'Text message', 'Email'] as const;
const NOT_REACHED = ['Left message', 'No answer', 'Wrong number', 'Scheduled callback'] as const;
const INTERPRETERS = ['Staff interpreter', 'Interpretation service', 'Family member'] as const;
const PREFERRED = ['', 'Phone', 'Text message', 'Email', 'App', 'In person'] as const;
const STRENGTHS = [
  'Big family that cooks together every Sunday; the kids help in the kitchen.',
  'Loves drawing and builds elaborate LEGO cities with a younger brother.',
  'Grandmother tells stories from home every night; the family is proud of its language.',
  'Very involved in their church choir; both parents sing.',
  'The family runs a small food truck and the student helps count change.',
  'Plays soccer in the park league; dad coaches on weekends.',
  'Strong bond with cousins who live nearby; they do homework together.',
  'Reads to her little sister every night.',
  'Fixes bikes for the neighbors with his uncle.',
  'Family gardens together and shares vegetables with neighbors.',
  'Curious about space; watches every launch with mom.',
  'Speaks three languages and translates for grandparents.',
];
const HOPES = [
  'Wants her to make friends quickly at the new school.',
  'Hopes he gains confidence reading aloud.',
  'Wants the student to join band this year.',
  'Hopes she keeps loving math the way she did last year.',
  'Wants him to feel safe and known by at least one adult at school.',
  'Hopes for more time outside and hands-on science.',
  'Wants the family to be more connected with the school community.',
  'Hopes the student becomes a stronger writer.',
  'Wants her to try out for the school play.',
  'Hopes he learns to ask for help when he needs it.',
];
const NOTES = [
  'Best time to call is after 6 pm.',
  'Mom works nights; text first.',
  'Asked about the after-school program schedule.',
  'Interested in volunteering for the fall festival.',
  'Grandfather prefers calls in the morning.',
  'Family just moved from out of state.',
  '',
  '',
  '',
];
const URGENT_NOTES: ReadonlyArray<readonly [string, string]> = [
  ['Family received an eviction notice and may need to move next week.', 'Housing: "eviction"'],
  [
    'Mom said the bus never came twice this week and she had to miss work.',
    'Transportation: "bus never came"',
  ],
  ['Student told dad he is being bullied at recess.', 'Bullying: "bullied"'],
  ['Family is staying in a shelter since the apartment fire.', 'Housing: "in a shelter"'],
  ['Aunt mentioned there has been no food at home some weekends.', 'Food: "no food"'],
];

function weighted(dice: Dice, items: ReadonlyArray<readonly [string, number]>): string {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let roll = dice.float() * total;
  for (const [item, w] of items) {
    roll -= w;
    if (roll < 0) return item;
  }
  return items[items.length - 1][0];
}

/** Today's calendar day in `timeZone`. */
function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
  return parts; // en-CA formats as YYYY-MM-DD
}

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The instant `hour`:`minute` on `day` in `timeZone` (good to a minute across DST changes). */
function instantAt(day: string, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.parse(`${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
  const offset = (ms: number): number => {
    const p = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(ms));
    const get = (type: string): number => Number(p.find((x) => x.type === type)?.value);
    return (
      Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms
    );
  };
  const first = guess - offset(guess);
  return new Date(guess - offset(first));
}

interface Student {
  id: string;
  name: string;
  grade: string;
  school: string;
  household: number;
}

interface Household {
  id: number;
  school: string;
  familyMember: string;
  phone: string;
  email: string;
  language: string;
  assignedTo: string;
  priority: string;
  students: Student[];
}

/** Writes `records` under row 1 of `sheetName`, each field under the header of the same text. */
function writeRows(
  emu: Emulator,
  sheetName: string,
  records: ReadonlyArray<Record<string, Cell>>,
  startRow = 2,
): void {
  if (records.length === 0) return;
  const sheet = emu.spreadsheet.getSheetByName(sheetName);
  if (!sheet) throw new Error(`seed: setUpTracker made no "${sheetName}" tab`);
  const headers = sheet
    .getRange(1, 1, 1, sheet.getLastColumn())
    .getValues()[0]
    .map((h) => String(h).trim());
  for (const key of Object.keys(records[0])) {
    if (!headers.includes(key)) throw new Error(`seed: the "${sheetName}" tab has no "${key}" header`);
  }
  const rows = records.map((record) => headers.map((h) => (h in record ? record[h] : '')));
  const needed = startRow + rows.length - 1;
  if (sheet.getMaxRows() < needed) sheet.insertRowsAfter(sheet.getMaxRows(), needed - sheet.getMaxRows());
  sheet.getRange(startRow, 1, rows.length, headers.length).setValues(rows);
}

function setSetting(emu: Emulator, setting: string, value: Cell): void {
  const sheet = emu.spreadsheet.getSheetByName('Settings');
  if (!sheet) throw new Error('seed: no Settings tab');
  const values = sheet.getDataRange().getValues();
  const headers = values[0].map((h) => String(h).trim());
  const nameCol = headers.indexOf('Setting');
  const valueCol = headers.indexOf('Value');
  const row = values.findIndex((r, i) => i > 0 && String(r[nameCol]).trim() === setting);
  if (nameCol < 0 || valueCol < 0 || row < 0) throw new Error(`seed: Settings has no "${setting}" row`);
  sheet.getRange(row + 1, valueCol + 1).setValue(value);
}

export interface SeedOptions {
  schools?: readonly string[];
  /** The PRNG's seed: another one makes other people and families. */
  seed?: number;
  /** Per school. */
  households?: number;
  teachers?: number;
}

/**
 * Fills a freshly set-up tracker with the sample district (or, with `options`, other schools).
 * Runs `setUpTracker` and `refreshSummary` of the loaded bundle as the owner, so the emulator must
 * have been created with `owner: OWNER`.
 */
export function seedDistrict(emu: Emulator, now: Date = new Date(), options: SeedOptions = {}): SeedResult {
  const schools = options.schools ?? SCHOOLS;
  const householdsPerSchool = options.households ?? 150;
  const dice = new Dice(prng(options.seed ?? 20240826));
  const today = todayIn(TIME_ZONE, now);
  emu.alertResponses = ['OK']; // setUpTracker reports what it did in an alert
  emu.run('setUpTracker', [], { user: OWNER });

  // Staff: one Leader (the owner), and per school a principal, teachers and support staff.
  const usedNames = new Set<string>();
  const personName = (): string => {
    for (;;) {
      const name = `${dice.pick(FIRST_NAMES)} ${dice.pick(LAST_NAMES)}`;
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };
  const emailOf = (name: string): string => `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@${DOMAIN}`;
  const users: SeedUser[] = [
    { email: OWNER, name: 'Renée Okonkwo-Lindqvist', role: 'Leader', school: schools[0] },
  ];
  usedNames.add(users[0].name);
  const goals = new Map<string, number | ''>([[OWNER, '']]);
  for (const school of schools) {
    const principal = personName();
    users.push({ email: emailOf(principal), name: principal, role: 'Principal', school });
    goals.set(emailOf(principal), 4);
    for (let i = 0; i < (options.teachers ?? 9); i++) {
      const name = personName();
      users.push({ email: emailOf(name), name, role: 'Teacher', school });
      goals.set(emailOf(name), dice.pick([6, 8, 8, 10]));
    }
    for (let i = 0; i < 2; i++) {
      const name = personName();
      users.push({ email: emailOf(name), name, role: 'Support Staff', school });
      goals.set(emailOf(name), i === 0 ? 6 : '');
    }
  }
  writeRows(
    emu,
    'Staff',
    users.map((u) => ({
      Email: u.email,
      Name: u.name,
      School: u.school,
      Role: u.role,
      'Call Goal': goals.get(u.email) ?? '',
    })),
  );

  const slug = (school: string): string => school.split(' ')[0].toLowerCase();
  writeRows(
    emu,
    'Schools',
    schools.map((school) => ({
      School: school,
      'Principal Emails': users
        .filter((u) => u.role === 'Principal' && u.school === school)
        .map((u) => u.email)
        .join(', '),
      'Follow-up Emails': `counselor.${slug(school)}@${DOMAIN}, family.liaison@${DOMAIN}`,
      'Goal Deadline': '',
    })),
  );

  // Roster: households of one to three siblings; callers are the school's teachers and support staff.
  const households: Household[] = [];
  const students: Student[] = [];
  let studentNumber = 4100;
  for (const school of schools) {
    const callers = users.filter(
      (u) => u.school === school && (u.role === 'Teacher' || u.role === 'Support Staff'),
    );
    const grades = school.endsWith('Middle') ? ['6', '7', '8'] : ['K', '1', '2', '3', '4', '5'];
    let count = 0;
    while (count < householdsPerSchool) {
      const lastName = dice.pick(LAST_NAMES);
      const language = weighted(dice, LANGUAGES);
      const household: Household = {
        id: households.length,
        school,
        familyMember: `${dice.pick(FIRST_NAMES)} ${lastName} (${dice.pick(RELATIONS)})`,
        phone: `(555) ${dice.int(200, 989)}-${String(dice.int(0, 9999)).padStart(4, '0')}`,
        email: dice.chance(0.6)
          ? `${lastName.toLowerCase()}.family${households.length}@mail.example.com`
          : '',
        language,
        assignedTo: callers[households.length % callers.length].email,
        priority: dice.chance(0.12)
          ? dice.pick([
              'New family',
              'New family',
              'Missed back-to-school night',
              'Moved mid-year; new address',
            ])
          : '',
        students: [],
      };
      if (households.length === 7) household.familyMember = HOSTILE_FAMILY_MEMBER;
      const size = dice.chance(0.25) ? (dice.chance(0.3) ? 3 : 2) : 1;
      for (let i = 0; i < size && count < householdsPerSchool; i++, count++) {
        const student: Student = {
          id: `S${String(studentNumber++).padStart(6, '0')}`,
          name: `${dice.pick(FIRST_NAMES)} ${lastName}`,
          grade: dice.pick(grades),
          school,
          household: household.id,
        };
        household.students.push(student);
        students.push(student);
      }
      households.push(household);
    }
  }
  writeRows(
    emu,
    'Roster',
    students.map((s) => {
      const h = households[s.household];
      return {
        'Student ID': s.id,
        Student: s.name,
        Grade: s.grade,
        School: s.school,
        'Family Member': h.familyMember,
        Phone: h.phone,
        Email: h.email,
        'Home Language': h.language,
        'Assigned To': h.assignedTo,
        Priority: h.priority,
      };
    }),
  );

  // Settings: the window started eight weeks ago and ends in four.
  const callsStart = addDays(today, -56);
  setSetting(emu, 'Calls Start Date', callsStart);
  setSetting(emu, 'Goal Deadline', addDays(today, 28));

  // Calls: each caller works through some of their households; how far varies so every Status shows.
  type Row = Record<string, Cell>;
  const calls: Row[] = [];
  const followUps: Array<{ call: Row; row: Row }> = [];
  const pace = [0.2, 0.45, 0.7, 0.9, 1.1, 1.3, 0.6];
  let methodTurn = 0;
  let urgentTurn = 0;
  let hostileNoteUsed = false;
  const callers = users.filter((u) => u.role !== 'Leader');
  callers.forEach((caller, callerIndex) => {
    const share = callerIndex === 3 ? 0 : pace[callerIndex % pace.length];
    const goal = goals.get(caller.email) || 6;
    const mine = households.filter(
      (h) =>
        h.assignedTo === caller.email ||
        (caller.role === 'Principal' && h.school === caller.school && h.priority),
    );
    const toReach = Math.min(mine.length, Math.round(goal * share));
    const toTry = Math.min(mine.length, toReach + (share > 0 ? dice.int(1, 4) : 0));
    for (let k = 0; k < toTry; k++) {
      const h = mine[k];
      const reach = k < toReach;
      const attempts = reach ? dice.int(1, 3) : dice.int(1, 4);
      let day = addDays(today, -dice.int(1, 49));
      for (let a = 0; a < attempts; a++) {
        const last = a === attempts - 1;
        const outcome = reach && last ? 'Conversation' : NOT_REACHED[(k + a) % NOT_REACHED.length];
        const method = METHODS[methodTurn++ % METHODS.length];
        const student = h.students[0];
        const english = h.language === 'English';
        const conversation = outcome === 'Conversation';
        let notes = conversation ? dice.pick(NOTES) : '';
        let urgentReason = '';
        if (conversation && dice.chance(0.06)) {
          const [text, reason] = URGENT_NOTES[urgentTurn++ % URGENT_NOTES.length];
          notes = text;
          urgentReason = reason;
        } else if (conversation && !hostileNoteUsed && caller.role === 'Teacher') {
          notes = HOSTILE_NOTE;
          hostileNoteUsed = true;
        }
        const loggedAt = instantAt(day, dice.int(15, 20), dice.int(0, 59), TIME_ZONE);
        const stampAt = loggedAt.getTime() > now.getTime() ? new Date(now.getTime() - 60_000) : loggedAt;
        calls.push({
          'Call ID': '',
          'Logged At': stampAt,
          'Staff Email': caller.email,
          'Staff Name': caller.name,
          School: caller.school,
          'Call Date': day,
          Student: student.name,
          'Student ID': student.id,
          'Family Member': conversation || dice.chance(0.5) ? h.familyMember : '',
          Method: method,
          Outcome: outcome,
          Language: conversation ? h.language : english ? 'English' : h.language,
          Interpreter: english ? 'None' : dice.pick(INTERPRETERS),
          'Preferred Contact': conversation ? dice.pick(PREFERRED) : '',
          'Family Strengths': conversation ? dice.pick(STRENGTHS) : '',
          'Hopes & Dreams': conversation ? dice.pick(HOPES) : '',
          Notes: notes,
          'Follow-up Needed': urgentReason !== '' || (conversation && dice.chance(0.1)),
          Urgent: urgentReason !== '',
          'Urgent Reason': urgentReason,
        });
        if (urgentReason) {
          const resolved = dice.chance(0.4);
          followUps.push({
            call: calls[calls.length - 1],
            row: {
              'Flagged At': stampAt,
              School: caller.school,
              Staff: caller.name,
              'Staff Email': caller.email,
              Student: student.name,
              Reason: urgentReason,
              'Assigned To': `counselor.${slug(caller.school)}@${DOMAIN}, family.liaison@${DOMAIN}`,
              Status: resolved ? 'Resolved' : dice.pick(['Open', 'In progress']),
              Resolution: resolved
                ? 'Counselor called the family; connected them with community resources.'
                : '',
              'Resolved At': resolved ? addDays(day, dice.int(1, 3)) : '',
            },
          });
        }
        const next = addDays(day, dice.int(1, 6));
        if (next > today) break;
        day = next;
      }
    }
  });
  calls.sort((a, b) => (a['Logged At'] as Date).getTime() - (b['Logged At'] as Date).getTime());
  calls.forEach((c, i) => (c['Call ID'] = `C-SEED${String(i + 1).padStart(4, '0')}`));
  // Signed as the form signs what it writes, so Check call log finds every seeded row in order.
  const sign = callSigner(emu.toJSON().documentProperties['signature.key'], TIME_ZONE);
  for (const c of calls) {
    c.Entry = 'Form';
    c.Signature = sign(callFactsOf((key) => c[columnByKey(CALL_LOG, key).header] ?? ''));
  }
  writeRows(emu, 'Call Log', calls);
  // As the add-on wrote them: signed with the call they stand for, known to its ledger, their alerts sent.
  const signFollowUp = followUpSigner(emu.toJSON().documentProperties['signature.key']);
  writeRows(
    emu,
    'Follow-ups',
    followUps.map((f) => {
      const callId = String(f.call['Call ID']);
      const closed = f.row.Status === 'Resolved';
      emu.documentProperties.set(`f.${callId}`, closed ? 'Us' : 'us');
      return {
        'Call ID': callId,
        ...f.row,
        Alert: `Sent ${stamp(f.row['Flagged At'] as Date, TIME_ZONE)} to ${String(f.row['Assigned To'])}`,
        Signature: signFollowUp({ id: callId, callId, school: String(f.row.School), kind: 'urgent' }),
      };
    }),
  );

  // A new spreadsheet's empty "Sheet1" (setup never deletes a tab): tidied away as its owner would.
  const blank = emu.spreadsheet.getSheetByName('Sheet1');
  if (blank && blank.getLastRow() === 0 && emu.spreadsheet.getSheets().length > 1)
    emu.spreadsheet.deleteSheet(blank);

  // Staff is filled in now: setup again, as a leader would, gives its Leaders and Principals their protections.
  emu.run('setUpTracker', [], { user: OWNER });
  emu.run('refreshSummary', [], { user: OWNER });
  return { owner: OWNER, users };
}

/**
 * Makes a new spreadsheet the sample district tracker: `Set up district rollup` of the loaded
 * district bundle as the owner, the owner as its Leader, `links` on Trackers, then a refresh.
 */
export function seedDistrictRollup(emu: Emulator, links: readonly string[]): void {
  emu.alertResponses = ['OK'];
  emu.run('setUpDistrictRollup', [], { user: OWNER });
  writeRows(emu, 'Staff', [
    {
      Email: OWNER,
      Name: 'Renée Okonkwo-Lindqvist',
      School: 'District Office',
      Role: 'Leader',
      'Call Goal': '',
    },
  ]);
  writeRows(
    emu,
    'Trackers',
    links.map((Tracker) => ({ Tracker })),
  );
  const blank = emu.spreadsheet.getSheetByName('Sheet1');
  if (blank && blank.getLastRow() === 0) emu.spreadsheet.deleteSheet(blank);
  emu.run('setUpDistrictRollup', [], { user: OWNER });
  emu.run('refreshDistrictRollup', [], { user: OWNER });
}
