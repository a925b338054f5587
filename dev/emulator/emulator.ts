/** The Emulator: loads a built Apps Script project with gas-local and runs its functions as executions. */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { format } from 'util';
import { parseA1, resolveA1 } from './a1';
import { Formula } from './cells';
import { Charts } from './charts';
import { copyForClient, copyFromClient } from './clientCopy';
import { type ConcurrentCall, runInWorker } from './concurrency';
import { resolveZone } from './dates';
import { Drive, fileAccess } from './drive';
import {
  type AuthModeName,
  type DialogAnswer,
  type DialogQuestion,
  EmuClock,
  type ExecutionState,
  type ExecutionView,
  Host,
  type MenuRecord,
  type HtmlRecord,
  type AlertRecord,
  type PromptRecord,
  type ToastRecord,
} from './host';
import { HtmlService } from './html';
import { LockService } from './lock';
import { MailApp } from './mail';
import {
  copyWorkbook,
  SheetModel,
  type SentMail,
  WorkbookModel,
  type WorkbookJson,
  workbookFromJson,
  workbookToJson,
} from './model';
import { CacheService, PropertiesService } from './properties';
import { Session, User } from './session';
import { writeValues } from './sheetOps';
import { EmuRange, EmuSpreadsheet, SpreadsheetApp } from './spreadsheet';
import { ScriptApp } from './triggers';
import { Logger, Utilities } from './utilities';

const gasLocal = require('gas-local') as {
  require(dir: string, globalObject: object, options?: { filter?: (file: string) => boolean }): vm.Context;
};

export interface EmulatorOptions {
  /** Spreadsheet time zone, default 'America/Chicago'. */
  timeZone?: string;
  /** Spreadsheet owner, default 'owner@district.example.org'. */
  owner?: string;
  /** A fixed clock start; without it the clock is the real one. */
  now?: Date;
  /** OAuth scopes granted; default: the manifest's oauthScopes at load() (every scope when there is none). */
  scopes?: string[];
  /** MailApp recipients per day, default 100. */
  mailQuota?: number;
  /** Initial state (from emu.toJSON()). */
  workbook?: WorkbookJson;
  /** Spreadsheet name, default 'Relationship Call Tracker'. */
  name?: string;
  /**
   * The Drive of another emulator: this spreadsheet joins it (and its clock, so `now` cannot be
   * given too), and scripts of each can open the others by id when they are shared.
   */
  drive?: Drive;
}

export interface RunOptions {
  user?: string;
  authMode?: AuthModeName;
}

export interface Execution<T = unknown> {
  value: T;
  serviceCalls: number;
  calls: string[];
  /** Cells moved between the script and the spreadsheet (values, formulas, notes, backgrounds, formats). */
  cellsRead: number;
  cellsWritten: number;
  /** Service calls made while holding a lock, and the cells they moved (what others wait for). */
  lockHeldCalls: number;
  lockHeldCellsRead: number;
  lockHeldCellsWritten: number;
  user: string;
  logs: string[];
}

export interface TriggerRecord {
  uniqueId: string;
  handlerFunction: string;
  eventType: string;
  triggerSource: string;
  createdBy: string;
  schedule: string;
}

export type {
  MenuRecord,
  HtmlRecord,
  AlertRecord,
  PromptRecord,
  ToastRecord,
  ExecutionView,
  DialogAnswer,
  DialogQuestion,
};

export type RootServiceName =
  | 'SpreadsheetApp'
  | 'HtmlService'
  | 'MailApp'
  | 'LockService'
  | 'ScriptApp'
  | 'PropertiesService'
  | 'CacheService'
  | 'Session'
  | 'Utilities'
  | 'Logger'
  | 'Charts';

/** A main-realm Date whose no-argument constructor and Date.now() read the emulator clock. */
function makeDateClass(clock: EmuClock): DateConstructor {
  class EmuDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(clock.now().getTime());
      else super(...(args as [number]));
    }
    static override now(): number {
      return clock.now().getTime();
    }
    static override [Symbol.hasInstance](value: unknown): boolean {
      return value instanceof Date;
    }
  }
  return new Proxy(EmuDate, { apply: () => clock.now().toString() }) as unknown as DateConstructor;
}

function attachExecution(error: unknown, execution: Execution): Error {
  const e = typeof error === 'object' && error !== null ? (error as Error) : new Error(String(error));
  Object.assign(e, { execution });
  return e;
}

function isoWeek(d: Date): number {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7);
}

/** What onEdit's e.value / e.oldValue hold for a cell: its value as text; undefined when empty or a formula. */
function eventValue(content: unknown): string | undefined {
  if (content === undefined || content instanceof Formula) return undefined;
  if (typeof content === 'boolean') return content ? 'TRUE' : 'FALSE';
  return String(content);
}

export class Emulator {
  private readonly host: Host;
  private readonly services: Record<RootServiceName, object>;
  private readonly DateClass: DateConstructor;
  private readonly explicitScopes: boolean;
  private codeDir: string | null = null;
  private lastGlobal: Record<string, unknown> | null = null;
  private spreadsheetView: EmuSpreadsheet | null = null;

  constructor(opts: EmulatorOptions = {}) {
    const wb = opts.workbook
      ? workbookFromJson(opts.workbook)
      : new WorkbookModel(
          randomBytes(33).toString('base64url'),
          'Relationship Call Tracker',
          'America/Chicago',
          'owner@district.example.org',
        );
    if (!opts.workbook) {
      wb.sheets.push(new SheetModel(0, 'Sheet1'));
      wb.activeSheetId = 0;
    }
    if (opts.timeZone !== undefined) wb.timeZone = opts.timeZone;
    if (opts.owner !== undefined) wb.owner = opts.owner;
    if (opts.name !== undefined) wb.name = opts.name;
    if (!resolveZone(wb.timeZone)) throw new Error(`Invalid time zone: ${wb.timeZone}`);
    if (opts.drive && opts.now) throw new Error('now: a spreadsheet joining a Drive keeps its clock');
    const drive = opts.drive ?? new Drive(new EmuClock(opts.now));
    drive.add(wb);
    this.host = new Host(wb, drive, opts.scopes ?? null);
    this.explicitScopes = opts.scopes !== undefined;
    this.DateClass = makeDateClass(drive.clock);
    const host = this.host;
    this.services = host.internal(() => ({
      SpreadsheetApp: new SpreadsheetApp(host),
      HtmlService: new HtmlService(host),
      MailApp: new MailApp(host, opts.mailQuota ?? 100),
      LockService: new LockService(host),
      ScriptApp: new ScriptApp(host),
      PropertiesService: new PropertiesService(host),
      CacheService: new CacheService(host),
      Session: new Session(host),
      Utilities: new Utilities(host),
      Logger: new Logger(host),
      Charts: new Charts(host),
    }));
  }

  static fromJSON(json: WorkbookJson, opts: EmulatorOptions = {}): Emulator {
    return new Emulator({ ...opts, workbook: json });
  }

  /**
   * `user` makes a copy of this spreadsheet (File → Make a copy): a new spreadsheet they own, with a new id,
   * the tabs and sheet protections (see copyWorkbook for what Sheets leaves behind) and the same bound
   * script loaded, in this spreadsheet's Drive. Runs are then made on the copy; this spreadsheet is untouched.
   */
  makeCopy(opts: { user: string; name?: string }): Emulator {
    if (!this.codeDir) throw new Error('Emulator.load() has not been called');
    const wb = this.host.bound;
    const copy = copyWorkbook(wb, {
      id: randomBytes(33).toString('base64url'),
      name: opts.name ?? `Copy of ${wb.name}`,
      owner: opts.user,
    });
    // In the same Drive (and so on the same clock): each can open the other by id, as its sharing allows.
    const made = new Emulator({
      workbook: workbookToJson(copy),
      drive: this.host.drive,
      ...(this.explicitScopes && this.host.scopes ? { scopes: [...this.host.scopes] } : {}),
    });
    return made.load(this.codeDir);
  }

  /** Loads every .js file of codeDir (default 'build') with gas-local; reads its appsscript.json. */
  load(codeDir = 'build'): this {
    const dir = path.resolve(codeDir);
    if (!fs.existsSync(dir)) throw new Error(`Code directory not found: ${dir}`);
    const manifestPath = path.join(dir, 'appsscript.json');
    const manifest = fs.existsSync(manifestPath)
      ? (JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as { timeZone?: string; oauthScopes?: string[] })
      : {};
    if (!this.explicitScopes) this.host.scopes = manifest.oauthScopes ? new Set(manifest.oauthScopes) : null;
    this.host.scriptTimeZone = manifest.timeZone ?? this.host.bound.timeZone;
    this.codeDir = dir;
    this.host.codeDir = dir;
    this.lastGlobal = this.createGlobal(null);
    return this;
  }

  /** The script's global scope of the latest execution (each execution gets a fresh one, as in Apps Script). */
  get global(): Record<string, unknown> {
    if (!this.lastGlobal) throw new Error('Emulator.load() has not been called');
    return this.lastGlobal;
  }

  get spreadsheet(): EmuSpreadsheet {
    this.spreadsheetView ??= this.host.internal(() => new EmuSpreadsheet(this.host));
    return this.spreadsheetView;
  }

  /** The Drive this spreadsheet is in: pass it to `new Emulator({ drive })` for another spreadsheet. */
  get drive(): Drive {
    return this.host.drive;
  }

  /** The spreadsheet's id, as in its URL. */
  get id(): string {
    return this.host.bound.id;
  }

  get url(): string {
    return `https://docs.google.com/spreadsheets/d/${this.host.bound.id}/edit`;
  }

  /** Shares the spreadsheet with `email` (File → Share), or with null takes that access away. */
  share(email: string, role: 'edit' | 'view' | null): void {
    const e = email.toLowerCase();
    const sharing = this.host.bound.sharing;
    sharing.editors = sharing.editors.filter((x) => x !== e);
    sharing.viewers = sharing.viewers.filter((x) => x !== e);
    if (role === 'edit') sharing.editors.push(e);
    if (role === 'view') sharing.viewers.push(e);
  }

  /** What `email` may do with this spreadsheet by its sharing: 'owner', 'edit', 'view' or null. */
  accessOf(email: string): ReturnType<typeof fileAccess> {
    return fileAccess(this.host.bound, email);
  }

  /** Moves the spreadsheet to its owner's trash (or back out): openById no longer finds it. */
  trash(trashed = true): void {
    this.host.bound.trashed = trashed;
  }

  /** The spreadsheet's document properties, for tests to read and seed directly (not counted). */
  get documentProperties(): Map<string, string> {
    return this.host.bound.documentProperties;
  }

  get ui(): Host['ui'] {
    return this.host.ui;
  }

  get outbox(): SentMail[] {
    return this.host.bound.outbox;
  }

  get triggers(): TriggerRecord[] {
    return this.host.bound.triggers.map((t) => ({
      uniqueId: t.uniqueId,
      handlerFunction: t.handlerFunction,
      eventType: t.eventType,
      triggerSource: t.triggerSource,
      createdBy: t.createdBy,
      schedule: t.schedule,
    }));
  }

  get clock(): EmuClock {
    return this.host.clock;
  }

  /**
   * Makes MailApp fail as Google's mail service sometimes does ("Service unavailable: Gmail"):
   * `fault` names the message a send throws (nothing is sent, no quota used), or null to send.
   */
  failMail(fault: ((to: string) => string | null) | null): void {
    this.host.mailFault = fault;
  }

  /** Drops every CacheService entry, as Apps Script may at any time (memory pressure, expiry). */
  dropCaches(): void {
    this.host.caches.clear();
  }

  /**
   * The person's answers to the next dialogs that ask something, in order: a button name ('YES', 'NO', 'OK',
   * 'CANCEL', 'CLOSE') for ui.alert with buttons, `{ button, text }` for ui.prompt (a bare name leaves its field
   * empty). A dialog nobody answered throws `not implemented: unanswered …`.
   */
  get alertResponses(): DialogAnswer[] {
    return this.host.alertResponses;
  }
  set alertResponses(responses: DialogAnswer[]) {
    this.host.alertResponses = responses;
  }

  /** Called after each counted service call of an execution (outside it: calls made here are not counted). */
  get onServiceCall(): ((name: string, execution: ExecutionView) => void) | null {
    return this.host.onServiceCall;
  }
  set onServiceCall(hook: ((name: string, execution: ExecutionView) => void) | null) {
    this.host.onServiceCall = hook;
  }

  run<T = unknown>(fn: string, args: unknown[] = [], opts: RunOptions = {}): Execution<T> {
    const user = opts.user ?? this.host.bound.owner;
    return this.execute<T>(user, user, opts.authMode ?? 'FULL', (g) => this.callGlobal(g, fn, args) as T);
  }

  /** google.script.run: FULL mode as `user`; arguments and the result copied with its rules. */
  callFromClient(fn: string, args: unknown[], opts: { user: string }): Execution<unknown> {
    const copied = copyFromClient(args);
    let execution: Execution<unknown>;
    try {
      execution = this.execute(opts.user, opts.user, 'FULL', (g) => {
        if (fn.endsWith('_')) throw new Error(`Script function not found: ${fn}`);
        return this.callGlobal(g, fn, copied);
      });
    } catch (e) {
      const failed = (e as { execution: Execution }).execution;
      throw attachExecution(
        new Error(typeof e === 'object' && e !== null ? (e as Error).message : String(e)),
        failed,
      );
    }
    return { ...execution, value: copyForClient(execution.value) };
  }

  /**
   * A person types or pastes `values` (user-entered parsing; protections and reject-invalid validation enforced
   * for `user`; a rejected edit throws and changes nothing), then the onEdit simple trigger runs (LIMITED).
   */
  edit(
    sheetName: string,
    a1: string,
    values: unknown[][],
    opts: { user: string },
  ): Execution<unknown> | null {
    const host = this.host;
    const sheet = host.bound.sheetByName(sheetName);
    const parsed = parseA1(a1);
    if (!sheet || !parsed || parsed.sheetName) throw new Error(`Range not found: ${sheetName}!${a1}`);
    const rect = resolveA1(parsed, sheet.maxRows, sheet.maxCols);
    if (rect.row + rect.numRows - 1 > sheet.maxRows || rect.col + rect.numCols - 1 > sheet.maxCols) {
      throw new Error('The coordinates of the range are outside the dimensions of the sheet.');
    }
    if (values.length !== rect.numRows || values.some((row) => row.length !== rect.numCols)) {
      throw new Error(`edit: values must be ${rect.numRows} x ${rect.numCols} for ${a1}`);
    }
    const single = rect.numRows === 1 && rect.numCols === 1;
    const oldValue = single ? eventValue(sheet.content(rect.row, rect.col)) : undefined;
    writeValues(host, sheet, rect, values, opts.user);
    if (!this.hasFunction('onEdit')) return null;
    const event = host.internal(() => ({
      authMode: 'LIMITED',
      range: new EmuRange(host, sheet, rect),
      source: new EmuSpreadsheet(host),
      user: new User(host, host.visibleEmail(opts.user, 'LIMITED')),
      triggerUid: this.simpleTriggerUid('onEdit'),
      ...(single ? { value: eventValue(sheet.content(rect.row, rect.col)), oldValue } : {}),
    }));
    if (single && event.value === undefined) delete event.value;
    if (single && oldValue === undefined) delete event.oldValue;
    return this.execute(opts.user, opts.user, 'LIMITED', (g) => this.callGlobal(g, 'onEdit', [event]));
  }

  /**
   * `user` works in the Sheets window by hand (renames or deletes a tab, inserts rows, sorts…)
   * through `emu.spreadsheet`: protections apply to them as to a script they run, and nothing is
   * counted (no execution runs). Cell edits that should fire onEdit go through `edit`.
   */
  asPerson<T>(user: string, action: () => T): T {
    const saved = this.host.person;
    this.host.person = user;
    try {
      return action();
    } finally {
      this.host.person = saved;
    }
  }

  /** The spreadsheet is opened: the onOpen simple trigger runs (LIMITED unless told otherwise). */
  open(opts: { user: string; authMode?: AuthModeName }): Execution<unknown> | null {
    if (!this.hasFunction('onOpen')) return null;
    const host = this.host;
    const mode = opts.authMode ?? 'LIMITED';
    const event = host.internal(() => ({
      authMode: mode,
      user: new User(host, host.visibleEmail(opts.user, mode)),
      triggerUid: this.simpleTriggerUid('onOpen'),
      ...(mode === 'NONE' ? {} : { source: new EmuSpreadsheet(host) }),
    }));
    return this.execute(opts.user, opts.user, mode, (g) => this.callGlobal(g, 'onOpen', [event]));
  }

  /** Runs an installed trigger's handler with its event object, FULL mode, as the user who created it. */
  fireTrigger(uniqueId: string): Execution<unknown> {
    const host = this.host;
    const trigger = host.bound.triggers.find((t) => t.uniqueId === uniqueId);
    if (!trigger) throw new Error(`No trigger with id ${uniqueId}`);
    let event: Record<string, unknown>;
    if (trigger.eventType === 'CLOCK') {
      const now = host.clock.now();
      event = {
        authMode: 'FULL',
        triggerUid: trigger.uniqueId,
        year: now.getUTCFullYear(),
        month: now.getUTCMonth() + 1,
        'day-of-month': now.getUTCDate(),
        'day-of-week': now.getUTCDay() || 7,
        'week-of-year': isoWeek(now),
        hour: now.getUTCHours(),
        minute: now.getUTCMinutes(),
        second: now.getUTCSeconds(),
        timezone: 'UTC',
      };
    } else if (trigger.eventType === 'ON_OPEN') {
      event = host.internal(() => ({
        authMode: 'FULL',
        triggerUid: trigger.uniqueId,
        source: new EmuSpreadsheet(host),
        user: new User(host, trigger.createdBy),
      }));
    } else {
      throw new Error(`not implemented: firing ${trigger.eventType} triggers`);
    }
    const creator = trigger.createdBy;
    return this.execute(creator, creator, 'FULL', (g) =>
      this.callGlobal(g, trigger.handlerFunction, [event]),
    );
  }

  /**
   * Runs the calls at the same time, each in its own worker thread loading the same code, with service calls
   * made on this emulator (so LockService really excludes and waitLock really waits). Resolves when all have
   * finished; if any threw, rejects with the first error (its execution attached).
   */
  async runConcurrently(calls: ConcurrentCall[]): Promise<Execution[]> {
    const outcomes = await Promise.all(calls.map((call) => runInWorker(this.host, this.services, call)));
    const failed = outcomes.find((o) => o.error);
    if (failed?.error) throw attachExecution(failed.error, record(failed.execution, undefined));
    return outcomes.map((o) => record(o.execution, o.value));
  }

  /**
   * Runs one call as a person at the keyboard would: in a worker thread, so that a dialog asking something
   * (ui.alert with buttons, ui.prompt) waits, mid-execution as in Sheets, for `ask` to answer it. Answers queued in
   * alertResponses are used first. Resolves with the execution; rejects with its error (its execution attached).
   */
  async runInteractive(
    call: Omit<ConcurrentCall, 'ask'>,
    ask: (question: DialogQuestion) => Promise<DialogAnswer>,
  ): Promise<Execution> {
    const outcome = await runInWorker(this.host, this.services, { ...call, ask });
    const execution = record(outcome.execution, outcome.value);
    if (outcome.error) throw attachExecution(outcome.error, execution);
    return execution;
  }

  toJSON(): WorkbookJson {
    return workbookToJson(this.host.bound);
  }

  /** A fresh script global scope: the services, a clock-driven Date, a console writing to the execution's logs. */
  private createGlobal(execution: ExecutionState | null): Record<string, unknown> {
    if (!this.codeDir) throw new Error('Emulator.load() has not been called');
    const host = this.host;
    const write = (...args: unknown[]) => {
      (execution ?? host.current)?.logs.push(format(...args));
    };
    const console = { log: write, info: write, warn: write, error: write, debug: write };
    const globalObject: Record<string, unknown> = { ...this.services, Date: this.DateClass, console };
    const ctx = gasLocal.require(this.codeDir, globalObject) as Record<string, unknown>;
    if (execution) {
      execution.errorCtor = vm.runInContext('Error', ctx) as ErrorConstructor;
      execution.evaluate = (source) => vm.runInContext(source, ctx);
    }
    return ctx;
  }

  private hasFunction(name: string): boolean {
    return typeof this.global[name] === 'function';
  }

  private simpleTriggerUid(name: string): string {
    return `simple-${name}-${this.host.bound.id.slice(0, 8)}`;
  }

  private callGlobal(g: Record<string, unknown>, fn: string, args: unknown[]): unknown {
    const f = g[fn];
    if (typeof f !== 'function') throw new Error(`Script function not found: ${fn}`);
    return (f as (...a: unknown[]) => unknown).apply(g, args);
  }

  private execute<T>(
    user: string,
    effectiveUser: string,
    authMode: AuthModeName,
    body: (g: Record<string, unknown>) => T,
  ): Execution<T> {
    const host = this.host;
    const exec = host.begin(user, effectiveUser, authMode);
    const g = this.createGlobal(exec);
    this.lastGlobal = g;
    const saved = { current: host.current, depth: host.depth };
    host.current = exec;
    host.depth = 0;
    let value: T;
    try {
      value = body(g);
    } catch (e) {
      throw attachExecution(e, record(exec, undefined));
    } finally {
      host.current = saved.current;
      host.depth = saved.depth;
      host.end(exec);
    }
    return record(exec, value);
  }
}

export function record<T>(exec: ExecutionState, value: T): Execution<T> {
  return {
    value,
    serviceCalls: exec.calls.length,
    calls: [...exec.calls],
    cellsRead: exec.cellsRead,
    cellsWritten: exec.cellsWritten,
    lockHeldCalls: exec.lockHeldCalls,
    lockHeldCellsRead: exec.lockHeldCellsRead,
    lockHeldCellsWritten: exec.lockHeldCellsWritten,
    user: exec.user,
    logs: [...exec.logs],
  };
}
