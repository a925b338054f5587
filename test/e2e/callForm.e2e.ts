/**
 * The call form in a real browser: a teacher opens "Log a call" in the preview (the built
 * bundle over the emulator), logs calls, and sees them in the Call Log tab. Every server call
 * goes through the preview's google.script.run shim to the real submitCall.
 */
import path from 'node:path';
import type { Browser, Frame, Page } from 'playwright-core';
import { OWNER } from '../../dev/preview/seed';
import {
  answerInterpreter,
  chooseOutcome,
  axeScan,
  clickMenu,
  describeViolations,
  launchBrowser,
  openPreview,
  Preview,
  readTab,
  screenshot,
  sidebarFrame,
  signInAs,
  startPreview,
} from './harness';

const IMPORTXML = '=IMPORTXML("http://x","//a")';
const PLUS_ONE = '+1';
const IMG = '<img src=x onerror=alert(1)>';

jest.setTimeout(120_000);

let preview: Preview;
let browser: Browser;
let page: Page;
/** Dialogs (alert, confirm…) any frame of the page tried to open: there must be none. */
let dialogs: string[];

interface StaffOption {
  email: string;
  label: string;
}

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

beforeEach(async () => {
  page = await openPreview(browser, preview.url);
  dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterEach(async () => {
  await page?.close();
});

// ---- helpers

async function teachers(): Promise<StaffOption[]> {
  const options = await page.$$eval('#user option', (nodes) =>
    nodes.map((o) => ({ email: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
  );
  return options.filter((o) => o.email !== '' && /, Teacher,/.test(o.label));
}

async function firstTeacher(): Promise<StaffOption> {
  const [teacher] = await teachers();
  if (!teacher) throw new Error('the sample district has no teacher on Staff');
  return teacher;
}

/** Signs in, opens "Log a call" and waits for the form (or the message saying why not). */
async function openCallForm(email: string): Promise<Frame> {
  await signInAs(page, email);
  await clickMenu(page, 'Log a call');
  const frame = await sidebarFrame(page);
  await frame.waitForSelector('#call-form, .problems.shown', { timeout: 20_000 });
  return frame;
}

interface RosterOption {
  value: string;
  label: string;
}

async function rosterOptions(frame: Frame): Promise<RosterOption[]> {
  return frame.$$eval('#roster-families option', (nodes) =>
    nodes.map((o) => ({ value: (o as HTMLOptionElement).value, label: (o as HTMLOptionElement).label })),
  );
}

/** A roster student of this teacher not yet reached (nor used by an earlier test). */
const usedStudents = new Set<string>();
async function pickUnreached(frame: Frame): Promise<string> {
  const options = await rosterOptions(frame);
  const fresh = options.filter((o) => !usedStudents.has(o.value));
  const choice = fresh.find((o) => !/reached by/.test(o.label)) ?? fresh[0];
  if (!choice) throw new Error('the teacher has no roster students');
  usedStudents.add(choice.value);
  await frame.fill('#f-student', choice.value);
  return choice.value;
}

async function formValues(frame: Frame): Promise<Record<string, string | boolean>> {
  return frame.$$eval('#call-form input, #call-form select, #call-form textarea', (nodes) =>
    Object.fromEntries(
      nodes.map((n) => {
        const control = n as HTMLInputElement;
        return [control.id, control.type === 'checkbox' ? control.checked : control.value];
      }),
    ),
  );
}

async function submitAndConfirm(frame: Frame): Promise<string> {
  await frame.click('#submit-call');
  const notice = await frame.waitForSelector('#notice.shown', { timeout: 20_000 });
  const text = (await notice.textContent()) ?? '';
  const id = /Call logged \((C-[A-Z0-9]+)\)\./.exec(text);
  if (!id) throw new Error(`no confirmation: ${text}`);
  return id[1];
}

async function callLogRow(callId: string): Promise<Record<string, string>> {
  const [headers, ...data] = await readTab(page, 'Call Log');
  const matches = data.filter((r) => r.includes(callId));
  expect(matches).toHaveLength(1);
  return Object.fromEntries(headers.map((h, i) => [h, matches[0][i] ?? '']));
}

/** The tab as the server sees it (formulas included), outside any execution. */
async function grid(
  name: string,
): Promise<{ display: string[][]; formulas: Array<[number, number, string]> }> {
  const res = await page.request.get(`${preview.url}api/sheet?name=${encodeURIComponent(name)}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as { display: string[][]; formulas: Array<[number, number, string]> };
}

function a1(row: number, col: number): string {
  let letters = '';
  for (let c = col + 1; c > 0; c = Math.floor((c - 1) / 26))
    letters = String.fromCharCode(65 + ((c - 1) % 26)) + letters;
  return `${letters}${row + 1}`;
}

/** Types into a cell as the district leader (the owner), the way a person edits the sheet. */
async function editCell(sheet: string, row: number, col: number, value: string): Promise<void> {
  const res = await page.request.post(`${preview.url}api/edit`, {
    data: { sheet, a1: a1(row, col), value, user: OWNER },
  });
  expect(res.ok()).toBe(true);
}

async function findCell(sheet: string, text: string): Promise<{ row: number; col: number }> {
  const { display } = await grid(sheet);
  for (let row = 0; row < display.length; row++) {
    const col = display[row].findIndex((v) => v.trim().toLowerCase() === text.toLowerCase());
    if (col >= 0) return { row, col };
  }
  throw new Error(`${sheet} has no cell "${text}"`);
}

/** Picks an outcome button (a radio) by its text. */
async function fillConversation(frame: Frame, notes: string): Promise<void> {
  await pickUnreached(frame);
  await frame.selectOption('#f-method', 'Phone');
  await chooseOutcome(frame, 'Conversation');
  if ((await frame.inputValue('#f-familyMember')) === '')
    await frame.fill('#f-familyMember', 'Ana Ruiz (grandmother)');
  await answerInterpreter(frame);
  await frame.fill('#f-familyStrengths', 'Big family, loves soccer.');
  await frame.fill('#f-notes', notes);
}

/** A roster student not used yet whose household the predicate accepts (by what the form shows of it). */
async function findStudent(frame: Frame, accept: (info: string) => boolean): Promise<string> {
  for (const option of await rosterOptions(frame)) {
    if (usedStudents.has(option.value) || /reached by/.test(option.label)) continue;
    await frame.fill('#f-student', option.value);
    if (accept((await frame.textContent('#family-info')) ?? '')) {
      usedStudents.add(option.value);
      await frame.fill('#f-student', '');
      return option.value;
    }
  }
  throw new Error('no roster student fits');
}

/** Whether an element of the sidebar is fully inside the sidebar's visible area. */
async function inView(frame: Frame, selector: string): Promise<boolean> {
  return frame.$eval(selector, (node) => {
    const r = node.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
}

/** The sidebar alone (300 px wide), as test-results/<name>.png. */
async function sidebarShot(name: string): Promise<void> {
  const frame = await page.$('#sidebar-body iframe');
  await frame?.screenshot({ path: path.join(__dirname, '..', '..', 'test-results', `${name}.png`) });
}

// ---- the tests

test('a teacher logs a conversation with a roster family and sees it in the Call Log', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  expect(await frame.textContent('.progress-text')).toMatch(/\d+ (of \d+ )?(families reached|calls logged)/);

  // Every field has a visible label; the date is today, within the calls window.
  const unlabeled = await frame.$$eval('#call-form input, #call-form select, #call-form textarea', (nodes) =>
    nodes.filter((n) => !document.querySelector(`label[for="${n.id}"]`)).map((n) => n.id),
  );
  expect(unlabeled).toEqual([]);
  const today = await frame.getAttribute('#f-callDate', 'max');
  expect(await frame.inputValue('#f-callDate')).toBe(today);
  expect(await frame.getAttribute('#f-callDate', 'min')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

  const student = await pickUnreached(frame);
  const info = await frame.textContent('#family-info');
  expect(info).toContain(student.replace(/ \(.*\)$/, ''));
  expect(info).toMatch(/calls? logged to this household|No calls logged/);
  expect(await frame.inputValue('#f-student')).not.toBe('');

  await frame.selectOption('#f-method', 'Phone');
  await chooseOutcome(frame, 'Conversation');
  if ((await frame.inputValue('#f-familyMember')) === '')
    await frame.fill('#f-familyMember', 'Ana Ruiz (grandmother)');
  await answerInterpreter(frame);
  expect(await frame.getAttribute('#f-familyMember', 'aria-required')).toBe('true');
  expect(await frame.isVisible('#section-conversation')).toBe(true);
  await frame.fill('#f-familyStrengths', 'Loves soccer; grandmother cooks for the whole block.');
  await frame.fill('#f-hopesAndDreams', 'Reading chapter books by spring.');
  await frame.fill('#f-notes', 'Prefers texts after 5pm.');
  expect(await frame.textContent('#count-notes')).toBe('24 / 5,000');
  await frame.check('#f-followUpNeeded');

  const runs: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/run'))
      runs.push(String((JSON.parse(r.postData() ?? '{}') as { fn?: string }).fn));
  });
  const callId = await submitAndConfirm(frame);
  // One round trip to log; the upkeep trigger refreshes the Summary later.
  expect(runs).toEqual(['submitCall']);
  expect(describeViolations(await axeScan(frame))).toBe('');
  const progressNow = (await frame.textContent('#notice .progress-now')) ?? '';
  expect(progressNow).toMatch(/^\d+ (of \d+ )?(families reached|calls logged)\.$/);
  expect(`${await frame.textContent('.progress-text')}.`).toBe(progressNow);

  // Ready for the next family: Call Date and Method stay, the rest is cleared.
  const after = await formValues(frame);
  expect(after['f-callDate']).toBe(today);
  expect(after['f-method']).toBe('Phone');
  expect(after['f-student']).toBe('');
  expect(await frame.$$eval('input[name="outcome"]:checked', (n) => n.length)).toBe(0);
  expect(after['f-notes']).toBe('');
  expect(after['f-followUpNeeded']).toBe(false);
  expect(after['f-language']).toBe('English');

  // The call is first in My recent calls.
  expect(await frame.textContent('#recent-calls li')).toContain(callId);
  const row = await callLogRow(callId);
  expect(row['Staff Email']).toBe(teacher.email);
  expect(row['Outcome']).toBe('Conversation');
  expect(row['Hopes & Dreams']).toBe('Reading chapter books by spring.');
  await screenshot(page, 'call-form-conversation-logged');
  await sidebarShot('call-form-confirmation');
});

test('an unanswered attempt needs only the family and the outcome, and the keyboard is enough', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  // Focus starts in Student; Enter picks the suggestion instead of submitting, then moves on.
  expect(await frame.evaluate(() => document.activeElement?.id)).toBe('f-student');
  const student = await pickUnreached(frame);
  await frame.fill('#f-student', student.slice(0, 4));
  await page.keyboard.press('Enter');
  expect(await frame.isVisible('#notice.shown')).toBe(false);
  expect(await frame.inputValue('#f-student')).not.toBe(student.slice(0, 4));
  expect(await frame.evaluate(() => (document.activeElement as HTMLInputElement).name)).toBe('outcome');

  // Arrow keys pick an outcome; a left message shows notes and flags, not the conversation.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect(await frame.$eval('input[name="outcome"]:checked', (n) => (n as HTMLInputElement).value)).toBe(
    'No answer',
  );
  expect(await frame.isVisible('#section-conversation')).toBe(false);
  expect(await frame.isVisible('#f-notes')).toBe(true);
  expect(await frame.getAttribute('#f-familyMember', 'aria-required')).toBeNull();
  await frame.focus('#f-method');
  await page.keyboard.type('Home');
  expect(await frame.inputValue('#f-method')).toBe('Home visit');
  await frame.click('#date-yesterday');
  const yesterday = await frame.inputValue('#f-callDate');
  expect(yesterday < ((await frame.getAttribute('#f-callDate', 'max')) ?? '')).toBe(true);

  await frame.focus('#submit-call');
  await page.keyboard.press('Enter');
  const notice = await frame.waitForSelector('#notice.shown', { timeout: 20_000 });
  const callId = /\((C-[A-Z0-9]+)\)/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
  expect(callId).not.toBe('');
  const row = await callLogRow(callId);
  expect(row['Outcome']).toBe('No answer');
  expect(row['Method']).toBe('Home visit');
  expect(row['Call Date']).toBe(yesterday);
});

test('at 1366×768 a left message fits with Log call in view, and a conversation takes at most 6 clicks or keys', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  const english = await findStudent(frame, (info) => /Home language: English\./.test(info));
  const other = await findStudent(frame, (info) => /Home language: (?!English)\S+/.test(info));

  // A left message: Student, Outcome, notes; Log call in view without scrolling.
  await frame.fill('#f-student', english);
  await page.keyboard.press('Enter');
  await chooseOutcome(frame, 'Left message');
  expect(await frame.isVisible('#f-familyStrengths')).toBe(false);
  expect(await frame.evaluate(() => window.scrollY)).toBe(0);
  expect(await inView(frame, '#submit-call')).toBe(true);
  const formHeight = await frame.$eval('#call-form', (f) => Math.round(f.getBoundingClientRect().height));
  const viewHeight = await frame.evaluate(() => window.innerHeight);
  console.log(`call form at 1366x768, left message: ${formHeight} px tall in a ${viewHeight} px sidebar`);
  await sidebarShot('call-form-left-message-1366x768');
  await screenshot(page, 'call-form-left-message-1366x768-page');
  await frame.fill('#f-student', '');

  // A typical conversation, counted: every click and key press besides typing the name and notes.
  let presses = 0;
  const click = async (selector: string): Promise<void> => {
    presses++;
    await frame.click(selector);
  };
  const press = async (key: string): Promise<void> => {
    presses++;
    await page.keyboard.press(key);
  };
  const conversation = async (student: string): Promise<{ presses: number; callId: string }> => {
    presses = 0;
    await frame.focus('#f-student'); // where the form puts the focus when it opens and after a call
    await page.keyboard.type(student);
    await press('Enter');
    await click('label.choice:has(input[value="Conversation"])');
    if (await frame.isVisible('#field-interpreter')) {
      // The focus moves on by itself once the browser has focused the clicked button.
      await frame.waitForFunction(() => (document.activeElement as HTMLInputElement).name === 'interpreter');
      await click('label.choice:has(input[value="Staff interpreter"])');
    }
    await frame.waitForFunction(() => document.activeElement?.id === 'f-familyStrengths');
    await page.keyboard.type('Loves to draw; big brother helps with homework.');
    await press('Tab');
    await page.keyboard.type('Make a friend in class.');
    await press('Tab');
    await page.keyboard.type('Call back after 5pm.');
    expect(await inView(frame, '#submit-call')).toBe(true);
    await click('#submit-call');
    const notice = await frame.waitForSelector('#notice.shown', { timeout: 20_000 });
    const callId = /\((C-[A-Z0-9]+)\)/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
    return { presses, callId };
  };

  await frame.fill('#f-student', english);
  expect(await frame.inputValue('#f-language')).toBe('English');
  await frame.fill('#f-student', '');
  const first = await conversation(english);
  expect(first.presses).toBeLessThanOrEqual(6);
  console.log(`typical conversation (English): ${first.presses} clicks or key presses`);

  await frame.fill('#f-student', other);
  await chooseOutcome(frame, 'Conversation');
  const homeLanguage =
    /Home language: ([^.]+)\./.exec((await frame.textContent('#family-info')) ?? '')?.[1] ?? '';
  expect(await frame.inputValue('#f-language')).toBe(homeLanguage);
  // Not English: the interpreter is asked, not assumed to be None.
  expect(await frame.$$eval('input[name="interpreter"]:checked', (n) => n.length)).toBe(0);
  expect(await frame.getAttribute('#f-interpreter', 'aria-required')).toBe('true');
  await sidebarShot('call-form-conversation-1366x768');
  await screenshot(page, 'call-form-conversation-1366x768-page');
  await frame.fill('#f-student', '');
  await frame.$eval('input[name="outcome"]:checked', (n) => ((n as HTMLInputElement).checked = false));
  const second = await conversation(other);
  expect(second.presses).toBeLessThanOrEqual(6);
  console.log(`conversation in ${homeLanguage} with an interpreter: ${second.presses} clicks or key presses`);

  const row = await callLogRow(second.callId);
  expect(row['Language']).toBe(homeLanguage);
  expect(row['Interpreter']).toBe('Staff interpreter');
  expect((await callLogRow(first.callId))['Interpreter']).toBe('None');
});

test('the family picked shows its phone and email as links; the urgent flag and who is told show before saving', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  await findStudent(frame, (info) => /\d{3}/.test(info)).then((s) => frame.fill('#f-student', s));
  const tel = await frame.getAttribute('#family-info a[href^="tel:"]', 'href');
  expect(tel).toMatch(/^tel:\+?\d+$/);
  const mail = await frame.$('#family-info a[href^="mailto:"]');
  if (mail) expect(await mail.getAttribute('href')).toMatch(/^mailto:[^@\s]+@[^@\s]+$/);

  await chooseOutcome(frame, 'Left message');
  expect(await frame.isVisible('#urgent-preview')).toBe(false);
  await frame.fill('#f-notes', 'Grandmother said they were EVICTED last week.');
  const preview = (await frame.textContent('#urgent-preview')) ?? '';
  expect(preview).toMatch(
    /^This call will be flagged urgent \(Housing: "evicted"\)\. .+ will be told by email and on Follow-ups\.$/,
  );
  const callId = await submitAndConfirm(frame);
  expect(await frame.textContent('#notice .urgent')).toContain('Housing: "evicted"');
  // My follow-ups lists it, open.
  await frame.click('#my-follow-ups-section summary');
  expect(await frame.textContent('#my-follow-ups li')).toMatch(/: Open · Housing: "evicted"/);
  expect((await callLogRow(callId))['Urgent']).toMatch(/TRUE|✓|true/i);
});

test('My recent calls link to their Call Log rows', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  await frame.click('#my-recent-calls summary');
  const links = await frame.$$eval('#recent-calls a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(links.length).toBeGreaterThan(0);
  for (const href of links) expect(href).toMatch(/\/edit#gid=\d+&range=A\d+$/);
  await sidebarShot('call-form-my-calls');
});

test('hostile text is shown and stored as text', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  await frame.fill('#f-student', IMG);
  await frame.selectOption('#f-method', 'Phone');
  await chooseOutcome(frame, 'Conversation');
  await frame.fill('#f-familyMember', PLUS_ONE);
  await frame.fill('#f-notes', `${IMPORTXML}`);
  await frame.fill('#f-hopesAndDreams', `${PLUS_ONE} more books`);
  expect(await frame.textContent('#family-info')).toMatch(/Not picked from your roster/);

  const callId = await submitAndConfirm(frame);
  expect(await frame.textContent('#notice .logged')).toContain(IMG);
  expect(await frame.$$eval('img', (imgs) => imgs.length)).toBe(0);

  const row = await callLogRow(callId);
  expect(row['Student']).toBe(IMG);
  expect(row['Family Member']).toBe(PLUS_ONE);
  expect(row['Notes']).toBe(IMPORTXML);
  expect(row['Hopes & Dreams']).toBe(`${PLUS_ONE} more books`);
  expect(await page.$$eval('#grid img', (imgs) => imgs.length)).toBe(0);

  // Stored as literal text: no cell of the row holds a formula.
  const log = await grid('Call Log');
  const at = log.display.findIndex((r) => r.includes(callId));
  expect(at).toBeGreaterThan(0);
  expect(log.formulas.filter(([r]) => r === at)).toEqual([]);
  expect(dialogs).toEqual([]);
});

test('a rejection only the server makes (removed from Staff while the form was open) keeps everything typed', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  await fillConversation(frame, 'Keep this note, please.');
  const typed = await formValues(frame);

  // A leader takes the teacher off Staff while the sidebar is open: the browser's checks pass,
  // the server refuses (identity is checked on the server only).
  const cell = await findCell('Staff', teacher.email);
  await editCell('Staff', cell.row, cell.col, `former-${teacher.email}`);
  try {
    await frame.click('#submit-call');
    const problems = await frame.waitForSelector('#problems.shown', { timeout: 20_000 });
    expect(await problems.getAttribute('role')).toBe('alert');
    expect(await problems.textContent()).toMatch(/is not on the Staff tab/);
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('problems');
    expect(await formValues(frame)).toEqual(typed);
    expect(await frame.isEnabled('#submit-call')).toBe(true);
  } finally {
    await editCell('Staff', cell.row, cell.col, teacher.email);
  }
  // Back on Staff: the same form logs; ticked Urgent, it says where the flag goes.
  await frame.check('#f-urgent');
  const callId = await submitAndConfirm(frame);
  expect(await frame.textContent('#notice .urgent')).toMatch(
    /^Flagged as urgent \(.+\)\. The people who act on it are emailed, and it is on the Follow-ups tab until closed\.$/,
  );
  expect((await callLogRow(callId))['Notes']).toBe('Keep this note, please.');
});

test('a field error only the server finds appears next to its field', async () => {
  // The Calls Start Date moves past today's date while the form is open: the browser still
  // allows the date (it knew the old start), the server refuses it.
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  await fillConversation(frame, 'Date check.');
  const typed = await formValues(frame);
  const label = await findCell('Settings', 'Calls Start Date');
  const { display } = await grid('Settings');
  const before = display[label.row][label.col + 1];
  await editCell('Settings', label.row, label.col + 1, '2999-01-01');
  try {
    await frame.click('#submit-call');
    await frame.waitForSelector('#problems.shown', { timeout: 20_000 });
    expect(await frame.getAttribute('#f-callDate', 'aria-invalid')).toBe('true');
    expect(await frame.textContent('#err-callDate')).toMatch(/Calls Start Date/);
    expect(await frame.getAttribute('#f-callDate', 'aria-describedby')).toMatch(/^err-callDate/);
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe('f-callDate');
    expect(await frame.textContent('#problems')).toMatch(/Call Date:/);
    expect(await formValues(frame)).toEqual(typed);
  } finally {
    await editCell('Settings', label.row, label.col + 1, before);
  }
});

test('a tracker whose layout broke says what to repair, keeps everything typed, and logs the call once fixed', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  await fillConversation(frame, 'Keep me until it is fixed.');
  const typed = await formValues(frame);

  // Someone renames a required Call Log header: nothing is written, and the form says what to repair.
  const header = await findCell('Call Log', 'Call Date');
  await editCell('Call Log', header.row, header.col, 'Date of call');
  try {
    await frame.click('#submit-call');
    await frame.waitForSelector('#problems.shown', { timeout: 20_000 });
    expect(await frame.textContent('#problems')).toMatch(
      /no "Call Date" column in row 1\. Run Relationship Calls → Set up tracker/,
    );
    expect(await formValues(frame)).toEqual(typed);
  } finally {
    await editCell('Call Log', header.row, header.col, 'Call Date');
  }
  await frame.click('#submit-call');
  await frame.waitForSelector('#notice.shown', { timeout: 20_000 });
  const callId = /\((C-[A-Z0-9]+)\)/.exec((await frame.textContent('#notice')) ?? '')?.[1] ?? '';
  expect((await callLogRow(callId))['Notes']).toBe('Keep me until it is fixed.');
});

test('the browser check blocks a future date and keeps the values', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  await fillConversation(frame, 'Future.');
  await frame.fill('#f-callDate', '2999-12-31');
  const typed = await formValues(frame);
  const runs: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/run')) runs.push(r.postData() ?? '');
  });
  await frame.click('#submit-call');
  await frame.waitForSelector('#problems.shown');
  expect(await frame.textContent('#err-callDate')).toMatch(/can't be in the future/);
  expect(await formValues(frame)).toEqual(typed);
  expect(runs.filter((r) => r.includes('submitCall'))).toEqual([]);
});

test('someone not on Staff sees why they cannot log calls', async () => {
  const frame = await openCallForm('visitor@gmail.example');
  const problem = await frame.waitForSelector('.problems.shown');
  expect(await problem.textContent()).toMatch(/not on the Staff tab/);
  expect(await frame.$('#call-form')).toBeNull();
  expect(describeViolations(await axeScan(frame))).toBe('');
});

test('the sidebar passes axe, fits 300 px and shows the household before submit', async () => {
  const [teacher] = await teachers();
  const frame = await openCallForm(teacher.email);
  const fits = (): Promise<boolean> =>
    frame.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  const frameWidth = await page.$eval('#sidebar-body iframe', (f) => f.getBoundingClientRect().width);
  expect(frameWidth).toBeLessThanOrEqual(320);

  let violations = await axeScan(frame);
  expect(describeViolations(violations)).toBe('');
  expect(await fits()).toBe(true);

  // A family someone else already reached says so before anything is logged.
  const reachedByOther = (await rosterOptions(frame)).find((o) => /reached by (?!you)/.test(o.label));
  if (reachedByOther) {
    await frame.fill('#f-student', reachedByOther.value);
    expect(await frame.textContent('#family-info')).toMatch(
      /Reached by .+ on [A-Z][a-z]{2} \d{1,2}\. You can still log this call\./,
    );
  } else {
    await pickUnreached(frame);
  }
  await sidebarShot('call-form-family-picked');
  await frame.click('#submit-call'); // errors: outcome…
  await frame.waitForSelector('#problems.shown');
  violations = await axeScan(frame);
  expect(describeViolations(violations)).toBe('');
  expect(await fits()).toBe(true);
  await screenshot(page, 'call-form-errors');
  await sidebarShot('call-form-sidebar-errors');
});

test('a family reached by a colleague shows who reached it, and the call can still be logged', async () => {
  // Two teachers of the same school: the first reaches a family, the second sees it.
  const all = await teachers();
  const school = (t: StaffOption): string => /, Teacher, ([^(]+) \(/.exec(t.label)?.[1] ?? '';
  const pair = all.flatMap((a) =>
    all.filter((b) => b !== a && school(b) === school(a)).map((b) => [a, b] as const),
  )[0];
  if (!pair) throw new Error('the sample district has no two teachers in one school');
  const [first, second] = pair;

  let frame = await openCallForm(first.email);
  const student = await pickUnreached(frame);
  await chooseOutcome(frame, 'Conversation');
  if ((await frame.inputValue('#f-familyMember')) === '')
    await frame.fill('#f-familyMember', 'A. Parent (mother)');
  await answerInterpreter(frame);
  await submitAndConfirm(frame);
  const firstName = first.label.split(',')[0];

  frame = await openCallForm(second.email);
  const option = (await rosterOptions(frame)).find(
    (o) => o.value === student || o.value.startsWith(`${student.replace(/ \(.*\)$/, '')} (`),
  );
  expect(option).toBeDefined();
  await frame.fill('#f-student', option?.value ?? student);
  expect(await frame.textContent('#family-info')).toContain(`Reached by ${firstName} on `);
  await chooseOutcome(frame, 'Left message');
  await submitAndConfirm(frame);
  expect(await frame.textContent('#notice')).toContain(`already reached by ${firstName}`);
});
