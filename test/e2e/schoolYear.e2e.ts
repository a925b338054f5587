/**
 * Closing a school year as a leader does it in the preview: the menu item asks for this year's
 * tracker (in a dialog like Sheets' prompt, asked again when the answer is no link), asks before it
 * changes anything, says what it did; the Summary then says where this year's tracker is and a
 * teacher's sidebar sends them there. Screenshots land in test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import {
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
  someoneWithRole,
  startPreview,
} from './harness';

const NEXT_YEAR = 'https://docs.google.com/spreadsheets/d/1NextYearsTracker2027abcdefghijklmnop/edit';

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  page = await openPreview(browser, preview.url);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

const dialog = () => page.getByRole('alertdialog');

test('a teacher is told who may close the year, and nothing is asked', async () => {
  await signInAs(page, await someoneWithRole(page, 'Teacher'));
  await clickMenu(page, 'Close this school year');
  await expect(dialog().textContent()).resolves.toContain(
    "Only the spreadsheet's owner or a Leader on the Staff tab can close the school year",
  );
  await dialog().getByRole('button', { name: 'OK' }).click();
});

test('a leader closes the year: asked for the link (again when it is none), then to confirm; told what was done', async () => {
  await signInAs(page, await someoneWithRole(page, 'Leader'));
  await clickMenu(page, 'Close this school year');
  await dialog().getByRole('textbox').fill('next year');
  await dialog().getByRole('button', { name: 'OK' }).click();
  await expect(dialog().textContent()).resolves.toContain('"next year" is not a Google Sheets link');
  expect(describeViolations(await axeScan(page))).toBe('');
  await screenshot(page, 'school-year-close-asks-again');
  await dialog().getByRole('textbox').fill(NEXT_YEAR);
  await dialog().getByRole('button', { name: 'OK' }).click();
  await expect(dialog().textContent()).resolves.toContain('Close 2026–27 in this tracker?');
  await screenshot(page, 'school-year-close-confirm');
  await dialog().getByRole('button', { name: 'Yes' }).click();
  await expect(dialog().textContent()).resolves.toContain(
    'is closed in this tracker, and nothing in its tabs',
  );
  await screenshot(page, 'school-year-closed');
  await dialog().getByRole('button', { name: 'OK' }).click();
  const summary = await readTab(page, 'Summary');
  expect(summary[0].join(' ')).toContain(`This year's tracker: ${NEXT_YEAR}`);
  await screenshot(page, 'school-year-closed-summary');
});

test("a teacher's sidebar then says where to log calls", async () => {
  await signInAs(page, await someoneWithRole(page, 'Teacher'));
  await clickMenu(page, 'Log a call');
  const frame = await sidebarFrame(page);
  await frame.waitForFunction((link) => document.body.textContent?.includes(link) ?? false, NEXT_YEAR);
  await screenshot(page, 'school-year-closed-sidebar');
});
