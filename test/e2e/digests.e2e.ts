/**
 * Weekly digests in the preview (`npm start`): a leader previews a school's digest from the menu,
 * sends the digests, and reads them in the Outbox; the digest email itself, shown alone at a laptop's
 * size, passes an axe-core scan. Screenshots land in test-results/.
 */
import type { Browser, Page } from 'playwright-core';
import type { Email } from '../../dev/preview/client/protocol';
import { SUMMARY_SCHOOL_HEADERS, SUMMARY_STAFF_HEADERS } from '../../src/core/summaryTable';
import {
  axeScan,
  clickMenu,
  describeViolations,
  emailOnPhone,
  launchBrowser,
  openPreview,
  PHONE_WIDTH,
  Preview,
  readTab,
  screenshot,
  sidebarFrame,
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

/** The email of the first person of the sample district with this role (from "Signed in as"). */
const first = (role: 'Leader' | 'Principal' | 'Teacher'): Promise<string> => someoneWithRole(page, role);

test('a leader previews a school digest from the menu: the email as it would be sent, nothing sent', async () => {
  await signInAs(page, await first('Leader'));
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

test('Send digests now says how many emails go to whom and asks; No sends nothing, Yes sends every digest', async () => {
  const outboxBefore = await page.locator('#outbox-count').textContent();
  await clickMenu(page, 'Send digests now');
  // The execution waits for the answer, as in Sheets.
  let question = page.getByRole('alertdialog', { name: 'Send digests now' });
  await question.waitFor();
  expect(await question.textContent()).toMatch(/This sends \d+ emails from your account \(.+@.+\) now:/);
  expect(await question.textContent()).toMatch(/• District: /);
  await screenshot(page, 'digest-send-question');
  expect(describeViolations(await axeScan(page))).toBe('');
  await question.getByRole('button', { name: 'No' }).click();
  await page.locator('#toasts .toast', { hasText: 'Send digests now: nothing was sent.' }).waitFor();
  expect(await page.locator('#outbox-count').textContent()).toBe(outboxBefore);

  await clickMenu(page, 'Send digests now');
  question = page.getByRole('alertdialog', { name: 'Send digests now' });
  await question.waitFor();
  const ran = page.waitForResponse((r) => r.url().endsWith('/api/answer'));
  await question.getByRole('button', { name: 'Yes' }).click();
  await ran;
  const report = page
    .getByRole('alertdialog', { name: 'Send digests now' })
    .filter({ hasText: /Sent \d+ digests/ });
  await report.waitFor();
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

test('every email fits a 390-pixel phone without scrolling sideways: both digests and the urgent alert', async () => {
  // An urgent call, as a teacher logs it, for an alert email beside the digests.
  const today = new Date().toISOString().slice(0, 10);
  const logged = await page.request.post(new URL('/api/run', preview.url).toString(), {
    data: {
      fn: 'submitCall',
      user: await first('Teacher'),
      args: [
        {
          submissionId: 'phone-width-alert-00001',
          callDate: today,
          student: 'Sam Phone-Width',
          offRoster: true,
          familyMember: 'Pat Phone-Width (father)',
          method: 'Phone',
          outcome: 'Conversation',
          notes: 'The family was evicted and is staying in a shelter.',
        },
      ],
    },
  });
  expect(((await logged.json()) as { value: { urgent: boolean } }).value.urgent).toBe(true);

  const emails = (await (
    await page.request.get(new URL('/api/outbox', preview.url).toString())
  ).json()) as Email[];
  const kinds: Array<[string, Email | undefined]> = [
    [
      'school',
      emails.find((m) => m.subject.startsWith('Relationship calls') && !m.subject.includes('· District ·')),
    ],
    ['district', emails.find((m) => m.subject.includes('· District ·'))],
    ['alert', emails.find((m) => m.subject.startsWith('Urgent follow-up'))],
  ];
  for (const [kind, m] of kinds) {
    if (!m?.htmlBody) throw new Error(`no ${kind} email in the outbox`);
    expect(await emailOnPhone(browser, m.htmlBody, kind)).toEqual({
      width: PHONE_WIDTH,
      violations: '',
      brokenWords: [],
    });
  }
});

// ---- a principal before a staff meeting, at 1366×768

/** Whether the element is inside the visible part of its scrolling grid (the tab), nothing scrolled. */
async function shownInGrid(text: string): Promise<boolean> {
  return page.$eval(
    '#grid',
    (grid, wanted) => {
      const cell = Array.from(grid.querySelectorAll<HTMLElement>('[data-cell]')).find(
        (c) => (c.childNodes[0]?.textContent ?? '') === wanted,
      );
      if (!cell) return false;
      const box = cell.getBoundingClientRect();
      const view = grid.getBoundingClientRect();
      return grid.scrollLeft === 0 && box.left >= view.left && box.right <= view.left + grid.clientWidth;
    },
    text,
  );
}

test("a principal's My school answers the four questions on its first screen, from the Summary's numbers", async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, await first('Principal'));
  const summary = await readTab(page, 'Summary');
  await clickMenu(page, 'My school');
  const frame = await sidebarFrame(page);
  await frame.waitForSelector('.glance', { timeout: 20_000 });
  const school = (await frame.textContent('.as-of strong')) ?? '';
  // Each of the four answers is on screen: nothing scrolled in the sidebar.
  const answers = await frame.$$eval('.glance-item', (items) =>
    items.map((item) => {
      const r = item.getBoundingClientRect();
      return {
        label: item.querySelector('.glance-label')?.textContent ?? '',
        answer: item.querySelector('.glance-answer')?.textContent ?? '',
        visible: r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0,
      };
    }),
  );
  expect(await frame.evaluate(() => window.scrollY)).toBe(0);
  expect(answers.map((a) => [a.label, a.visible])).toEqual([
    ['Goal', true],
    ['Need a check-in', true],
    ['Families not reached yet', true],
    ['Urgent follow-ups', true],
  ]);
  // The Summary's own numbers: the school's % Met and % Exceeded Goal, and its families reached of the Roster's.
  const header = summary.findIndex((r) => r[0] === 'School');
  const row = summary.find((r) => r[0] === school);
  if (!row) throw new Error(`${school} is not on the Summary`);
  const at = (h: string) => row[summary[header].indexOf(h)];
  expect(answers[0].answer).toContain(`${at('% Met')} met, ${at('% Exceeded Goal')} exceeded`);
  expect(answers[0].answer).toMatch(/Deadline [A-Z][a-z]{2} \d{1,2}: \d+ days? left|deadline/);
  const waiting = Number(at('Roster Families')) - Number(at('Families Reached'));
  expect(answers[2].answer).toMatch(new RegExp(`^${waiting} of ${at('Roster Families')}`));
  expect(answers[3].answer).toMatch(/^\d+ open, \d+ overdue|None open/);
  await screenshot(page, 'my-school-principal-1366x768');
  const box = await page.$('#sidebar-body iframe');
  await box?.screenshot({ path: 'test-results/my-school-sidebar.png' });
  expect(describeViolations(await axeScan(frame))).toBe('');

  // By keyboard: Tab reaches each answer's list, Enter goes there; every line links to its row.
  await frame.focus('.see-all');
  await page.keyboard.press('Tab');
  expect(await frame.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#waiting');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await frame.waitForFunction(() => location.hash === '#check-ins');
  const links = await frame.$$eval('.lines a', (as) => as.map((a) => (a as HTMLAnchorElement).href));
  expect(links.length).toBeGreaterThan(0);
  for (const href of links) expect(href).toMatch(/#gid=\d+&range=A\d+$/);
});

test('at 1366×768 the Summary shows names, Status and % Exceeded Goal, and Follow-ups Status, Overdue and Days Open, without scrolling sideways', async () => {
  await page.setViewportSize({ width: 1366, height: 768 });
  // The whole window for the tab: no sidebar, no outbox.
  for (const close of ['#sidebar-close', '#outbox-close'])
    if (await page.isVisible(close)) await page.click(close);
  await readTab(page, 'Summary');
  // The school table through % Exceeded Goal, the staff table through Last Call.
  const read = [
    ...SUMMARY_SCHOOL_HEADERS.slice(0, SUMMARY_SCHOOL_HEADERS.indexOf('% Exceeded Goal') + 1),
    ...SUMMARY_STAFF_HEADERS.slice(0, SUMMARY_STAFF_HEADERS.indexOf('Last Call') + 1),
  ];
  expect(read).toContain('Status');
  for (const header of read) expect([header, await shownInGrid(header)]).toEqual([header, true]);
  // The chart floats beside the tables, over no cell that holds anything.
  const overlaps = await page.$eval('#grid', (grid) => {
    const chart = grid.querySelector('.chart.floating')?.getBoundingClientRect();
    if (!chart) return ['no chart'];
    return Array.from(grid.querySelectorAll<HTMLElement>('tbody [data-cell]'))
      .filter((c) => (c.childNodes[0]?.textContent ?? '').trim() !== '')
      .filter((c) => {
        const r = c.getBoundingClientRect();
        return r.left < chart.right && r.right > chart.left && r.top < chart.bottom && r.bottom > chart.top;
      })
      .map((c) => c.dataset.cell ?? '');
  });
  expect(overlaps).toEqual([]);
  await screenshot(page, 'summary-1366x768');
  await readTab(page, 'Follow-ups');
  for (const header of ['Kind', 'Student', 'Status', 'Overdue', 'Days Open'])
    expect([header, await shownInGrid(header)]).toEqual([header, true]);
  await screenshot(page, 'follow-ups-1366x768');
});
