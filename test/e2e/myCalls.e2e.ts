/**
 * A teacher's own calls in a real browser. Fixing and withdrawing: a call logged, opened again
 * from "My recent calls" with Edit, a change saved, then withdrawn ("Logged by mistake"); the row is
 * rewritten in place, then struck through on the Call Log, and the teacher's progress goes down.
 * Consent: ticking "OK to quote (no names)" shows, as the teacher types, exactly what a principal's
 * digest would quote of the call, or why nothing would be.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import {
  answerInterpreter,
  axeScan,
  chooseOutcome,
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

jest.setTimeout(120_000);

let preview: Preview;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  [preview, browser] = await Promise.all([startPreview(), launchBrowser()]);
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await preview?.stop();
});

/** "12 of 20 families reached" → 12. */
async function reached(frame: Frame): Promise<number> {
  const text = (await frame.textContent('#progress-text')) ?? '';
  const n = /^(\d+)/.exec(text.trim());
  if (!n) throw new Error(`no progress: ${text}`);
  return Number(n[1]);
}

/** The Call Log row holding this Call ID, by header, and whether its cells are struck through. */
async function callLogRow(callId: string): Promise<{ row: Record<string, string>; struck: boolean }> {
  const [headers, ...data] = await readTab(page, 'Call Log');
  const index = data.findIndex((r) => r.includes(callId));
  expect(index).toBeGreaterThanOrEqual(0);
  const struck = await page.$$eval(
    '#grid table.sheet tr:not(.letters)',
    (rows, at) => {
      // In view for the screenshot, as a person scrolling to it would see it.
      rows[at].scrollIntoView({ block: 'center' });
      return Array.from(rows[at].querySelectorAll('[data-cell]')).every((c) =>
        c.classList.contains('struck'),
      );
    },
    index + 1,
  );
  return { row: Object.fromEntries(headers.map((h, i) => [h, data[index][i] ?? ''])), struck };
}

it('a teacher fixes a call from "My recent calls", then withdraws it: the row is struck through and progress goes down', async () => {
  page = await openPreview(browser, preview.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs(page, await someoneWithRole(page, 'Teacher'));
  await clickMenu(page, 'Log a call');
  let frame = await sidebarFrame(page);
  await frame.waitForSelector('#call-form');

  // Log a conversation with a family nobody has reached (typed: not on the roster).
  const before = await reached(frame);
  await frame.fill('#f-student', 'Walk-in Student Zed');
  await chooseOutcome(frame, 'Conversation');
  await frame.fill('#f-familyMember', 'Pat Zed (aunt)');
  await answerInterpreter(frame);
  await frame.fill('#f-familyStrengths', 'Loves drawing.');
  await frame.click('#submit-call');
  const notice = await frame.waitForSelector('#notice.shown');
  const callId = /Call logged \((C-[A-Z0-9]+)\)/.exec((await notice.textContent()) ?? '')?.[1];
  if (!callId) throw new Error('not logged');
  expect(await reached(frame)).toBe(before + 1);

  // Edit: the form comes back filled in; Save changes rewrites the row.
  await frame.click('#my-recent-calls summary');
  const item = `#recent-calls li[data-call-id="${callId}"]`;
  await frame.click(`${item} button:has-text("Edit")`);
  await frame.waitForSelector('#editing');
  expect(await frame.inputValue('#f-student')).toBe('Walk-in Student Zed');
  expect(await frame.inputValue('#f-familyStrengths')).toBe('Loves drawing.');
  expect(await frame.textContent('#submit-call')).toBe('Save changes');
  await frame.fill('#f-familyStrengths', 'Loves drawing and building kites.');
  await screenshot(page, 'call-fixes-editing');
  expect(describeViolations(await axeScan(frame))).toBe('');
  await frame.click('#submit-call');
  await frame.waitForSelector('#notice.shown >> text=Changes saved');
  expect(await frame.$('#editing')).toBeNull();
  expect(await frame.textContent('#submit-call')).toBe('Log call');
  let { row, struck } = await callLogRow(callId);
  expect(row).toMatchObject({
    Student: 'Walk-in Student Zed',
    'Family Strengths': 'Loves drawing and building kites.',
    Entry: 'Edited in form',
    Withdrawn: '',
  });
  expect(struck).toBe(false);

  // Logged by mistake: asked first, then withdrawn; progress goes down.
  frame = await sidebarFrame(page);
  await frame.click(`${item} button:has-text("Logged by mistake")`);
  await frame.waitForSelector(`${item} .call-confirm`);
  await screenshot(page, 'call-fixes-withdraw-asked');
  expect(describeViolations(await axeScan(frame))).toBe('');
  await frame.click(`${item} button:has-text("Withdraw call")`);
  await frame.waitForSelector(`${item}.withdrawn .call-status`);
  expect(await frame.textContent(`${item} .call-status`)).toContain('struck through');
  await frame.waitForFunction((n) => {
    const text = document.getElementById('progress-text')?.textContent ?? '';
    return Number(/^(\d+)/.exec(text.trim())?.[1]) === n;
  }, before);
  await screenshot(page, 'call-fixes-withdrawn');
  ({ row, struck } = await callLogRow(callId));
  expect(row.Withdrawn).toMatch(/^Withdrawn by .+ on \d{4}-\d{2}-\d{2}$/);
  expect(struck).toBe(true);
  await screenshot(page, 'call-fixes-call-log');
  expect(dialogs).toEqual([]);
  await page.close();
});

it('the form shows what would be quoted, live, and only once the box is ticked', async () => {
  page = await openPreview(browser, preview.url);
  await page.setViewportSize({ width: 1366, height: 768 });
  await signInAs(page, await someoneWithRole(page, 'Teacher'));
  await clickMenu(page, 'Log a call');
  const frame = await sidebarFrame(page);
  await frame.waitForSelector('#call-form');

  await frame.fill('#f-student', 'Walk-in Student Ybarra');
  await chooseOutcome(frame, 'Conversation');
  await frame.fill('#f-familyMember', 'Luz Ybarra (mother)');
  await frame.fill('#f-hopesAndDreams', 'Ybarra wants to join the robotics club with Diego, call 555-0101');
  expect(await frame.isVisible('#quote-preview')).toBe(false);
  expect(await frame.textContent('label[for="f-okToQuote"]')).toContain('OK to quote (no names)');

  await frame.check('#f-okToQuote');
  expect(await frame.textContent('#quote-preview')).toBe(
    `If your principal's weekly digest quotes this call, it says: "… wants to join the robotics club with …, call …" (hopes & dreams).`,
  );
  await frame.$eval('#quote-preview', (node) => node.scrollIntoView({ block: 'center' }));
  await screenshot(page, 'consent-preview');
  expect(describeViolations(await axeScan(frame))).toBe('');

  // Live: a private matter, then an urgent tick, and the preview says why nothing would be quoted.
  await frame.fill('#f-familyStrengths', 'She was diagnosed with asthma');
  await frame.fill('#f-hopesAndDreams', 'They hope for a custody agreement soon');
  expect(await frame.textContent('#quote-preview')).toMatch(
    /^Not quoted: Hopes & dreams touches .*custody.*; Family strengths touches health/,
  );
  await frame.fill('#f-familyStrengths', 'Loves the robotics club');
  expect(await frame.textContent('#quote-preview')).toContain('"Loves the robotics club" (family strengths)');
  await frame.check('#f-urgent');
  expect(await frame.textContent('#quote-preview')).toBe('Not quoted: an urgent call is never quoted.');
  await frame.uncheck('#f-urgent');

  await frame.click('#submit-call');
  const notice = await frame.waitForSelector('#notice.shown');
  const callId = /Call logged \((C-[A-Z0-9]+)\)/.exec((await notice.textContent()) ?? '')?.[1];
  if (!callId) throw new Error('not logged');
  // The next call starts without consent.
  expect(await frame.isChecked('#f-okToQuote')).toBe(false);
  const [headers, ...rows] = await readTab(page, 'Call Log');
  const row = rows.find((r) => r.includes(callId))!;
  expect(row[headers.indexOf('OK to Quote')]).toBe('TRUE');
  await page.close();
});
