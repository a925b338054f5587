/**
 * Weekly digests in the preview (`npm start`): a leader previews a school's digest from the menu,
 * sends the digests, and reads them in the Outbox; the digest email itself, shown alone at a laptop's
 * size, passes an axe-core scan. Screenshots land in test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import type { Email } from '../../dev/preview/client/protocol';
import {
  axeScan,
  clickMenu,
  describeViolations,
  launchBrowser,
  openPreview,
  Preview,
  readTab,
  screenshot,
  signInAs,
  someoneWithRole,
  startPreview,
} from './harness';

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

const leader = (): Promise<string> => someoneWithRole(page, 'Leader');

test('a leader previews a school digest from the menu: the email as it would be sent, nothing sent', async () => {
  await signInAs(page, await leader());
  await readTab(page, 'Digest Log'); // a small tab under the dialog: axe is slow over big ones
  const outboxBefore = await page.locator('#outbox-count').textContent();
  await clickMenu(page, 'Preview digest');
  const dialog = page.getByRole('dialog', { name: 'Preview digest' });
  await dialog.waitFor();
  const frame = await (await dialog.locator('iframe').elementHandle())?.contentFrame();
  if (!frame) throw new Error('the dialog has no frame');
  await frame.waitForSelector('#scope');
  expect(await frame.locator('#subject').textContent()).toMatch(/^Relationship calls · District · week of /);

  const school = await frame.$$eval('#scope option', (o) => (o[0] as HTMLOptionElement).value);
  await frame.selectOption('#scope', school);
  await frame.waitForFunction(
    (name) => document.getElementById('subject')?.textContent?.includes(`· ${name} ·`),
    school,
    { timeout: 20_000 },
  );
  const email = await (await frame.locator('#email').elementHandle())?.contentFrame();
  if (!email) throw new Error('the preview shows no email');
  await email.waitForSelector('h1');
  expect(await email.locator('h1').textContent()).toContain(school);
  expect(await frame.locator('#recipients').textContent()).toMatch(/@/);
  await screenshot(page, 'digest-preview-dialog');
  expect(describeViolations(await axeScan(page))).toBe('');
  expect(await page.locator('#outbox-count').textContent()).toBe(outboxBefore);
  await page.keyboard.press('Escape');
});

test('Send digests now sends every digest; the Outbox shows each rendered and as plain text', async () => {
  const ran = page.waitForResponse((r) => r.url().endsWith('/api/menu'));
  await clickMenu(page, 'Send digests now');
  await ran;
  const report = page.getByRole('alertdialog', { name: 'Send digests now' });
  await report.waitFor();
  expect(await report.textContent()).toMatch(/Sent \d+ digests/);
  await report.getByRole('button', { name: 'OK' }).click();

  const log = await readTab(page, 'Digest Log');
  const sent = log.filter((r) => r.includes('Sent') && r.includes('menu'));
  expect(sent.length).toBeGreaterThan(2);

  await page.locator('#outbox-toggle').click();
  const first = page.locator('#outbox-list > li').first();
  await first.locator('summary').click();
  await first.locator('iframe.mail-frame').waitFor();
  expect(await first.locator('pre.mail-body').textContent()).toContain('IN THE TRACKER');
  expect(await first.locator('dd').first().textContent()).toMatch(/@/);
  await screenshot(page, 'digest-outbox');
});

test('the digest email, alone at 1366x768, reads well and passes axe-core', async () => {
  const response = await page.request.get(new URL('/api/outbox', preview.url).toString());
  const emails = (await response.json()) as Email[];
  const school = emails.find((m) => !m.subject.includes('· District ·') && m.htmlBody);
  const district = emails.find((m) => m.subject.includes('· District ·') && m.htmlBody);
  if (!school?.htmlBody || !district?.htmlBody)
    throw new Error('no school and district digest in the outbox');
  expect(Buffer.byteLength(school.htmlBody)).toBeLessThan(100_000);

  const mail = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    for (const [name, m] of [
      ['digest-email-school', school],
      ['digest-email-district', district],
    ] as const) {
      await mail.setContent(m.htmlBody!);
      expect(await mail.title()).toBe(m.subject);
      await screenshot(mail, name);
      expect(describeViolations(await axeScan(mail))).toBe('');
    }
  } finally {
    await mail.close();
  }
});
