/**
 * Bundle tests run the BUILT add-on (build/Code.js) in the emulator, as Apps Script would.
 * These helpers make a tracker with people in it and read tabs back by header, the way a
 * person looking at the sheet would.
 */
import path from 'node:path';
import { Emulator, EmulatorOptions, Execution } from '../../dev/emulator';
import type { SubmitResult } from '../../src/contract';
import { callFactsOf, callSigner, followUpSigner } from '../../src/core/signature';
import { CALL_LOG, columnByKey } from '../../src/core/schema';
import { ROOM_ROWS } from '../../src/sheets/room';

export const BUILD_DIR = path.resolve(__dirname, '../../build');
export const TZ = 'America/Chicago';
/** Monday 2026-11-23, 9:00 in Chicago. */
export const NOW = new Date('2026-11-23T15:00:00Z');

export const OWNER = 'leader@district.example.org';
export const PRINCIPAL = 'principal.maple@district.example.org';
export const TEACHER = 'ortiz@district.example.org';
export const TEACHER2 = 'nguyen@district.example.org';
export const SUPPORT = 'counselor.maple@district.example.org';
export const STRANGER = 'visitor@gmail.example';

export const STAFF_ROWS = [
  { Email: OWNER, Name: 'Dr. Reyes', School: 'District Office', Role: 'Leader', 'Call Goal': '' },
  { Email: PRINCIPAL, Name: 'Ms. Park', School: 'Maple Elementary', Role: 'Principal', 'Call Goal': '' },
  { Email: TEACHER, Name: 'Ms. Ortiz', School: 'Maple Elementary', Role: 'Teacher', 'Call Goal': 10 },
  { Email: TEACHER2, Name: 'Mr. Nguyen', School: 'Maple Elementary', Role: 'Teacher', 'Call Goal': 5 },
  { Email: SUPPORT, Name: 'Mx. Lee', School: 'Maple Elementary', Role: 'Support Staff', 'Call Goal': 3 },
];

export const SCHOOL_ROWS = [
  {
    School: 'Maple Elementary',
    'Principal Emails': PRINCIPAL,
    'Follow-up Emails': `${SUPPORT}, liaison.maple@district.example.org`,
    'Goal Deadline': '',
  },
];

/** Siblings Mateo and Sofia share a household (same family member and phone). */
export const ROSTER_ROWS = [
  {
    'Student ID': '00123',
    Student: 'Mateo Ruiz',
    Grade: '3',
    School: 'Maple Elementary',
    'Family Member': 'Ana Ruiz (grandmother)',
    Phone: '555-0101',
    Email: '',
    'Home Language': 'Spanish',
    'Assigned To': TEACHER,
    Priority: 'New family',
  },
  {
    'Student ID': '00124',
    Student: 'Sofia Ruiz',
    Grade: '5',
    School: 'Maple Elementary',
    'Family Member': 'Ana Ruiz (grandmother)',
    Phone: '555-0101',
    Email: '',
    'Home Language': 'Spanish',
    'Assigned To': TEACHER2,
    Priority: '',
  },
  {
    'Student ID': '00200',
    Student: 'Liam Chen',
    Grade: '3',
    School: 'Maple Elementary',
    'Family Member': 'Wei Chen (father)',
    Phone: '555-0199',
    Email: 'wei@example.com',
    'Home Language': 'Mandarin',
    'Assigned To': TEACHER,
    Priority: '',
  },
];

export function newEmulator(options: EmulatorOptions = {}): Emulator {
  return new Emulator({ timeZone: TZ, owner: OWNER, now: NOW, ...options }).load(BUILD_DIR);
}

function sheet(emu: Emulator, tab: string): GoogleAppsScript.Spreadsheet.Sheet {
  const found = emu.spreadsheet.getSheetByName(tab);
  if (!found) throw new Error(`no tab ${tab}`);
  return found as unknown as GoogleAppsScript.Spreadsheet.Sheet;
}

export function headersOf(emu: Emulator, tab: string): string[] {
  const s = sheet(emu, tab);
  return s
    .getRange(1, 1, 1, Math.max(s.getLastColumn(), 1))
    .getValues()[0]
    .map((h) => String(h));
}

/** Appends rows as a person pasting them would (user-entered values), by header. */
export function addRows(emu: Emulator, tab: string, rows: ReadonlyArray<Record<string, unknown>>): void {
  if (rows.length === 0) return;
  const headers = headersOf(emu, tab);
  const s = sheet(emu, tab);
  const values = rows.map((r) => headers.map((h) => (h in r ? r[h] : '')));
  const last = s.getLastRow();
  const maxRows = s.getMaxRows();
  // As the add-on keeps them on the tabs teachers write: empty rows below the data, open to everyone.
  if (last + values.length > maxRows) {
    s.insertRowsAfter(maxRows, last + values.length - maxRows + ROOM_ROWS);
    const [protection] = s.getProtections('SHEET' as never);
    if (protection?.getUnprotectedRanges().length)
      protection.setUnprotectedRanges([s.getRange(2, 1, s.getMaxRows() - 1, s.getMaxColumns())]);
  }
  s.getRange(last + 1, 1, values.length, headers.length).setValues(values);
}

/** A tab's data rows as objects by header. */
export function records(emu: Emulator, tab: string): Array<Record<string, unknown>> {
  const values = sheet(emu, tab).getDataRange().getValues();
  const [headers, ...rows] = values;
  return rows.map((row) => Object.fromEntries(headers.map((h, i) => [String(h), row[i]])));
}

export function tab(emu: Emulator, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  return sheet(emu, name);
}

/** A set-up tracker with Staff, Schools and Roster filled in. */
export function newTracker(options: EmulatorOptions = {}): Emulator {
  const emu = newEmulator(options);
  emu.run('setUpTracker', [], { user: OWNER });
  addRows(emu, 'Staff', STAFF_ROWS);
  addRows(emu, 'Schools', SCHOOL_ROWS);
  addRows(emu, 'Roster', ROSTER_ROWS);
  // As a leader would after filling Staff: the protected tabs' editors now include its Leaders and Principals.
  emu.run('setUpTracker', [], { user: OWNER });
  return emu;
}

/** Send digests now, answering its question ("Send them?") as the person at the keyboard would. */
export function sendNow(
  emu: Emulator,
  user: string,
  answer: 'YES' | 'NO' | 'CANCEL' | 'CLOSE' | null = 'YES',
) {
  emu.alertResponses = answer ? [answer] : [];
  const execution = emu.run('sendDigestsNow', [], { user });
  if (emu.alertResponses.length > 0) throw new Error('Send digests now asked nothing');
  return execution;
}

/** The key the form signs rows with (setup creates it). */
export function signingKey(emu: Emulator): string {
  const key = emu.toJSON().documentProperties['signature.key'];
  if (!key) throw new Error('no signing key: run setup first');
  return key;
}

/** Rows as the form would have written them: Entry Form, and the Signature of their counted columns. */
export function signed(emu: Emulator, rows: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  const sign = callSigner(signingKey(emu), TZ);
  return rows.map((r) => {
    const row: Record<string, unknown> = { Entry: 'Form', ...r };
    return { ...row, Signature: sign(callFactsOf((key) => row[columnByKey(CALL_LOG, key).header] ?? '')) };
  });
}

/**
 * Follow-ups rows as the add-on would have written them for these urgent calls, their alerts
 * already sent: signed with the ledger id they stand for, and known to the ledger.
 */
export function addOwnFollowUps(emu: Emulator, rows: Array<Record<string, unknown>>): void {
  const sign = followUpSigner(signingKey(emu));
  addRows(
    emu,
    'Follow-ups',
    rows.map((r) => {
      const callId = String(r['Call ID']);
      emu.documentProperties.set(`f.${callId}`, 'us');
      return {
        ...r,
        Signature: sign({ id: callId, callId, school: String(r.School ?? ''), kind: 'urgent' }),
      };
    }),
  );
}

let counter = 0;
export function callInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    submissionId: `test-submission-${counter}-${Math.random().toString(36).slice(2, 10)}`,
    callDate: '2026-11-20',
    student: 'Liam Chen',
    studentId: '00200',
    familyMember: 'Wei Chen (father)',
    method: 'Phone',
    outcome: 'Conversation',
    language: 'English',
    interpreter: 'None',
    preferredContact: 'Text message',
    familyStrengths: 'Builds robots with his dad',
    hopesAndDreams: 'Make friends in the new school',
    notes: '',
    followUpNeeded: false,
    urgent: false,
    ...overrides,
  };
}

/** Call Log rows a person would have pasted: `n` valid rows by the teachers. */
export function pastedCalls(n: number, start = 0): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  for (let i = start; i < start + n; i++) {
    const teacher = i % 2 === 0 ? STAFF_ROWS[2] : STAFF_ROWS[3];
    out.push({
      'Call ID': `C-BULK${String(i).padStart(7, '0')}`,
      'Logged At': new Date(NOW.getTime() - 86_400_000),
      'Staff Email': teacher.Email,
      'Staff Name': teacher.Name,
      School: teacher.School,
      'Call Date': '2026-11-1' + (i % 9),
      Student: `Student ${i % 500}`,
      Method: 'Phone',
      Outcome: i % 3 === 0 ? 'Conversation' : 'No answer',
      'Family Member': i % 3 === 0 ? `Parent ${i % 500}` : '',
      Language: 'English',
      Interpreter: 'None',
      'Follow-up Needed': false,
      Urgent: false,
    });
  }
  return out;
}

/**
 * What an upkeep run with nothing to do asks of the spreadsheet: the Call Log's last row (a
 * submit writes no flag; rows past the last refresh say calls were logged), the tab found by its
 * recorded id. No cell is read.
 */
export const IDLE_UPKEEP_CALLS = ['Spreadsheet.getSheetById', 'Sheet.getLastRow'];

/** Fast bulk fill for size tests: one setValues of many rows. */
export function addCallRows(emu: Emulator, n: number): void {
  addRows(emu, 'Call Log', pastedCalls(n));
}

/** A call from the sidebar as `user`, its result copied as google.script.run copies it. */
export function submitAs(emu: Emulator, user: string, input: Record<string, unknown>): SubmitResult {
  return emu.callFromClient('submitCall', [input], { user }).value as SubmitResult;
}

/** Fires the upkeep trigger setup installed, as Apps Script does every 5 minutes. */
export function upkeep(emu: Emulator): Execution<unknown> {
  const trigger = emu.triggers.find((t) => t.handlerFunction === 'runUpkeep');
  if (!trigger) throw new Error('no upkeep trigger');
  return emu.fireTrigger(trigger.uniqueId);
}

/** The A1 address of a tab's cell under `header` on `row`. */
export function cellUnder(emu: Emulator, tabName: string, header: string, row: number): string {
  const column = headersOf(emu, tabName).indexOf(header) + 1;
  if (column < 1) throw new Error(`${tabName} has no ${header}`);
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${letters}${row}`;
}

/** A whole row of a tab as a person would type it, by header. */
export function typeRow(
  emu: Emulator,
  tabName: string,
  row: number,
  values: Record<string, unknown>,
  user: string,
): void {
  const headers = headersOf(emu, tabName);
  emu.edit(
    tabName,
    `${cellUnder(emu, tabName, headers[0], row)}:${cellUnder(emu, tabName, headers[headers.length - 1], row)}`,
    [headers.map((h) => values[h] ?? '')],
    { user },
  );
}

export const OAK_PRINCIPAL = 'principal.oak@district.example.org';
export const OAK_TEACHER = 'kim@district.example.org';

/** A second school, Oak Middle, with its principal and a teacher; its Follow-up Emails as given. */
export function addOakMiddle(emu: Emulator, followUpEmails = ''): void {
  addRows(emu, 'Staff', [
    { Email: OAK_PRINCIPAL, Name: 'Mr. Diaz', School: 'Oak Middle', Role: 'Principal', 'Call Goal': '' },
    { Email: OAK_TEACHER, Name: 'Ms. Kim', School: 'Oak Middle', Role: 'Teacher', 'Call Goal': 5 },
  ]);
  addRows(emu, 'Schools', [
    {
      School: 'Oak Middle',
      'Principal Emails': OAK_PRINCIPAL,
      'Follow-up Emails': followUpEmails,
      'Goal Deadline': '',
    },
  ]);
}

/** A staff member's row of the Summary's staff table, by header. */
export function summaryRowOf(emu: Emulator, name: string): Record<string, unknown> {
  const values = tab(emu, 'Summary').getDataRange().getValues();
  const header = values.findIndex((r) => r.includes('Families Reached') && r.includes('Staff'));
  const headers = values[header].map(String);
  const row = values.slice(header + 1).find((r) => r[headers.indexOf('Staff')] === name);
  if (!row) throw new Error(`${name} is not on the Summary`);
  return Object.fromEntries(headers.map((h, i) => [h, row[i]]));
}

/** What Check call log shows the owner. */
export function checkReport(emu: Emulator): string {
  emu.run('checkCallLog', [], { user: OWNER });
  return emu.ui.dialogs.at(-1)?.html ?? '';
}

/**
 * The workbook as a person could check it: every tab's values and notes, every protection (its
 * range, editors, warning), the triggers, the document properties, the mail sent. (A copy of the
 * whole model, formats included, takes ten times as long; nothing here writes formats alone.)
 */
export interface WorkbookState {
  tabs: Map<string, string>;
  protections: string;
  triggers: string;
  properties: Map<string, string>;
  outbox: string[];
}

export function workbookState(emu: Emulator): WorkbookState {
  const ss = emu.spreadsheet;
  const tabs = new Map(
    ss.getSheets().map((sheet) => {
      const range = sheet.getDataRange();
      return [sheet.getName(), JSON.stringify([range.getValues(), range.getNotes()])];
    }),
  );
  const protections = (['SHEET', 'RANGE'] as const).flatMap((type) =>
    ss
      .getProtections(type)
      .map((p) => [
        type,
        p.getDescription(),
        p.getRange().getA1Notation(),
        p.isWarningOnly(),
        p.canDomainEdit(),
        p.getEditors().map((u) => u.getEmail()),
        p.getUnprotectedRanges().map((r) => r.getA1Notation()),
      ]),
  );
  return {
    tabs,
    protections: JSON.stringify(protections),
    triggers: JSON.stringify(emu.triggers),
    properties: new Map(emu.documentProperties),
    outbox: emu.outbox.map((m) => m.to),
  };
}

/** What differs between two states of the workbook, in words a reviewer reads. */
export function workbookChanges(before: WorkbookState, after: WorkbookState): string[] {
  const out: string[] = [];
  for (const name of new Set([...before.tabs.keys(), ...after.tabs.keys()]))
    if (before.tabs.get(name) !== after.tabs.get(name)) out.push(`tab ${name}`);
  if (before.protections !== after.protections) out.push('protections');
  if (before.triggers !== after.triggers) out.push('triggers');
  for (const key of new Set([...before.properties.keys(), ...after.properties.keys()]))
    if (before.properties.get(key) !== after.properties.get(key)) out.push(`document property ${key}`);
  for (const to of after.outbox.slice(before.outbox.length)) out.push(`mail to ${to}`);
  return out.sort();
}
