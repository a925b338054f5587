/**
 * The district rollup in the preview, as a district leader uses it: the preview holds the sample
 * district's tracker (Maple and Riverside), Cedar Elementary's own tracker, and a district tracker
 * listing Cedar's. The leader copies the sample tracker's link, pastes it on Trackers, refreshes,
 * and sees its schools' rows.
 */
import type { Browser, Page } from 'playwright-core';
import {
  alertText,
  typeInto,
  axeScan,
  clickMenu,
  describeViolations,
  emailOnPhone,
  launchBrowser,
  openPreview,
  openSpreadsheet,
  PHONE_WIDTH,
  Preview,
  readTab,
  screenshot,
  signInAs,
  startPreview,
} from './harness';

const LEADER = 'leader@district.example.org';

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  page = await openPreview(browser, preview.url);
  await page.setViewportSize({ width: 1366, height: 768 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

test('the leader adds a school tracker on Trackers, refreshes, and sees its rows on the District tab', async () => {
  const link = await openSpreadsheet(page, 'Relationship Call Tracker (sample district)');
  expect(link).toMatch(/^https:\/\/docs\.google\.com\/spreadsheets\/d\/[\w-]+\/edit$/);

  await openSpreadsheet(page, 'District rollup (sample)');
  await signInAs(page, LEADER);
  // A district tracker's menu holds only what works there (Sheets' own File → Make a copy aside).
  const items = await page.$$eval('#menubar .menu-item:not([data-function=""])', (bs) =>
    bs.map((b) => b.textContent),
  );
  expect(items).toEqual([
    'Refresh district rollup',
    'Preview district digest',
    'Send district digest now',
    'Set up district rollup',
  ]);

  let district = await readTab(page, 'District');
  expect(district.map((r) => r[0])).toEqual(['School', 'Cedar Elementary', 'District total']);

  const trackers = await readTab(page, 'Trackers');
  await typeInto(page, `A${trackers.length + 1}`, link);
  await clickMenu(page, 'Refresh district rollup');
  expect(await alertText(page)).toContain('District tab refreshed: 2 of 2 school trackers read, 3 schools.');

  district = await readTab(page, 'District');
  const names = district.map((r) => r[0]);
  expect(names).toEqual([
    'School',
    'Cedar Elementary',
    'Maple Elementary',
    'Riverside Middle',
    'District total',
  ]);
  const header = district[0];
  const cell = (row: string[], h: string) => row[header.indexOf(h)];
  for (const school of district.slice(2, 4)) {
    expect(cell(school, 'Status')).toBe('');
    expect(cell(school, 'Tracker')).toBe(link);
    expect(Number(cell(school, 'Staff With Goals'))).toBeGreaterThan(0);
    expect(cell(school, '% Met')).toMatch(/^\d+%$/);
  }
  const chart = page.locator('#grid figure.chart').first();
  await expect(chart.textContent()).resolves.toContain('Riverside Middle');
  await screenshot(page, 'district-tab-with-the-added-tracker');

  const trackersAfter = await readTab(page, 'Trackers');
  expect(trackersAfter[trackersAfter.length - 1].slice(0, 3)).toEqual([
    link,
    'Maple Elementary, Riverside Middle',
    'Read.',
  ]);
  await screenshot(page, 'district-trackers');
}, 120_000);

test("the leader previews the district digest; the school's Summary shows the district's % Met beside its own", async () => {
  await clickMenu(page, 'Preview district digest');
  const dialog = page.getByRole('dialog', { name: 'Preview district digest' });
  await dialog.waitFor();
  const email = page.frameLocator('.modal.dialog iframe').frameLocator('iframe#email');
  await expect(email.locator('h1').textContent()).resolves.toMatch(/^The district: the week of /);
  await expect(email.locator('body').textContent()).resolves.toContain('Riverside Middle');
  await screenshot(page, 'district-digest-preview');
  // The email as sent, on a phone: no scrolling sideways, nothing axe finds.
  const html = await page.frameLocator('.modal.dialog iframe').locator('iframe#email').getAttribute('srcdoc');
  if (!html) throw new Error('the preview shows no email');
  expect(await emailOnPhone(browser, html, 'district-tracker')).toEqual({
    width: PHONE_WIDTH,
    violations: '',
    brokenWords: [],
  });
  await page.keyboard.press('Escape');

  await openSpreadsheet(page, 'Relationship Call Tracker (sample district)');
  await signInAs(page, LEADER);
  await clickMenu(page, 'Refresh summary');
  const summary = await readTab(page, 'Summary');
  const header = summary.find((r) => r.includes('District % Met'))!;
  const maple = summary.find((r) => r[0] === 'Maple Elementary')!;
  expect(maple[header.indexOf('District % Met')]).toMatch(/^\d+%$/);
  // Beside the school's own % Met, with nothing scrolled.
  expect(header.indexOf('District % Met')).toBe(header.indexOf('% Met') + 1);
  await screenshot(page, 'school-summary-district-percent');
}, 120_000);

test('the district tracker passes axe with its District tab showing', async () => {
  await openSpreadsheet(page, 'District rollup (sample)');
  await readTab(page, 'District');
  const violations = await axeScan(page);
  expect(describeViolations(violations)).toBe('');
}, 60_000);
