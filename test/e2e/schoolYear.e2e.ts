/**
 * A new school year as a leader does it in the preview (a teacher's menu has neither item): File → Make a copy, Start a new school
 * year in the copy (asked the new year's days, with defaults, in dialogs like Sheets' prompt, and
 * whether to empty the Roster, before anything changes; told what it did), then in last year's
 * tracker Close this school year (asked for this year's tracker, again when the answer is no
 * link); the Summary then says where this year's tracker is and a teacher's sidebar sends them
 * there. Screenshots land in test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import {
  axeScan,
  clickMenu,
  describeViolations,
  launchBrowser,
  openPreview,
  openSpreadsheet,
  Preview,
  readTab,
  screenshot,
  sidebarFrame,
  signInAs,
  someoneWithRole,
  startPreview,
} from './harness';

const LAST_YEAR = 'Relationship Call Tracker (sample district)';

let preview: Preview;
let browser: Browser;
let page: Page;
/** This year's tracker: the copy the leader made and started the year in. */
let nextYear = '';

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  page = await openPreview(browser, preview.url);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

// Sheets' questions: an alert (alertdialog) or a prompt (a dialog with a text field).
const dialog = () => page.getByRole('alertdialog').or(page.locator('.modal.alert[role="dialog"]'));

test('a teacher’s menu has no school-year item: nothing there would only refuse them', async () => {
  await signInAs(page, await someoneWithRole(page, 'Teacher'));
  const menu = page.getByRole('button', { name: 'Relationship Calls', exact: true });
  await menu.click();
  const items = await page.$$eval('.menu-list:not([hidden]) .menu-item', (nodes) =>
    nodes.map((n) => n.textContent),
  );
  expect(items).toContain('Log a call');
  expect(items).not.toContain('Start a new school year');
  expect(items).not.toContain('Close this school year');
  await menu.click();
});

test('a leader makes a copy and starts the new school year in it: asked the days and the Roster, told what was done', async () => {
  const leader = await someoneWithRole(page, 'Leader');
  await signInAs(page, leader);
  const lastYearsFollowUps = (await readTab(page, 'Follow-ups')).length - 1;
  await clickMenu(page, 'Make a copy', 'File');
  await page.waitForFunction(
    (name) => document.getElementById('doc-title')?.textContent === `Copy of ${name}`,
    LAST_YEAR,
  );
  nextYear = (await page.textContent('#doc-url')) ?? '';
  await signInAs(page, leader);
  await clickMenu(page, 'Start a new school year');
  await expect(dialog().textContent()).resolves.toMatch(
    /Calls Start Date for the new school year \(YYYY-MM-DD\)\. Leave it blank for \d{4}-\d\d-\d\d\./,
  );
  await screenshot(page, 'school-year-start-asks');
  await dialog().getByRole('button', { name: 'OK' }).click(); // blank: the default
  await expect(dialog().textContent()).resolves.toContain('Goal Deadline for the new school year');
  await dialog().getByRole('textbox').fill('not a day');
  await dialog().getByRole('button', { name: 'OK' }).click();
  await expect(dialog().textContent()).resolves.toContain('"not a day" is not a day.');
  await dialog().getByRole('button', { name: 'OK' }).click();
  await expect(dialog().textContent()).resolves.toContain('Empty the Roster');
  await dialog().getByRole('button', { name: 'No' }).click();
  await expect(dialog().textContent()).resolves.toContain('Make this copy the tracker for');
  expect(describeViolations(await axeScan(page))).toBe('');
  await screenshot(page, 'school-year-start-confirm');
  await dialog().getByRole('button', { name: 'Yes' }).click();
  const said = (await dialog().textContent()) ?? '';
  expect(said).toContain('This spreadsheet is now the tracker for');
  expect(said).toContain('open follow-ups carried over, marked "(from last year)"');
  await screenshot(page, 'school-year-started');
  await dialog().getByRole('button', { name: 'OK' }).click();
  expect(await readTab(page, 'Call Log')).toHaveLength(1);
  const followUps = (await readTab(page, 'Follow-ups')).slice(1);
  expect(followUps.length).toBeGreaterThan(0);
  expect(followUps.length).toBeLessThan(lastYearsFollowUps);
  for (const row of followUps) expect(row.join(' ')).toContain('(from last year)');
  await screenshot(page, 'school-year-started-follow-ups');
  // The Summary is this year's: no call yet, every carried follow-up counted open.
  const summary = await readTab(page, 'Summary');
  const schools = summary.find((r) => r[0] === 'School' && r.includes('Open Follow-ups'))!;
  const district = summary.find((r) => r[0] === 'District')!;
  expect(district[schools.indexOf('Families Reached')]).toBe('0');
  expect(district[schools.indexOf('Open Follow-ups')]).toBe(String(followUps.length));
  await screenshot(page, 'school-year-started-summary');
});

test('in last year’s tracker, the leader closes the year: asked for the link (again when it is none), then to confirm; told what was done', async () => {
  await openSpreadsheet(page, LAST_YEAR);
  await signInAs(page, await someoneWithRole(page, 'Leader'));
  await clickMenu(page, 'Close this school year');
  await dialog().getByRole('textbox').fill('next year');
  await dialog().getByRole('button', { name: 'OK' }).click();
  await expect(dialog().textContent()).resolves.toContain('"next year" is not a Google Sheets link');
  expect(describeViolations(await axeScan(page))).toBe('');
  await screenshot(page, 'school-year-close-asks-again');
  await dialog().getByRole('textbox').fill(nextYear);
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
  expect(summary[0].join(' ')).toContain(`This year's tracker: ${nextYear}`);
  await screenshot(page, 'school-year-closed-summary');
});

test("a teacher's sidebar then says where to log calls", async () => {
  await signInAs(page, await someoneWithRole(page, 'Teacher'));
  await clickMenu(page, 'Log a call');
  const frame = await sidebarFrame(page);
  await frame.waitForFunction((link) => document.body.textContent?.includes(link) ?? false, nextYear);
  await screenshot(page, 'school-year-closed-sidebar');
});
