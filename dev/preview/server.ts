/**
 * `npm start`: the built add-on (build/Code.js) in a browser, over the in-memory emulator.
 *
 * Several spreadsheets in one emulated Drive (the sample district's tracker, a second school's
 * tracker, and a district tracker over the second), one request at a time, the real clock. The page
 * shows the spreadsheet chosen in "Spreadsheet", the menu
 * onOpen built, sidebars and dialogs in frames whose `google.script.run` calls come back here,
 * alerts, toasts and the sent mail. Nothing of the add-on is mocked: every action runs an entry
 * point of the bundle as the person picked in "Signed in as".
 *
 *   PORT=8787              port on 127.0.0.1 (0 = any free port)
 *   PREVIEW_DATA_DIR=...   where the spreadsheets are saved (default .preview-data/)
 *   --reset                start over with a freshly seeded district
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { build } from 'esbuild';
import { Emulator, type EmuSheet, type WorkbookJson } from '../emulator';
import type {
  ActionResult,
  Answer,
  AxisView,
  ChartView,
  Email,
  Grid,
  Menu,
  PreviewUser,
  Question,
  RunResult,
  SheetInfo,
  SpreadsheetInfo,
  Surface,
  UiDelta,
} from './client/protocol';
import type { DialogAnswer } from '../emulator';
import { OWNER, SECOND_SCHOOL, seedDistrict, seedDistrictRollup, TIME_ZONE } from './seed';

const ROOT = path.resolve(__dirname, '..', '..');
const BUILD_DIR = path.join(ROOT, 'build');
/** The district tracker's script: the same code, with the manifest that may open other spreadsheets. */
const DISTRICT_BUILD_DIR = path.join(ROOT, 'build-district');
const SPREADSHEET_NAME = 'Relationship Call Tracker (sample district)';
const SECOND_NAME = `${SECOND_SCHOOL} calls (sample)`;
const DISTRICT_NAME = 'District rollup (sample)';

type Kind = 'school' | 'district';

/** One spreadsheet of the preview, and which script it runs. */
interface Doc {
  emu: Emulator;
  kind: Kind;
}

/** Accounts that are not on Staff, for trying the add-on's refusals. */
export const OUTSIDERS: PreviewUser[] = [
  { email: 'visitor@gmail.example', label: 'Someone not on Staff (visitor@gmail.example)' },
  { email: '', label: 'Blank email (an account outside the domain)' },
];

interface Options {
  port: number;
  dataDir: string;
  reset: boolean;
}

type Execution = ReturnType<Emulator['run']>;

/** What the page needs of an execution's error: its message (the emulator throws the script's error). */
function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

function executionOf(error: unknown): Execution | undefined {
  return error && typeof error === 'object' && 'execution' in error
    ? (error as { execution?: Execution }).execution
    : undefined;
}

interface Marks {
  alerts: number;
  toasts: number;
  menus: string;
  sidebars: number;
  dialogs: number;
}

type Step =
  | { kind: 'question'; question: Question; answer: (answer: DialogAnswer) => void }
  | { kind: 'done'; execution: Execution }
  | { kind: 'failed'; error: string; execution?: Execution };

/** What one running execution did, in order: each question it asks, then its end. */
class Steps {
  private readonly ready: Step[] = [];
  private waiter: ((step: Step) => void) | null = null;

  push(step: Step): void {
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) waiter(step);
    else this.ready.push(step);
  }

  next(): Promise<Step> {
    const step = this.ready.shift();
    return step ? Promise.resolve(step) : new Promise((resolve) => (this.waiter = resolve));
  }
}

function infoOf(emu: Emulator): SpreadsheetInfo {
  return { id: emu.id, name: emu.spreadsheet.getName(), url: emu.url };
}

class Preview {
  /** The menu execution waiting for the person to answer its dialog, if any. */
  private asking: {
    /** The spreadsheet it runs in. */
    emu: Emulator;
    fn: string;
    user: string;
    started: number;
    steps: Steps;
    since: Marks;
    answer: ((answer: DialogAnswer) => void) | null;
  } | null = null;
  private readonly surfaces = new Map<number, { surface: Surface; html: string }>();
  private nextSurface = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** The spreadsheet the current request is about (set by `at`). */
  private emu: Emulator;

  constructor(
    private readonly docs: Doc[],
    private readonly dataFile: string,
    private readonly assets: { pageJs: string; shimJs: string; css: string },
  ) {
    this.emu = docs[0].emu;
  }

  /** Chooses the spreadsheet a request names; the first (the sample district's tracker) by default. */
  at(id: string | null): this {
    const doc = id ? this.docs.find((d) => d.emu.id === id) : this.docs[0];
    if (!doc) throw new HttpError(404, 'no such spreadsheet');
    this.emu = doc.emu;
    return this;
  }

  spreadsheets(): SpreadsheetInfo[] {
    return this.docs.map((d) => infoOf(d.emu));
  }

  /** File → Make a copy, as `user`: a spreadsheet of theirs in the same Drive, with the same script. */
  makeCopy(user: string): SpreadsheetInfo {
    this.refuseWhileAsking();
    const doc = this.docs.find((d) => d.emu === this.emu);
    if (!doc) throw new HttpError(404, 'no such spreadsheet');
    const copy = this.emu.makeCopy({ user });
    this.docs.push({ emu: copy, kind: doc.kind });
    return infoOf(copy);
  }

  /** Requests run one at a time: the emulator is one spreadsheet, like the real one. */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  async save(): Promise<void> {
    const tmp = `${this.dataFile}.tmp`;
    const saved: Saved = {
      version: 2,
      spreadsheets: this.docs.map((d) => ({ kind: d.kind, workbook: d.emu.toJSON() })),
    };
    await writeFile(tmp, JSON.stringify(saved));
    await rename(tmp, this.dataFile);
  }

  // ---- reading the spreadsheet (outside executions: not counted, like looking at the screen)

  users(): PreviewUser[] {
    const sheet = this.emu.spreadsheet.getSheetByName('Staff');
    const staff: PreviewUser[] = [];
    if (sheet) {
      const [headers, ...rows] = sheet.getDataRange().getDisplayValues();
      const col = (h: string): number => headers.findIndex((x) => x.trim().toLowerCase() === h.toLowerCase());
      const [email, name, role, school] = ['Email', 'Name', 'Role', 'School'].map(col);
      const seen = new Set<string>();
      for (const row of rows) {
        const address = (row[email] ?? '').trim();
        if (!address || seen.has(address.toLowerCase())) continue;
        seen.add(address.toLowerCase());
        const who = [row[name], row[role], row[school]].filter((x) => x && x.trim()).join(', ');
        staff.push({ email: address, label: who ? `${who} (${address})` : address });
      }
    }
    return [...staff, ...OUTSIDERS];
  }

  sheets(): SheetInfo[] {
    // Hidden tabs are not in Sheets' tab bar either (View → Hidden sheets lists them).
    return this.emu.spreadsheet
      .getSheets()
      .filter((s) => !s.isSheetHidden())
      .map((s) => ({ name: s.getName(), rows: s.getLastRow(), columns: s.getLastColumn() }));
  }

  grid(name: string): Grid | null {
    const sheet = this.emu.spreadsheet.getSheetByName(name);
    if (!sheet) return null;
    const rows = Math.max(sheet.getLastRow(), 1);
    const columns = Math.max(sheet.getLastColumn(), 1);
    const range = sheet.getRange(1, 1, rows, columns);
    /** Optional detail: an emulator that does not implement one of these still shows the values. */
    const optional = <T>(read: () => T, fallback: T): T => {
      try {
        return read();
      } catch {
        return fallback;
      }
    };
    const sparse = <T>(table: T[][] | null, keep: (v: T) => boolean): Array<[number, number, T]> => {
      const out: Array<[number, number, T]> = [];
      table?.forEach((row, r) => row.forEach((v, c) => keep(v) && out.push([r, c, v])));
      return out;
    };
    const isWhite = (c: string): boolean => !c || /^#?(fff|ffffff|white)$/i.test(c);
    return {
      name,
      display: range.getDisplayValues(),
      formulas: sparse(
        optional(() => range.getFormulas(), null),
        (f) => f !== '',
      ),
      notes: sparse(
        optional(() => range.getNotes(), null),
        (n) => n !== '',
      ),
      backgrounds: sparse(
        optional(() => range.getBackgrounds(), null),
        (b) => !isWhite(b),
      ),
      fontColors: sparse(
        optional(() => range.getFontColors(), null),
        (c) => !!c && !/^#?(000|000000|black)$/i.test(c),
      ),
      bold: sparse(
        optional(() => range.getFontWeights(), null),
        (w) => w === 'bold',
      ).map(([r, c]) => [r, c]),
      struck: sparse(
        optional(() => range.getFontLines(), null),
        (l) => l === 'line-through',
      ).map(([r, c]) => [r, c]),
      wrapped: sparse(
        optional(() => range.getWraps(), null),
        (w) => w === true,
      ).map(([r, c]) => [r, c]),
      alignments: sparse(
        optional(() => range.getHorizontalAlignments(), null),
        (a) => !!a && a !== 'general' && a !== 'general-left',
      ),
      verticalAlignments: sparse(
        optional(() => range.getVerticalAlignments(), null),
        (a) => a === 'top' || a === 'middle',
      ),
      frozenRows: optional(() => sheet.getFrozenRows(), 0),
      frozenColumns: optional(() => sheet.getFrozenColumns(), 0),
      columnWidths: Array.from({ length: columns }, (_, i) =>
        optional(() => sheet.getColumnWidth(i + 1), 100),
      ),
      hiddenColumns: Array.from({ length: columns }, (_, i) => i).filter((i) =>
        optional(() => sheet.isColumnHiddenByUser(i + 1), false),
      ),
      charts: optional(() => sheet.getCharts(), []).map((chart) => this.chart(chart)),
    };
  }

  /** A chart and the values it shows: the first column of its ranges = labels, each further one a series. */
  private chart(chart: ReturnType<EmuSheet['getCharts']>[number]): ChartView {
    const option = (name: string): unknown => chart.getOptions().get(name);
    const record = (v: unknown): Record<string, unknown> =>
      v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
    const axis = (name: string): AxisView => {
      const a = record(option(name));
      const w = record(a.viewWindow);
      return {
        percent: a.format === 'percent',
        min: typeof w.min === 'number' ? w.min : undefined,
        max: typeof w.max === 'number' ? w.max : undefined,
      };
    };
    const info = chart.getContainerInfo();
    const view: ChartView = {
      id: chart.getChartId(),
      type: chart.modify().getChartType(),
      title: typeof option('title') === 'string' ? String(option('title')) : '',
      anchor: { row: info.getAnchorRow() - 1, col: info.getAnchorColumn() - 1 },
      labels: [],
      series: [],
      hAxis: axis('hAxis'),
      vAxis: axis('vAxis'),
      legend: record(option('legend')).position === 'none' ? 'none' : 'shown',
    };
    try {
      const columns = chart.getRanges().flatMap((range) => {
        const values = range.getValues();
        const display = range.getDisplayValues();
        return Array.from({ length: range.getNumColumns() }, (_, c) => ({
          values: values.map((row) => row[c] as unknown),
          display: display.map((row) => row[c]),
        }));
      });
      const [labels, ...series] = columns;
      view.labels = labels?.display ?? [];
      view.series = series.map((s, i) => ({
        name: series.length === 1 ? 'Value' : `Series ${i + 1}`,
        values: s.values.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null)),
        display: s.display,
      }));
    } catch (error) {
      view.error = `Its data could not be read: ${messageOf(error)}`;
    }
    return view;
  }

  outbox(): Email[] {
    return this.emu.outbox.map((m) => ({
      to: m.to,
      cc: m.cc,
      bcc: m.bcc,
      subject: m.subject,
      body: m.body,
      htmlBody: m.htmlBody,
      name: m.name,
      sentAt: new Date(m.sentAt).toISOString(),
      sentBy: m.sentBy,
    }));
  }

  // ---- running the add-on

  /** How many UI records there are now, to report later only what was appended since. */
  private marks(emu: Emulator = this.emu): Marks {
    const ui = emu.ui;
    return {
      alerts: ui.alerts.length,
      toasts: ui.toasts.length,
      menus: JSON.stringify(ui.menus),
      sidebars: ui.sidebars.length,
      dialogs: ui.dialogs.length,
    };
  }

  /** What executions showed since `since`: surfaces get an id the page loads them by. */
  private delta(since: Marks, emu: Emulator = this.emu): UiDelta {
    const ui = emu.ui;
    const surfaces: Surface[] = [];
    for (const record of ui.sidebars.slice(since.sidebars)) surfaces.push(this.addSurface('sidebar', record));
    for (const record of ui.dialogs.slice(since.dialogs)) surfaces.push(this.addSurface('dialog', record));
    return {
      // Menus are replaced by name as addToUi runs again: report them all when they changed.
      menus: JSON.stringify(ui.menus) === since.menus ? [] : (ui.menus as Menu[]),
      surfaces,
      // Questions were answered in the page already: only what was shown without asking is left to show.
      alerts: ui.alerts
        .slice(since.alerts)
        .filter((a) => a.buttons === undefined || a.buttons === 'OK')
        .map((a) => ({ title: a.title, prompt: a.prompt, buttons: a.buttons })),
      toasts: ui.toasts
        .slice(since.toasts)
        .map((t) => ({ message: t.message, title: t.title, timeoutSeconds: t.timeoutSeconds })),
    };
  }

  private info(fn: string, user: string, execution: Execution | undefined, started: number) {
    return execution
      ? {
          fn,
          user,
          serviceCalls: execution.serviceCalls,
          ms: Date.now() - started,
          logs: execution.logs.map(String),
        }
      : undefined;
  }

  /** Runs `work` (one execution, nobody asked anything) and reports what it showed. */
  private track(
    fn: string,
    user: string,
    work: () => Execution | null,
  ): ActionResult & { value?: unknown; threw: boolean } {
    this.refuseWhileAsking();
    const since = this.marks();
    const started = Date.now();
    let execution: Execution | null | undefined;
    let error: string | undefined;
    let value: unknown;
    // An alert with only an OK button is acknowledged with OK; these executions ask nothing else.
    this.emu.alertResponses = [];
    try {
      execution = work();
      value = execution?.value;
    } catch (e) {
      error = messageOf(e);
      execution = executionOf(e);
    } finally {
      this.emu.alertResponses = [];
    }
    return {
      ui: this.delta(since),
      error,
      execution: this.info(fn, user, execution ?? undefined, started),
      outboxCount: this.emu.outbox.length,
      value,
      threw: error !== undefined,
    };
  }

  /** While an execution waits for an answer, the person can do nothing else in the window (as in Sheets). */
  private refuseWhileAsking(): void {
    if (this.asking)
      throw new HttpError(409, `${this.asking.fn} is waiting for an answer to its dialog: answer it first.`);
  }

  /**
   * A menu item runs as in Sheets: a dialog that asks something (Yes/No, OK/Cancel, a prompt)
   * stops the execution until the person answers. The reply says what it showed so far and,
   * when it is waiting, the question; /api/answer carries it on.
   */
  menu(fn: string, user: string): Promise<ActionResult> {
    this.refuseWhileAsking();
    const steps = new Steps();
    const emu = this.emu;
    this.asking = { emu, fn, user, started: Date.now(), steps, since: this.marks(), answer: null };
    emu.alertResponses = [];
    emu
      .runInteractive(
        { fn, user },
        (question) =>
          new Promise<DialogAnswer>((resolve) => steps.push({ kind: 'question', question, answer: resolve })),
      )
      .then(
        (execution) => steps.push({ kind: 'done', execution }),
        (error: unknown) =>
          steps.push({ kind: 'failed', error: messageOf(error), execution: executionOf(error) }),
      );
    return this.nextStep();
  }

  answer(answer: Answer): Promise<ActionResult> {
    const waiting = this.asking;
    if (!waiting?.answer) throw new HttpError(409, 'No dialog is waiting for an answer.');
    const reply = waiting.answer;
    waiting.answer = null;
    reply(answer.text === undefined ? answer.button : { button: answer.button, text: answer.text });
    return this.nextStep();
  }

  private async nextStep(): Promise<ActionResult> {
    const waiting = this.asking;
    if (!waiting) throw new HttpError(409, 'Nothing is running.');
    const step = await waiting.steps.next();
    const ui = this.delta(waiting.since, waiting.emu);
    waiting.since = this.marks(waiting.emu);
    const outboxCount = waiting.emu.outbox.length;
    if (step.kind === 'question') {
      waiting.answer = step.answer;
      const { kind, title, prompt, buttons } = step.question;
      const question: Question = { kind, prompt, buttons, ...(title !== undefined ? { title } : {}) };
      return { ui, question, outboxCount };
    }
    this.asking = null;
    return {
      ui,
      error: step.kind === 'failed' ? step.error : undefined,
      execution: this.info(waiting.fn, waiting.user, step.execution, waiting.started),
      outboxCount,
    };
  }

  /** A new window (or the page reloaded): a dialog left open is closed, as the person left it. */
  private async closeOpenDialogs(): Promise<void> {
    while (this.asking?.answer) await this.answer({ button: 'CLOSE' });
  }

  private addSurface(
    kind: Surface['kind'],
    record: { title: string; html: string; width?: number; height?: number; modal?: boolean },
  ): Surface {
    const surface: Surface = {
      id: this.nextSurface++,
      kind,
      title: record.title,
      width: record.width,
      height: record.height,
      modal: record.modal,
    };
    this.surfaces.set(surface.id, { surface, html: record.html });
    // Keep the last few: a page only ever shows the newest sidebar and the dialogs above it.
    for (const id of this.surfaces.keys()) if (id <= surface.id - 50) this.surfaces.delete(id);
    return surface;
  }

  /** A new window: no menus until onOpen adds them. */
  async open(user: string): Promise<ActionResult> {
    await this.closeOpenDialogs();
    this.emu.ui.menus.splice(0);
    return this.track('onOpen', user, () => this.emu.open({ user }));
  }

  run(fn: string, args: unknown[], user: string): RunResult {
    const { value, threw, ...result } = this.track(fn, user, () =>
      this.emu.callFromClient(fn, args, { user }),
    );
    return threw ? { ...result, ok: false } : { ...result, ok: true, value };
  }

  edit(sheet: string, a1: string, text: string, user: string): ActionResult {
    const {
      value: _value,
      threw: _threw,
      ...result
    } = this.track('onEdit', user, () => this.emu.edit(sheet, a1, [[text]], { user }));
    return result;
  }

  /** The add-on's HTML, with the google.script shim as the first script of its head. */
  surfaceHtml(id: number): string | null {
    const entry = this.surfaces.get(id);
    if (!entry) return null;
    const shim = `<script>${this.assets.shimJs.replace(/<\/(script)/gi, '<\\/$1')}</script>`;
    const html = entry.html;
    const head = /<head(\s[^>]*)?>/i.exec(html);
    if (head)
      return html.slice(0, head.index + head[0].length) + shim + html.slice(head.index + head[0].length);
    const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
    const at = doctype ? doctype[0].length : 0;
    return `${html.slice(0, at)}<head>${shim}</head>${html.slice(at)}`;
  }

  get assetsOf(): { pageJs: string; css: string } {
    return this.assets;
  }
}

// ---- HTTP

const PAGE = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${SPREADSHEET_NAME} - preview</title>
<link rel="stylesheet" href="/preview.css">
<script defer src="/preview.js"></script>
</head>
<body>
<header class="topbar">
  <div class="doc">
    <span class="logo" aria-hidden="true"></span>
    <div class="doc-text">
      <h1 id="doc-title">${SPREADSHEET_NAME}</h1>
      <p id="doc-url" class="doc-url"></p>
      <nav class="menubar" id="menubar" aria-label="Add-on menus"></nav>
    </div>
  </div>
  <div class="who">
    <label for="spreadsheet">Spreadsheet</label>
    <select id="spreadsheet"></select>
  </div>
  <div class="who">
    <label for="user">Signed in as</label>
    <select id="user"></select>
  </div>
  <button type="button" id="outbox-toggle" class="outbox-toggle" aria-expanded="false" aria-controls="outbox">Outbox (<span id="outbox-count">0</span>)</button>
</header>
<div id="error-bar" class="error-bar" role="alert" hidden></div>
<div class="workspace">
  <main class="sheet-area" aria-labelledby="doc-title">
    <div class="formula-bar">
      <label class="visually-hidden" for="cell-ref">Cell reference</label>
      <input id="cell-ref" class="cell-ref" value="A1" autocomplete="off" spellcheck="false">
      <span class="fx" aria-hidden="true">fx</span>
      <label class="visually-hidden" for="cell-input">Cell contents (Enter types it into the cell as the signed-in user)</label>
      <input id="cell-input" class="cell-input" autocomplete="off" spellcheck="false">
    </div>
    <div id="tabpanel" class="tabpanel" role="tabpanel" aria-label="Sheet">
      <div id="grid" class="grid" role="region" tabindex="0" aria-label="Cells and charts"></div>
    </div>
    <div class="tabs-bar">
      <div id="tabs" class="tabs" role="tablist" aria-label="Sheets"></div>
    </div>
  </main>
  <aside id="sidebar" class="sidebar" aria-labelledby="sidebar-title" hidden>
    <div class="panel-head">
      <h2 id="sidebar-title">Sidebar</h2>
      <button type="button" id="sidebar-close" class="icon-button" aria-label="Close sidebar">&#x2715;</button>
    </div>
    <div id="sidebar-body" class="sidebar-body"></div>
  </aside>
  <aside id="outbox" class="outbox" aria-labelledby="outbox-title" hidden>
    <div class="panel-head">
      <h2 id="outbox-title">Outbox</h2>
      <button type="button" id="outbox-close" class="icon-button" aria-label="Close outbox">&#x2715;</button>
    </div>
    <ol id="outbox-list" class="outbox-list"></ol>
  </aside>
</div>
<footer class="statusbar"><p id="status" role="status">Loading…</p></footer>
<div id="toasts" class="toasts" role="region" aria-label="Notifications" aria-live="polite"></div>
<div id="overlays"></div>
</body>
</html>
`;

const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 5_000_000) throw new HttpError(413, 'request too large');
    chunks.push(chunk as Buffer);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw new Error('not an object');
    return body as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'the body must be a JSON object');
  }
}

/** The spreadsheet a POST names ('' or none: the first). */
function spreadsheetOf(body: Record<string, unknown>): string | null {
  const ss = body.ss;
  if (ss !== undefined && typeof ss !== 'string') throw new HttpError(400, '"ss" must be a string');
  return ss || null;
}

function text(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw new HttpError(400, `"${key}" must be a string`);
  return value;
}

function send(
  res: http.ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

function json(res: http.ServerResponse, value: unknown): void {
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(value));
}

async function handle(preview: Preview, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://preview.local');
  const route = `${req.method ?? 'GET'} ${url.pathname}`;
  preview.at(url.searchParams.get('ss'));
  // A page on another site must not drive the preview: JSON posts only, from this origin.
  if (req.method === 'POST') {
    if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
      throw new HttpError(415, 'JSON only');
    const origin = req.headers.origin;
    if (origin && origin !== `http://${req.headers.host}`) throw new HttpError(403, 'cross-origin request');
  }
  switch (route) {
    case 'GET /':
      return send(res, 200, 'text/html; charset=utf-8', PAGE, {
        'Content-Security-Policy': PAGE_CSP,
        'X-Frame-Options': 'DENY',
      });
    case 'GET /preview.js':
      return send(res, 200, 'text/javascript; charset=utf-8', preview.assetsOf.pageJs);
    case 'GET /preview.css':
      return send(res, 200, 'text/css; charset=utf-8', preview.assetsOf.css);
    case 'GET /favicon.ico':
      return send(res, 204, 'image/x-icon', '');
    case 'GET /api/spreadsheets':
      return json(res, preview.spreadsheets());
    case 'GET /api/users':
      return json(res, preview.users());
    case 'GET /api/sheets':
      return json(res, preview.sheets());
    case 'GET /api/sheet': {
      const grid = preview.grid(url.searchParams.get('name') ?? '');
      if (!grid) throw new HttpError(404, 'no such sheet');
      return json(res, grid);
    }
    case 'GET /api/outbox':
      return json(res, preview.outbox());
    case 'POST /api/open': {
      const body = await readJson(req);
      preview.at(spreadsheetOf(body));
      json(res, await preview.open(text(body, 'user')));
      return preview.save();
    }
    case 'POST /api/copy': {
      const body = await readJson(req);
      preview.at(spreadsheetOf(body));
      json(res, preview.makeCopy(text(body, 'user')));
      return preview.save();
    }
    case 'POST /api/menu': {
      const body = await readJson(req);
      preview.at(spreadsheetOf(body));
      json(res, await preview.menu(text(body, 'fn'), text(body, 'user')));
      return preview.save();
    }
    case 'POST /api/answer': {
      // The answer goes to the execution waiting for it, whichever spreadsheet it runs in.
      const body = await readJson(req);
      const answerText = body.text;
      if (answerText !== undefined && typeof answerText !== 'string')
        throw new HttpError(400, '"text" must be a string');
      json(res, await preview.answer({ button: text(body, 'button'), text: answerText }));
      return preview.save();
    }
    case 'POST /api/run': {
      const body = await readJson(req);
      preview.at(spreadsheetOf(body));
      const args = body.args ?? [];
      if (!Array.isArray(args)) throw new HttpError(400, '"args" must be an array');
      json(res, preview.run(text(body, 'fn'), args, text(body, 'user')));
      return preview.save();
    }
    case 'POST /api/edit': {
      const body = await readJson(req);
      preview.at(spreadsheetOf(body));
      json(res, preview.edit(text(body, 'sheet'), text(body, 'a1'), text(body, 'value'), text(body, 'user')));
      return preview.save();
    }
  }
  const surface = /^GET \/surface\/(\d+)$/.exec(route);
  if (surface) {
    const html = preview.surfaceHtml(Number(surface[1]));
    if (html === null)
      throw new HttpError(
        404,
        'This sidebar or dialog is gone (the preview restarted). Open it again from the menu.',
      );
    return send(res, 200, 'text/html; charset=utf-8', html);
  }
  throw new HttpError(404, 'not found');
}

async function bundleClient(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(__dirname, 'client', entry)],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return result.outputFiles[0].text;
}

/** What the preview keeps between runs: every spreadsheet and which script it runs. */
interface Saved {
  version: 2;
  spreadsheets: Array<{ kind: Kind; workbook: WorkbookJson }>;
}

function codeDir(kind: Kind): string {
  return kind === 'district' ? DISTRICT_BUILD_DIR : BUILD_DIR;
}

/**
 * The sample district's tracker (two schools, as it always was, and not yet listed anywhere: it
 * still sends its own district digest), a second school's own tracker, and a district tracker
 * listing that one: the real bundles, seeded as people would.
 */
function seedSpreadsheets(): Doc[] {
  const sample = new Emulator({ timeZone: TIME_ZONE, owner: OWNER, name: SPREADSHEET_NAME }).load(BUILD_DIR);
  seedDistrict(sample);
  const drive = sample.drive;
  const second = new Emulator({ timeZone: TIME_ZONE, owner: OWNER, name: SECOND_NAME, drive }).load(
    BUILD_DIR,
  );
  seedDistrict(second, new Date(), { schools: [SECOND_SCHOOL], seed: 7, households: 40, teachers: 4 });
  const district = new Emulator({ timeZone: TIME_ZONE, owner: OWNER, name: DISTRICT_NAME, drive }).load(
    DISTRICT_BUILD_DIR,
  );
  seedDistrictRollup(district, [second.url]);
  return [
    { emu: sample, kind: 'school' },
    { emu: second, kind: 'school' },
    { emu: district, kind: 'district' },
  ];
}

async function loadSpreadsheets(dataFile: string, reset: boolean): Promise<{ docs: Doc[]; seeded: boolean }> {
  const saved: unknown = !reset && existsSync(dataFile) ? JSON.parse(await readFile(dataFile, 'utf8')) : null;
  if (!saved || (saved as { version?: unknown }).version !== 2)
    return { docs: seedSpreadsheets(), seeded: true };
  const docs: Doc[] = [];
  for (const { kind, workbook } of (saved as Saved).spreadsheets) {
    const drive = docs[0]?.emu.drive;
    const emu = Emulator.fromJSON(workbook, drive ? { drive } : {});
    docs.push({ emu: emu.load(codeDir(kind)), kind });
  }
  return { docs, seeded: false };
}

export async function startPreviewServer(options: Options): Promise<{ url: string; server: http.Server }> {
  if (!existsSync(path.join(BUILD_DIR, 'Code.js')) || !existsSync(path.join(DISTRICT_BUILD_DIR, 'Code.js')))
    throw new Error('build/Code.js or build-district/Code.js is missing: run `npm run build` first.');
  await mkdir(options.dataDir, { recursive: true });
  const dataFile = path.join(options.dataDir, 'spreadsheets.json');
  const [{ docs, seeded }, pageJs, shimJs, css] = await Promise.all([
    loadSpreadsheets(dataFile, options.reset),
    bundleClient('page.ts'),
    bundleClient('shim.ts'),
    readFile(path.join(__dirname, 'client', 'page.css'), 'utf8'),
  ]);
  const preview = new Preview(docs, dataFile, { pageJs, shimJs, css });
  if (seeded) await preview.save();

  const server = http.createServer((req, res) => {
    preview
      .serial(() => handle(preview, req, res))
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (status === 500) console.error(error);
        if (!res.headersSent) send(res, status, 'text/plain; charset=utf-8', messageOf(error));
        else res.end();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : options.port;
  return { url: `http://127.0.0.1:${port}/`, server };
}

if (require.main === module) {
  const port = Number(process.env.PORT ?? 8787);
  const dataDir = path.resolve(process.env.PREVIEW_DATA_DIR ?? path.join(ROOT, '.preview-data'));
  const reset = process.argv.includes('--reset');
  startPreviewServer({ port: Number.isInteger(port) && port >= 0 ? port : 8787, dataDir, reset })
    .then(({ url, server }) => {
      const stop = (): void => {
        server.close();
        process.exit(0); // every save is a write-then-rename: stopping mid-request never corrupts the workbook
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      console.log(`Relationship Call Tracker preview: ${url}`);
      console.log(`(data in ${dataDir}; npm start -- --reset starts over with a fresh sample district)`);
    })
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
