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
  logAsTyped,
  openPreview,
  Preview,
  readTab,
  screenshot,
  sidebarFrame,
  signInAs,
  startPreview,
} from './harness';

const IMPORTXML = '=IMPORTXML("http://x","//a")';
/** "4 of 8 families reached — 4 to go, 28 days left", "Goal met: 9 of 8 families reached", "3 families reached". */
const PROGRESS_WORDS =
  /^(Goal (met|exceeded): )?\d+ (of \d+ )?(families|family|calls|call) (reached|logged)( — \d+ to go, (\d+ days? left|the deadline is today|the deadline passed on [A-Z][a-z]{2} \d{1,2}))?\.?$/;
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
  expect(await frame.textContent('.progress-text')).toMatch(PROGRESS_WORDS);

  // Every field has a label; the day is Today, a date box only for an earlier day, within the calls window.
  const unlabeled = await frame.$$eval('#call-form input, #call-form select, #call-form textarea', (nodes) =>
    nodes
      .filter(
        (n) =>
          !document.querySelector(`label[for="${n.id}"]`) &&
          !n.getAttribute('aria-label') &&
          !n.getAttribute('aria-labelledby'),
      )
      .map((n) => n.id),
  );
  expect(unlabeled).toEqual([]);
  const today = await frame.getAttribute('#f-callDate-date', 'max');
  expect(await frame.isChecked('input[name="callDate"][value="today"]')).toBe(true);
  expect(await frame.isVisible('#f-callDate-date')).toBe(false);
  expect(await frame.getAttribute('#f-callDate-date', 'min')).toMatch(/^\d{4}-\d{2}-\d{2}$/);

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
  expect(progressNow).toMatch(PROGRESS_WORDS);
  expect(`${await frame.textContent('.progress-text')}.`).toBe(progressNow);

  // Ready for the next family: Call Date and Method stay, the rest is cleared.
  const after = await formValues(frame);
  expect(await frame.isChecked('input[name="callDate"][value="today"]')).toBe(true);
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
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
  // The day is one tab stop: an arrow key moves from Today to Yesterday.
  await frame.focus('input[name="callDate"]:checked');
  await page.keyboard.press('ArrowRight');
  expect(await frame.isChecked('input[name="callDate"][value="yesterday"]')).toBe(true);
  const yesterday =
    (await frame.getAttribute('input[name="callDate"][value="yesterday"]', 'aria-label')) ?? '';
  expect(yesterday).toMatch(/^Yesterday, [A-Z][a-z]{2} \d{1,2}$/);

  await frame.focus('#submit-call');
  await page.keyboard.press('Enter');
  const notice = await frame.waitForSelector('#notice.shown', { timeout: 20_000 });
  const callId = /\((C-[A-Z0-9]+)\)/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
  expect(callId).not.toBe('');
  const row = await callLogRow(callId);
  expect(row['Outcome']).toBe('No answer');
  expect(row['Method']).toBe('Home visit');
  const max = (await frame.getAttribute('#f-callDate-date', 'max')) ?? '';
  expect(row['Call Date'] < max).toBe(true);
});

test('at 1366×768, by mouse and by keyboard: a left message in at most 5 actions besides typing, a conversation in at most 7', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  const english = async (): Promise<string> =>
    findStudent(frame, (info) => /Home language: English\./.test(info));
  const other = async (): Promise<string> =>
    findStudent(frame, (info) => /Home language: (?!English)\S+/.test(info));

  // Every click and every key press that is not typing a name or a note is an action.
  let actions = 0;
  const click = async (selector: string): Promise<void> => {
    actions++;
    await frame.click(selector);
  };
  const press = async (key: string): Promise<void> => {
    actions++;
    await page.keyboard.press(key);
  };
  // After the form's own moves of focus, which wait for the browser's (a timer of 0 ms, run first).
  const focused = (): Promise<string> =>
    frame.evaluate(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      const a = document.activeElement as HTMLInputElement | null;
      return !a ? '' : a.type === 'radio' ? `${a.name}=${a.value}` : a.id;
    });
  const logged = async (): Promise<string> => {
    const notice = await frame.waitForSelector('#notice.shown', { timeout: 20_000 });
    const callId = /\((C-[A-Z0-9]+)\)/.exec((await notice.textContent()) ?? '')?.[1] ?? '';
    expect(callId).not.toBe('');
    // The next call starts where the form opened: in Student.
    expect(await focused()).toBe('f-student');
    return callId;
  };
  const counts: string[] = [];
  const walk = async (name: string, limit: number, steps: () => Promise<void>): Promise<string> => {
    actions = 0;
    await steps();
    const callId = await logged();
    counts.push(`${name}: ${actions}`);
    expect(actions).toBeLessThanOrEqual(limit);
    return callId;
  };

  // A left message by keyboard: Enter picks the student, an arrow the outcome, Enter moves on, Ctrl+Enter logs.
  const leftByKeys = await english();
  await walk('left message, keyboard', 5, async () => {
    await page.keyboard.type(leftByKeys.slice(0, 6));
    await press('Enter');
    expect(await focused()).toBe('outcome=Conversation');
    await press('ArrowDown');
    expect(await frame.isChecked('input[name="outcome"][value="Left message"]')).toBe(true);
    await press('Enter');
    expect(await focused()).toBe('f-notes');
    await page.keyboard.type('Left a voicemail about the open house.');
    // Log call stays in view, and nothing the teacher did not see is saved: Family Member shows.
    expect(await inView(frame, '#submit-call')).toBe(true);
    expect(await frame.isVisible('#f-familyMember')).toBe(true);
    expect(await frame.isVisible('#f-familyStrengths')).toBe(false);
    await sidebarShot('call-form-left-message-1366x768');
    await screenshot(page, 'call-form-left-message-1366x768-page');
    await press('Control+Enter');
  });

  // A left message by mouse: click Student, type the name, click the outcome, click Log call.
  const leftByMouse = await english();
  await walk('left message, mouse', 5, async () => {
    await click('#f-student');
    await page.keyboard.type(leftByMouse);
    const top = (): Promise<number> =>
      frame.$eval('#field-outcome', (n) => n.getBoundingClientRect().top + window.scrollY);
    const before = await top();
    await click('label.choice:has(input[value="Left message"])');
    // The form does not jump: nothing above the outcome moves, and the choice clicked stays in view.
    expect(await top()).toBe(before);
    expect(await inView(frame, 'label.choice:has(input[value="Left message"])')).toBe(true);
    await click('#submit-call');
  });

  // A conversation by keyboard with a family whose home language is not English: the interpreter is asked at once.
  const talkByKeys = await other();
  const conversationId = await walk('conversation with an interpreter, keyboard', 7, async () => {
    await page.keyboard.type(talkByKeys);
    await press('Enter');
    await press('Enter'); // Conversation, and on to what is left to fill
    expect(await frame.getAttribute('#f-interpreter', 'aria-required')).toBe('true');
    expect(await focused()).toBe('interpreter=None');
    await press('ArrowDown');
    await press('Enter');
    expect(await focused()).toBe('f-familyStrengths');
    await page.keyboard.type('Loves to draw; big brother helps with homework.');
    await press('Tab');
    await page.keyboard.type('Make a friend in class.');
    await sidebarShot('call-form-conversation-1366x768');
    await screenshot(page, 'call-form-conversation-1366x768-page');
    await press('Control+Enter');
  });
  const row = await callLogRow(conversationId);
  expect(row['Interpreter']).toBe('Staff interpreter');
  expect(row['Language']).not.toBe('English');

  // A conversation by mouse with an English-speaking family.
  const talkByMouse = await english();
  await walk('conversation, mouse', 7, async () => {
    await click('#f-student');
    await page.keyboard.type(talkByMouse);
    await click('label.choice:has(input[value="Conversation"])');
    await frame.waitForFunction(() => document.activeElement?.id === 'f-familyStrengths');
    await page.keyboard.type('Grandmother cooks for the whole block.');
    await click('#f-hopesAndDreams');
    await page.keyboard.type('Reading chapter books by spring.');
    await click('#submit-call');
  });
  console.log(`actions besides typing at 1366x768: ${counts.join('; ')}`);
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
  expect(await frame.textContent('#family-info')).toMatch(/Not picked from your roster/);
  // Not on the roster: logged as typed only when chosen so.
  await logAsTyped(frame);
  expect(await frame.textContent('#family-info')).toContain(`${IMG} will be logged as typed`);
  await frame.selectOption('#f-method', 'Phone');
  await chooseOutcome(frame, 'Conversation');
  await frame.fill('#f-familyMember', PLUS_ONE);
  await frame.fill('#f-notes', `${IMPORTXML}`);
  await frame.fill('#f-hopesAndDreams', `${PLUS_ONE} more books`);

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
    expect(await frame.evaluate(() => document.activeElement?.id)).toMatch(/^f-callDate/);
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
  await frame.check('input[name="callDate"][value="earlier"]');
  await frame.fill('#f-callDate-date', '2999-12-31');
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

test('a name not on the roster offers the closest roster names, siblings together; logging it as typed is a second choice', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  const withSibling = await findStudent(frame, (info) => /Same household: /.test(info));
  await frame.fill('#f-student', withSibling);
  const sibling = /Same household: ([^,.]+)/.exec((await frame.textContent('#family-info')) ?? '')?.[1] ?? '';
  const name = withSibling.replace(/ \(.*\)$/, '');
  // A typo: the last letter dropped and the first doubled.
  const typo = `${name[0]}${name.slice(0, -1)}`;
  await frame.fill('#f-student', typo);
  await frame.press('#f-student', 'Enter');
  const info = (await frame.textContent('#family-info')) ?? '';
  expect(info).toContain(`${typo} is not on your roster.`);
  const choices = await frame.$$eval('#family-info .suggestions li', (items) =>
    items.map((li) => Array.from(li.querySelectorAll('button')).map((b) => b.textContent ?? '')),
  );
  expect(choices[0][0]).toBe(withSibling);
  expect(choices[0]).toContain(`${sibling} (same family)`);
  // Enter is already on the closest name: logging the typo needs the explicit choice below it.
  expect(await frame.evaluate(() => document.activeElement?.textContent)).toBe(withSibling);
  await frame.click('#submit-call');
  await frame.waitForSelector('#problems.shown');
  expect(await frame.textContent('#err-student')).toContain(`Did you mean ${name}`);
  await frame.click('#family-info .suggestion');
  expect(await frame.inputValue('#f-student')).toBe(name);
  expect(await frame.isVisible('#err-student')).toBe(false);
  // The list of what stopped the call shrinks, and the line above it counts what is left.
  expect(await frame.$$eval('#problems li', (items) => items.map((i) => i.textContent))).toEqual([
    'Outcome: Choose the outcome.',
  ]);
  expect(await frame.textContent('#problems')).toContain('Fix this field, then log the call again:');
  await sidebarShot('call-form-did-you-mean');
});

test('fields are checked as they are left and their errors go as they are fixed; the last call’s message goes with the next', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  await pickUnreached(frame);
  await chooseOutcome(frame, 'Conversation');
  await answerInterpreter(frame);
  await frame.fill('#f-familyMember', 'x');
  await frame.fill('#f-familyMember', '');
  await frame.press('#f-familyMember', 'Tab');
  expect(await frame.textContent('#err-familyMember')).toMatch(/who you spoke with/);
  await frame.fill('#f-familyMember', 'Mia Lee (aunt)');
  expect(await frame.isVisible('#err-familyMember')).toBe(false);
  expect(await frame.getAttribute('#f-familyMember', 'aria-invalid')).toBeNull();
  await submitAndConfirm(frame);
  expect(await frame.isVisible('#notice')).toBe(true);
  await page.keyboard.type('A');
  expect(await frame.isVisible('#notice')).toBe(false);
});

test('axe finds nothing with every part of the form open: conversation, interpreter, another language, an earlier day, suggestions and errors', async () => {
  const teacher = await firstTeacher();
  const frame = await openCallForm(teacher.email);
  const other = await findStudent(frame, (info) => /Home language: (?!English)\S+/.test(info));
  await frame.fill('#f-student', other);
  await chooseOutcome(frame, 'Conversation');
  expect(await frame.isVisible('#field-interpreter')).toBe(true);
  await frame.selectOption('#f-language', '__other__');
  expect(await frame.isVisible('#f-language-other')).toBe(true);
  await frame.fill('#f-language-other', 'Kinyarwanda');
  await frame.check('input[name="callDate"][value="earlier"]');
  expect(await frame.isVisible('#f-callDate-date')).toBe(true);
  await frame.fill('#f-notes', 'They were evicted last week.');
  expect(await frame.isVisible('#urgent-preview')).toBe(true);
  await frame.fill('#f-callDate-date', '');
  await frame.click('#submit-call'); // errors: the day, the interpreter
  await frame.waitForSelector('#problems.shown');
  expect(await frame.isVisible('#err-callDate')).toBe(true);
  await frame.click('#my-recent-calls summary');
  await frame.click('#my-follow-ups-section summary');
  expect(describeViolations(await axeScan(frame))).toBe('');
  await sidebarShot('call-form-every-section');
  // And the roster suggestions.
  await frame.fill('#f-student', 'Zzq Unlikely Name');
  await frame.press('#f-student', 'Enter');
  expect(describeViolations(await axeScan(frame))).toBe('');
});
