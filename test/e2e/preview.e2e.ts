/**
 * The preview page (`npm start`) in headless Chromium: the real bundle over the emulator, with a
 * freshly seeded sample district. Screenshots land in test-results/.
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
  startPreview,
} from './harness';

let preview: Preview;
let browser: Browser;
let page: Page;
/** Native dialogs (alert(), confirm()) the page or a frame opened: hostile cell text must never cause one. */
const nativeDialogs: string[] = [];

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
  page = await openPreview(browser, preview.url);
  page.on('dialog', (d) => {
    nativeDialogs.push(d.message());
    void d.dismiss();
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

async function optionLabels(): Promise<Array<{ value: string; label: string }>> {
  return page.$$eval('#user option', (options) =>
    options.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
  );
}

test('the page shows the menu onOpen built, the people to sign in as, and the tabs', async () => {
  await page.getByRole('button', { name: 'Relationship Calls', exact: true }).click();
  const items = await page.$$eval('.menu-list .menu-item', (buttons) => buttons.map((b) => b.textContent));
  expect(items).toEqual(
    expect.arrayContaining(['Log a call', 'Refresh summary', 'Check call log', 'Set up tracker']),
  );
  await screenshot(page, 'preview-menu-open');
  await page.keyboard.press('Escape');
  expect(await page.locator('.menu-list').first().isHidden()).toBe(true);

  const options = await optionLabels();
  expect(options.length).toBeGreaterThan(20);
  expect(options.some((o) => o.label.includes('Teacher'))).toBe(true);
  expect(options.some((o) => o.label.includes('Principal'))).toBe(true);
  expect(options.some((o) => o.value === 'visitor@gmail.example')).toBe(true);
  expect(options.some((o) => o.value === '')).toBe(true);
  expect(await page.getByLabel('Signed in as').count()).toBe(1);

  const tabs = await page.$$eval('[role="tab"]', (t) => t.map((x) => x.textContent));
  expect(tabs).toEqual(
    expect.arrayContaining([
      'Call Log',
      'Staff',
      'Schools',
      'Roster',
      'Settings',
      'Summary',
      'Families',
      'Follow-ups',
    ]),
  );
});

test('a teacher opens "Log a call" and the sidebar knows who they are', async () => {
  const teacher = (await optionLabels()).find((o) => o.label.includes(', Teacher, '));
  if (!teacher) throw new Error('no teacher in the sample district');
  await signInAs(page, teacher.value);
  expect(await page.inputValue('#user')).toBe(teacher.value);
  const name = teacher.label.split(',')[0];

  await clickMenu(page, 'Log a call');
  const frame = await sidebarFrame(page);
  await frame.waitForFunction((n) => document.body.innerText.includes(n), name, { timeout: 15_000 });
  expect(await page.locator('#sidebar').isVisible()).toBe(true);
  expect(await page.locator('#sidebar-title').textContent()).toBe('Log a call');
  const width = await page.locator('#sidebar').evaluate((el) => el.getBoundingClientRect().width);
  expect(width).toBeGreaterThanOrEqual(299);
  await screenshot(page, 'preview-sidebar-teacher');

  // axe takes ~9 s over the Call Log's thousands of cells; the Summary tab has the same markup.
  await readTab(page, 'Summary');
  const violations = await axeScan(page);
  expect(describeViolations(violations)).toBe('');
});

test('someone not on Staff is told so, and switching users closes the sidebar', async () => {
  await signInAs(page, 'visitor@gmail.example');
  expect(await page.locator('#sidebar').isHidden()).toBe(true);
  await clickMenu(page, 'Log a call');
  const frame = await sidebarFrame(page);
  await frame.waitForFunction(() => /not on the Staff tab/.test(document.body.innerText), null, {
    timeout: 15_000,
  });
});

test('google.script.run in a sidebar: handlers run later, with the user object; unknown functions fail', async () => {
  const frame = await sidebarFrame(page);
  const outcome = await frame.evaluate(
    () =>
      new Promise<{ sync: boolean; ok: unknown; okUser: unknown; error: string; errorUser: unknown }>(
        (resolve) => {
          type Runner = Record<string, (...args: unknown[]) => Runner>;
          const run = (window as unknown as { google: { script: { run: Runner } } }).google.script.run;
          let returned = false;
          let sync = false;
          const result = { ok: undefined as unknown, okUser: undefined as unknown };
          run
            .withSuccessHandler((value: unknown, user: unknown) => {
              sync ||= !returned;
              result.ok = value;
              result.okUser = user;
              run
                .withFailureHandler((error: unknown, user: unknown) =>
                  resolve({ sync, ...result, error: (error as Error).message, errorUser: user }),
                )
                .withUserObject('second')
                .noSuchFunction();
            })
            .withUserObject({ n: 1 })
            .getCallFormData();
          returned = true;
        },
      ),
  );
  expect(outcome.sync).toBe(false);
  expect(outcome.ok).toMatchObject({ ok: false });
  expect(outcome.okUser).toEqual({ n: 1 });
  expect(outcome.error).toMatch(/noSuchFunction/);
  expect(outcome.errorUser).toBe('second');
});

test('the Summary tab renders as a table', async () => {
  const rows = await readTab(page, 'Summary');
  const flat = rows.flat();
  expect(flat).toEqual(expect.arrayContaining(['Families Reached', 'Status']));
  expect(flat.some((c) => c.includes('Maple Elementary'))).toBe(true);
  expect(await page.locator('#grid table.sheet').count()).toBe(1);
  await screenshot(page, 'preview-summary');
});

test('cell text is shown as text, never as HTML', async () => {
  const roster = await readTab(page, 'Roster');
  expect(roster.flat()).toContain('<b>Ana</b> "Ruiz"');
  expect(await page.locator('#grid b').count()).toBe(0);
  await screenshot(page, 'preview-roster');

  const log = await readTab(page, 'Call Log');
  expect(log.flat().some((c) => c.startsWith('<img src=x onerror=alert(1)>'))).toBe(true);
  expect(await page.locator('#grid img').count()).toBe(0);
  expect(nativeDialogs).toEqual([]);
});

test('a menu action that shows a toast, and one that opens a dialog', async () => {
  const owner = (await optionLabels()).find((o) => o.label.includes(', Leader, '));
  if (!owner) throw new Error('no leader in the sample district');
  await signInAs(page, owner.value);

  await clickMenu(page, 'Refresh summary');
  await page.waitForSelector('.toast');
  expect(await page.locator('.toast').first().textContent()).toContain('Summary and Families refreshed');

  await readTab(page, 'Follow-ups'); // a small tab under the dialog: axe is slow over big ones
  await clickMenu(page, 'Check call log');
  const dialog = page.getByRole('dialog', { name: 'Check call log' });
  await dialog.waitFor();
  const frame = await (await dialog.locator('iframe').elementHandle())?.contentFrame();
  if (!frame) throw new Error('the dialog has no frame');
  await frame.waitForLoadState('domcontentloaded');
  expect(nativeDialogs).toEqual([]);
  await screenshot(page, 'preview-check-dialog');
  expect(describeViolations(await axeScan(page))).toBe('');
  await page.keyboard.press('Escape');
  expect(await dialog.count()).toBe(0);
});

test('after "Refresh summary", the Summary tab shows its chart: one bar per school, with its title', async () => {
  const ran = page.waitForResponse((r) => r.url().endsWith('/api/menu'));
  await clickMenu(page, 'Refresh summary');
  await ran;
  const rows = await readTab(page, 'Summary');

  // The school table: its header row, then a row per school, then the district total.
  const header = rows.findIndex((r) => r.includes('Staff With Goals'));
  expect(header).toBeGreaterThan(0);
  const percentMet = rows[header].indexOf('% Met');
  const block: string[][] = [];
  for (let r = header + 1; r < rows.length && rows[r][0] !== ''; r++) block.push(rows[r]);
  const schools = block.slice(0, -1);
  expect(schools.length).toBeGreaterThan(1);

  const chart = page.getByRole('figure', { name: 'Share of staff who met their goal, by school' });
  expect(await chart.isVisible()).toBe(true);
  expect(await chart.getByRole('heading', { level: 3 }).textContent()).toBe(
    'Share of staff who met their goal, by school',
  );
  // The text alternative: a row per school, its name and its "% Met" as the sheet shows it.
  const data = await chart
    .getByRole('table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children).map((c) => c.textContent ?? '')));
  expect(data).toEqual(schools.map((r) => [r[0], r[percentMet]]));
  expect(await chart.locator('.plot-bar-rect').count()).toBe(schools.length);
  // A percent axis from 0% to 100%.
  expect(await chart.locator('.plot-ticks > span').allTextContents()).toEqual([
    '0%',
    '25%',
    '50%',
    '75%',
    '100%',
  ]);

  await screenshot(page, 'preview-summary-chart');
  expect(describeViolations(await axeScan(page))).toBe('');
});

test('at 1366×768 a principal reads Summary top-down and Families with the waiting families first', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  const ran = page.waitForResponse((r) => r.url().endsWith('/api/menu'));
  await clickMenu(page, 'Refresh summary');
  await ran;

  const summary = await readTab(page, 'Summary');
  const schoolHeader = summary.findIndex((r) => r.includes('Staff With Goals'));
  const staffHeader = summary.findIndex((r) => r.includes('% of Goal'));
  expect(schoolHeader).toBe(2);
  expect(staffHeader).toBeGreaterThan(schoolHeader);
  // The district's % Met (blank until a district tracker reads this one) sits beside the school's.
  expect(summary[schoolHeader].indexOf('District % Met')).toBe(summary[schoolHeader].indexOf('% Met') + 1);
  expect(summary[schoolHeader].indexOf('% Exceeded Goal')).toBe(summary[schoolHeader].indexOf('% Met') + 2);
  // Within a school, Not started and Behind come first.
  const status = summary[staffHeader].indexOf('Status');
  const order = ['Not started', 'Behind', 'On pace', 'Met goal', 'Exceeded goal', ''];
  const staff = summary.slice(staffHeader + 1).filter((r) => r[0] !== '' && r[1] !== '');
  for (let i = 1; i < staff.length; i++) {
    if (staff[i][0] !== staff[i - 1][0]) continue;
    expect(order.indexOf(staff[i][status])).toBeGreaterThanOrEqual(order.indexOf(staff[i - 1][status]));
  }
  await screenshot(page, 'preview-summary-1366x768');

  const [header, ...families] = await readTab(page, 'Families');
  expect(header.slice(0, 12)).toEqual([
    'School',
    'Students',
    'Family Member',
    'Phone',
    'Home Language',
    'Priority',
    'Assigned To',
    'Attempts',
    'Last Attempt',
    'Reached By',
    'Reached On',
    'Status',
  ]);
  const firstSchool = families.filter((r) => r[0] === families[0][0]);
  const reachedAt = firstSchool.findIndex((r) => r[11] === 'Reached');
  expect(reachedAt).toBeGreaterThan(0);
  expect(firstSchool.slice(reachedAt).every((r) => r[11] === 'Reached')).toBe(true);
  expect(firstSchool[0][5]).not.toBe(''); // a priority family first
  await screenshot(page, 'preview-families-1366x768');
});
