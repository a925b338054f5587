/**
 * An urgent note end to end, in the preview: a teacher logs it in the sidebar, the alert shows
 * in the Outbox, the follow-up contact resolves it on the Follow-ups tab (onEdit stamps Resolved
 * At), and the Summary's open follow-ups count drops.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { columnToLetters } from '../../dev/emulator';
import { OWNER } from '../../dev/preview/seed';
import {
  answerInterpreter,
  chooseOutcome,
  clickMenu,
  launchBrowser,
  Preview,
  readTab,
  screenshot,
  sidebarFrame,
  signInAs,
  startPreview,
} from './harness';

jest.setTimeout(150_000);

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(preview.url);
  await page.waitForSelector('body[data-ready="true"]');
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

async function firstTeacher(): Promise<{ email: string; label: string }> {
  const options = await page.$$eval('#user option', (nodes) =>
    nodes.map((o) => ({ email: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
  );
  const teacher = options.find((o) => o.email !== '' && /, Teacher,/.test(o.label));
  if (!teacher) throw new Error('the sample district has no teacher');
  return teacher;
}

/** The teacher's Open Follow-ups on the Summary, after a refresh from the menu. */
async function openFollowUpsOf(email: string): Promise<number> {
  await clickMenu(page, 'Refresh summary');
  const rows = await readTab(page, 'Summary');
  const header = rows.findIndex((r) => r[0] === 'School' && r[1] === 'Staff');
  const column = rows[header].indexOf('Open Follow-ups');
  const mine = rows.slice(header + 1).find((r) => r.includes(email));
  if (!mine) throw new Error(`${email} is not on the Summary`);
  return Number(mine[column]);
}

/**
 * A student of the teacher's school whose family nobody has called yet (Families tab): reaching
 * a family on the hand-off list would also close its hand-off, and change the count this checks.
 */
async function notYetCalled(school: string): Promise<string> {
  const [headers, ...rows] = await readTab(page, 'Families');
  const row = rows.find(
    (r) => r[headers.indexOf('School')] === school && r[headers.indexOf('Status')] === 'Not yet called',
  );
  if (!row) throw new Error(`every family of ${school} has been called`);
  return String(row[headers.indexOf('Students')]).split(', ')[0];
}

async function logUrgentCall(frame: Frame, student: string): Promise<string> {
  await frame.fill('#f-student', student);
  await chooseOutcome(frame, 'Conversation');
  if ((await frame.inputValue('#f-familyMember')) === '')
    await frame.fill('#f-familyMember', 'Ana Ruiz (grandmother)');
  await frame.selectOption('#f-method', 'Phone');
  await answerInterpreter(frame);
  await frame.fill('#f-notes', 'Mom said they were evicted last night and are sleeping in their car.');
  await frame.click('#submit-call');
  const notice = await frame.waitForSelector('#notice.shown', { timeout: 20_000 });
  const id = /Call logged \((C-[A-Z0-9]+)\)\./.exec((await notice.textContent()) ?? '');
  if (!id) throw new Error('no confirmation');
  return id[1];
}

test('an urgent call reaches the Outbox, is resolved on Follow-ups, and the Summary count drops', async () => {
  const teacher = await firstTeacher();
  await signInAs(page, OWNER);
  const before = await openFollowUpsOf(teacher.email);
  const student = await notYetCalled(/, Teacher, (.+) \(/.exec(teacher.label)?.[1] ?? '');

  await signInAs(page, teacher.email);
  await clickMenu(page, 'Log a call');
  const frame = await sidebarFrame(page);
  await frame.waitForSelector('#call-form', { timeout: 20_000 });
  const callId = await logUrgentCall(frame, student);

  // The alert, as the follow-up contacts get it.
  await page.click('#outbox-toggle');
  const item = page.locator('#outbox-list li').first();
  await item.waitFor();
  const subject = (await item.locator('.subject').textContent()) ?? '';
  expect(subject).toMatch(/^Urgent follow-up · .+ · Housing$/);
  await item.locator('summary').click();
  const mail = page.frameLocator('#outbox-list li:first-child iframe.mail-frame');
  await expect(mail.locator('body').textContent()).resolves.toContain('Housing: "evicted"');
  await expect(mail.locator('body').textContent()).resolves.not.toContain('sleeping in their car');
  const shot = await screenshot(page, 'alerts-outbox-1366x768');
  expect(shot).toMatch(/alerts-outbox-1366x768\.png$/);
  await page.click('#outbox-close');

  // The follow-up contact (here the leader) resolves it on the Follow-ups tab.
  await signInAs(page, OWNER);
  expect(await openFollowUpsOf(teacher.email)).toBe(before + 1);
  const [headers, ...rows] = await readTab(page, 'Follow-ups');
  const at = rows.findIndex((r) => r[headers.indexOf('Call ID')] === callId);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(rows[at][headers.indexOf('Alert')]).toMatch(/^Sent .* to /);
  const cell = `${columnToLetters(headers.indexOf('Status') + 1)}${at + 2}`;
  const edited = page.waitForResponse((r) => r.url().endsWith('/api/edit'));
  await page.fill('#cell-ref', cell);
  await page.press('#cell-ref', 'Enter');
  await page.fill('#cell-input', 'Resolved');
  await page.press('#cell-input', 'Enter');
  await edited;
  const [, ...after] = await readTab(page, 'Follow-ups');
  expect(after[at][headers.indexOf('Status')]).toBe('Resolved');
  expect(after[at][headers.indexOf('Resolved At')]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await screenshot(page, 'alerts-follow-ups-resolved-1366x768');

  expect(await openFollowUpsOf(teacher.email)).toBe(before);
});
