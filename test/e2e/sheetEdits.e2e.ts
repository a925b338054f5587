/**
 * The schema enforced by hand, in the preview: "Set up tracker" from the menu, a bad value typed
 * into the Call Log gets its note (and loses it when fixed), and "Check call log" lists the row.
 */
import type { Browser, Page } from 'playwright-core';
import {
  alertText,
  typeInto,
  clickMenu,
  launchBrowser,
  openPreview,
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
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function cellNote(cell: string): Promise<string | null> {
  await page.waitForFunction(() => document.getElementById('tabpanel')?.getAttribute('aria-busy') !== 'true');
  return page.$eval(`[data-cell="${cell}"]`, (td) =>
    td.classList.contains('has-note') ? (td as HTMLElement).title : null,
  );
}

test('the leader runs "Set up tracker" from the menu on a tracker in use: nothing is changed', async () => {
  await signInAs(page, LEADER);
  await clickMenu(page, 'Set up tracker');
  const text = await alertText(page);
  expect(text).toContain('No data was moved, cleared or overwritten.');
});

test('a bad hand edit gets a note saying what is allowed; fixing it clears the note', async () => {
  const teacher = await page.$$eval('#user option', (options) =>
    options
      .map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? '' }))
      .find((o) => /, Teacher,/.test(o.label)),
  );
  await signInAs(page, teacher!.value);
  const [headers] = await readTab(page, 'Call Log');
  const method = `${columnLetter(headers.indexOf('Method'))}2`;

  await typeInto(page, method, 'Carrier pigeon');
  await page.waitForFunction(
    (cell) => document.querySelector(`[data-cell="${cell}"]`)?.classList.contains('has-note'),
    method,
  );
  expect(await cellNote(method)).toContain('Method must be one of: Phone, Video');
  await page.$eval(`[data-cell="${method}"]`, (td) =>
    td.scrollIntoView({ block: 'center', inline: 'center' }),
  );
  await screenshot(page, 'preview-hand-edit-note');

  await clickMenu(page, 'Check call log');
  const dialog = page.getByRole('dialog', { name: 'Check call log' });
  await dialog.waitFor();
  const report = page.frameLocator('.modal.dialog iframe');
  await report.locator('table').waitFor();
  expect(
    await report
      .locator('tr', { hasText: 'Method must be one of' })
      .first()
      .locator('td')
      .first()
      .textContent(),
  ).toBe('2');
  await page.keyboard.press('Escape');

  await typeInto(page, method, 'Video');
  await page.waitForFunction(
    (cell) => !document.querySelector(`[data-cell="${cell}"]`)?.classList.contains('has-note'),
    method,
  );
  expect(await cellNote(method)).toBeNull();
});
