/**
 * Browser-test helpers: the preview server over a fresh sample district, headless Chromium,
 * an axe-core scan and screenshots. Shared by every test/e2e/*.e2e.ts.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import type { AxeResults, Result as AxeViolation } from 'axe-core';

const ROOT = path.resolve(__dirname, '..', '..');
const RESULTS_DIR = path.join(ROOT, 'test-results');

export interface Preview {
  /** The page, e.g. http://127.0.0.1:41234/ */
  url: string;
  /** Where this server keeps its workbook (a temp folder removed by stop()). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Starts `tsx dev/preview/server.ts --reset` on a free port with its own data folder and waits for
 * it to print its URL. Expects build/ to be current (`npm run test:e2e` builds first).
 */
export async function startPreview(options: { timeoutMs?: number } = {}): Promise<Preview> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'rct-preview-'));
  // `tsx dev/preview/server.ts`, as one process (no wrapper), so stop() ends the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'dev/preview/server.ts', '--reset'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', PREVIEW_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`the preview server printed no URL in time:\n${output}`)),
      options.timeoutMs ?? 45_000,
    );
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`the preview server exited (${code}):\n${output}`)));
    child.once('error', fail);
  });
  return {
    url,
    dataDir,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, 5000)))]);
        clearTimeout(timer);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      child.stdout.destroy();
      child.stderr.destroy();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headless Debian Chromium (CHROMIUM_PATH overrides), no network chatter. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

let axeSource: string | null = null;

/**
 * Runs axe-core in a page or frame and returns its serious and critical violations. It is slow over
 * big tables (~9 s with the sample Call Log showing): show a small tab (Summary) before scanning. axe is
 * evaluated rather than added as a script tag, so the page's Content-Security-Policy allows it.
 */
export async function axeScan(target: Page | Frame): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await target.evaluate(axeSource);
  const results = await target.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    ).axe;
    return axe.run(document, { resultTypes: ['violations'], iframes: false });
  });
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A readable summary of violations for a failed expectation. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
}

/** Saves a full-window screenshot to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens the preview in a new page and waits until it has loaded the menu and the first tab. */
export async function openPreview(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"], #error-bar:not([hidden])');
  const failed = await page.$('#error-bar:not([hidden])');
  if (failed) throw new Error(`the preview page failed to load: ${await failed.textContent()}`);
  return page;
}

/** The page's redraw counter (#tabpanel[data-render]): it changes each time a tab is drawn. */
function renderCount(page: Page): Promise<number> {
  return page.$eval('#tabpanel', (panel) => Number((panel as HTMLElement).dataset.render ?? 0));
}

/**
 * Waits until the page has drawn a tab since `before` (a renderCount) and no tab load is still
 * pending, i.e. the grid shows the newest data, not the response that merely arrived.
 */
async function waitForRedraw(page: Page, before: number, name?: string): Promise<void> {
  await page.waitForFunction(
    ([count, sheet]) => {
      const panel = document.getElementById('tabpanel');
      return (
        !!panel &&
        Number(panel.dataset.render ?? 0) > count &&
        panel.getAttribute('aria-busy') !== 'true' &&
        (sheet === null || panel.dataset.sheet === sheet)
      );
    },
    [before, name ?? null] as const,
    { timeout: 20_000 },
  );
}

/** Picks who is signed in (by email; '' for the blank-email account) and waits for the redraw. */
export async function signInAs(page: Page, email: string): Promise<void> {
  const before = await renderCount(page);
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/open'));
  await page.selectOption('#user', email);
  await opened;
  await waitForRedraw(page, before);
}

/** The first person of the sample district with this Staff role, from the Signed in as list. */
export async function someoneWithRole(page: Page, role: string): Promise<string> {
  const options = await page.$$eval('#user option', (nodes) =>
    nodes.map((o) => ({ email: (o as HTMLOptionElement).value, label: o.textContent ?? '' })),
  );
  const found = options.find((o) => o.email !== '' && o.label.includes(`, ${role}, `));
  if (!found) throw new Error(`the sample district has no ${role} on Staff`);
  return found.email;
}

/** Clicks a menu item: "Relationship Calls" then the caption. */
export async function clickMenu(page: Page, caption: string, menu = 'Relationship Calls'): Promise<void> {
  await page.getByRole('button', { name: menu, exact: true }).click();
  await page.getByRole('button', { name: caption, exact: true }).click();
}

/** The sidebar's frame once it has loaded (after "Log a call"). */
export async function sidebarFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#sidebar-body iframe');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('the sidebar has no frame');
  await frame.waitForLoadState('domcontentloaded');
  return frame;
}

/** Shows a tab and returns its cells' text, row by row (row 1 first), once the page has redrawn it. */
export async function readTab(page: Page, name: string): Promise<string[][]> {
  const before = await renderCount(page);
  await page.getByRole('tab', { name, exact: true }).click();
  await waitForRedraw(page, before, name);
  return page.$$eval('#grid table.sheet tr:not(.letters)', (rows) =>
    rows.map((row) =>
      Array.from(row.querySelectorAll('[data-cell]')).map((cell) => cell.childNodes[0]?.textContent ?? ''),
    ),
  );
}

/** Picks an outcome in the call form (its choice buttons). */
export async function chooseOutcome(frame: Frame, outcome: string): Promise<void> {
  await frame.check(`input[name="outcome"][value="${outcome}"]`);
}

/** Answers the interpreter question when the form asks it (a language other than English). */
export async function answerInterpreter(frame: Frame, choice = 'Staff interpreter'): Promise<void> {
  if (await frame.isVisible('#field-interpreter'))
    await frame.check(`input[name="interpreter"][value="${choice}"]`);
}

/** Opens another of the preview's spreadsheets (by its name) and waits for its first tab; returns its address. */
export async function openSpreadsheet(page: Page, name: string): Promise<string> {
  const before = await renderCount(page);
  const opened = page.waitForResponse((r) => r.url().endsWith('/api/open'));
  await page.selectOption('#spreadsheet', { label: name });
  await opened;
  await waitForRedraw(page, before);
  await page.waitForFunction((n) => document.getElementById('doc-title')?.textContent === n, name);
  return (await page.textContent('#doc-url')) ?? '';
}

/** The text of the alert the page shows, once it shows one; answers it with OK. */
export async function alertText(page: Page): Promise<string> {
  const alert = page.getByRole('alertdialog');
  await alert.waitFor({ timeout: 30_000 });
  const text = (await alert.textContent()) ?? '';
  await alert.getByRole('button', { name: 'OK' }).click();
  return text;
}

/** Types into a cell through the formula bar, as a person would, and waits for the edit to run. */
export async function typeInto(page: Page, cell: string, value: string): Promise<void> {
  const edited = page.waitForResponse((r) => r.url().endsWith('/api/edit'));
  await page.fill('#cell-ref', cell);
  await page.press('#cell-ref', 'Enter');
  await page.fill('#cell-input', value);
  await page.press('#cell-input', 'Enter');
  await edited;
}
