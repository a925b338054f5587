/**
 * The runtime every emulated service shares: the clock, the current execution (user, auth mode, call counter),
 * auth and scope checks, Apps Script-style exceptions, and the proxy that turns a service class into what a
 * script sees (counted method calls, `not implemented` for everything else).
 */
import { type Drive, fileAccess } from './drive';
import type { WorkbookModel } from './model';

export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL';

export const SCOPES = {
  spreadsheets: 'https://www.googleapis.com/auth/spreadsheets',
  spreadsheetsCurrentOnly: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  containerUi: 'https://www.googleapis.com/auth/script.container.ui',
  sendMail: 'https://www.googleapis.com/auth/script.send_mail',
  scriptApp: 'https://www.googleapis.com/auth/script.scriptapp',
  userinfoEmail: 'https://www.googleapis.com/auth/userinfo.email',
} as const;

/** The least auth mode a call needs, and the scopes of which the manifest must grant one. */
export interface Requirement {
  mode: AuthModeName;
  scopes?: readonly string[];
}

export const NEEDS = {
  /** Menus: allowed even in AuthMode.NONE. */
  menus: { mode: 'NONE' },
  /** Services simple triggers may use (properties, cache, locks, alerts). */
  limited: { mode: 'LIMITED' },
  spreadsheet: { mode: 'LIMITED', scopes: [SCOPES.spreadsheetsCurrentOnly, SCOPES.spreadsheets] },
  email: { mode: 'LIMITED', scopes: [SCOPES.userinfoEmail] },
  containerUi: { mode: 'FULL', scopes: [SCOPES.containerUi] },
  mail: { mode: 'FULL', scopes: [SCOPES.sendMail] },
  triggers: { mode: 'FULL', scopes: [SCOPES.scriptApp] },
  /** Another spreadsheet than the one the script is bound to: never from a simple trigger. */
  otherSpreadsheets: { mode: 'FULL', scopes: [SCOPES.spreadsheets] },
} as const satisfies Record<string, Requirement>;

const RANK: Record<AuthModeName, number> = { NONE: 0, LIMITED: 1, FULL: 2 };

export interface Clock {
  now(): Date;
  set(d: Date): void;
  advance(ms: number): void;
}

/** A fixed clock (moves only by set/advance/Utilities.sleep) or the real clock shifted by set/advance. */
export class EmuClock implements Clock {
  private fixedAt: number | null;
  private offset = 0;

  constructor(start?: Date) {
    this.fixedAt = start ? start.getTime() : null;
  }

  get fixed(): boolean {
    return this.fixedAt !== null;
  }
  now(): Date {
    return new Date(this.fixedAt ?? Date.now() + this.offset);
  }
  set(d: Date): void {
    if (this.fixedAt !== null) this.fixedAt = d.getTime();
    else this.offset = d.getTime() - Date.now();
  }
  advance(ms: number): void {
    if (this.fixedAt !== null) this.fixedAt += ms;
    else this.offset += ms;
  }
}

/** A lock (document, script or a user's) and the execution holding it. */
export interface LockState {
  holder: ExecutionState | null;
  /** Worker executions waiting in waitLock/tryLock, in arrival order. */
  waiters: Array<{ execution: ExecutionState; grant: () => void }>;
}

/** One run of the script: its user, auth mode, service-call record and held locks. */
export class ExecutionState {
  readonly calls: string[] = [];
  readonly logs: string[] = [];
  readonly locks = new Set<LockState>();
  /** Cells whose values, formulas, notes, backgrounds or formats a call moved (a real measure of data moved). */
  cellsRead = 0;
  cellsWritten = 0;
  /** Service calls made while this execution held a lock (what others wait for), and the cells they moved. */
  lockHeldCalls = 0;
  lockHeldCellsRead = 0;
  lockHeldCellsWritten = 0;
  /** The script realm's Error, so service exceptions are `instanceof Error` in the script. */
  errorCtor: ErrorConstructor = Error;
  /** Runs source in the script's global scope (HtmlTemplate scriptlets); null when none is available. */
  evaluate: ((source: string) => unknown) | null = null;
  /** Set for executions whose script runs in a worker thread: lock waits may then really wait. */
  canWait = false;
  /** Worker executions only: asks the person at the keyboard, who answers later (the preview's dialogs). */
  ask: ((question: DialogQuestion) => Promise<DialogAnswer>) | null = null;
  ended = false;

  constructor(
    readonly id: number,
    /** The person at the keyboard ('' for users outside the domain). */
    readonly user: string,
    /** Whose authority the script runs with: the trigger's creator for installed triggers. */
    readonly effectiveUser: string,
    readonly authMode: AuthModeName,
  ) {}

  get serviceCalls(): number {
    return this.calls.length;
  }
}

/** The live view of an execution passed to `onServiceCall`. */
export type ExecutionView = Pick<ExecutionState, 'calls' | 'logs' | 'user' | 'serviceCalls' | 'authMode'>;

/** Cells a service call moved between the script and the spreadsheet. */
export interface CellsMoved {
  read?: number;
  written?: number;
}

/** Thrown by a service call that must wait for another execution (worker mode only): the RPC layer awaits it. */
export class Deferred {
  constructor(readonly result: Promise<unknown>) {}
}

export interface MenuItemRecord {
  caption: string;
  functionName: string;
}
export interface MenuRecord {
  name: string;
  addon?: boolean;
  items: Array<MenuItemRecord | { separator: true } | { submenu: MenuRecord }>;
}
export interface HtmlRecord {
  title: string;
  html: string;
  width?: number;
  height?: number;
  modal?: boolean;
  user: string;
}
export interface AlertRecord {
  title?: string;
  prompt: string;
  buttons?: string;
  /** The button that closed it ('CLOSE' for the title bar's close button). */
  response: string;
}
export interface PromptRecord {
  title?: string;
  prompt: string;
  buttons: string;
  /** What the person left in its field (whatever button closed it) and the button they clicked. */
  response: { text: string; button: string };
}

/** A question Ui.alert (with a choice of buttons) or Ui.prompt puts to the person at the keyboard. */
export interface DialogQuestion {
  kind: 'alert' | 'prompt';
  title?: string;
  prompt: string;
  /** A ButtonSet name: 'OK', 'OK_CANCEL', 'YES_NO', 'YES_NO_CANCEL'. */
  buttons: string;
}

/** How the person answered: a button name ('YES', 'CLOSE'…), with the text typed into a prompt. */
export type DialogAnswer = string | { button: string; text?: string };
export interface ToastRecord {
  message: string;
  title?: string;
  timeoutSeconds?: number;
}
export interface UiRecords {
  menus: MenuRecord[];
  sidebars: HtmlRecord[];
  dialogs: HtmlRecord[];
  alerts: AlertRecord[];
  prompts: PromptRecord[];
  toasts: ToastRecord[];
}

/** Domains of personal Google accounts: never a Workspace domain whose members see each other. */
const CONSUMER_DOMAINS = new Set(['gmail.com', 'googlemail.com']);

export class Host {
  /** >0 while emulator code runs inside a service call: nested calls are internal, not counted or restricted. */
  depth = 0;
  current: ExecutionState | null = null;
  private nextExecution = 1;
  readonly ui: UiRecords = { menus: [], sidebars: [], dialogs: [], alerts: [], prompts: [], toasts: [] };
  /** Answers to the next dialogs that ask something (alerts with a choice, prompts), in order: tests script the person's clicks. */
  alertResponses: DialogAnswer[] = [];
  /** null = every scope (no manifest). */
  scopes: Set<string> | null;
  scriptTimeZone: string;
  codeDir: string | null = null;
  onServiceCall: ((name: string, execution: ExecutionView) => void) | null = null;
  /** Tests make Google's mail service fail: the message MailApp.sendEmail throws for this send, or null. */
  mailFault: ((to: string) => string | null) | null = null;
  readonly locks = new Map<string, LockState>();
  readonly caches = new Map<string, Map<string, { value: string; expires: number }>>();

  /**
   * The spreadsheet the running service call is about: the bound one, or one a script opened by
   * id while a call on that spreadsheet's objects runs (each service object keeps its own).
   */
  wb: WorkbookModel;

  constructor(
    /** The spreadsheet this script is bound to (its container). */
    readonly bound: WorkbookModel,
    readonly drive: Drive,
    scopes: string[] | null,
  ) {
    this.wb = bound;
    this.scopes = scopes ? new Set(scopes) : null;
    this.scriptTimeZone = bound.timeZone;
  }

  get clock(): EmuClock {
    return this.drive.clock;
  }

  /** Runs `body` about spreadsheet `wb` (the one a service object belongs to). */
  within<T>(wb: WorkbookModel, body: () => T): T {
    const saved = this.wb;
    this.wb = wb;
    try {
      return body();
    } finally {
      this.wb = saved;
    }
  }

  /**
   * A write to a spreadsheet opened by id needs edit access to that file. What Sheets says to a
   * viewer who writes is not modelled: the add-on checks Protection.canEdit() before it writes.
   */
  assertFileEditable(): void {
    if (this.wb === this.bound) return;
    const access = fileAccess(this.wb, this.actingUser());
    if (access !== 'owner' && access !== 'edit')
      throw this.notImplemented('writing a spreadsheet shared with the user as a viewer');
  }

  now(): number {
    return this.clock.now().getTime();
  }

  begin(user: string, effectiveUser: string, authMode: AuthModeName): ExecutionState {
    return new ExecutionState(this.nextExecution++, user, effectiveUser, authMode);
  }

  /** Releases the execution's locks (Apps Script does so when an execution ends). */
  end(execution: ExecutionState): void {
    execution.ended = true;
    for (const lock of [...execution.locks]) releaseLock(lock, execution);
  }

  /** An Apps Script service exception: `name` is 'Exception', created in the running script's realm. */
  exception(message: string): Error {
    const e = new (this.current?.errorCtor ?? Error)(message);
    e.name = 'Exception';
    return e;
  }

  notImplemented(what: string): Error {
    return new (this.current?.errorCtor ?? Error)(`not implemented: ${what}`);
  }

  /** Throws like Apps Script when the current execution's auth mode or the manifest's scopes do not allow `call`. */
  require(call: string, need: Requirement): void {
    const exec = this.current;
    if (!exec) return;
    const scopes = need.scopes ?? [];
    const listed = scopes.length > 1 ? `(${scopes.join(' || ')})` : scopes[0];
    if (RANK[exec.authMode] < RANK[need.mode]) {
      throw this.exception(
        `You do not have permission to call ${call}.` + (listed ? ` Required permissions: ${listed}` : ''),
      );
    }
    const granted = this.scopes;
    if (granted && scopes.length && !scopes.some((s) => granted.has(s))) {
      throw this.exception(
        `Specified permissions are not sufficient to call ${call}. Required permissions: ${listed}`,
      );
    }
  }

  /**
   * What a run in `authMode` may learn of `email`: in simple triggers (LIMITED) Google shares it
   * only with the script's developer (for a bound script, the owner) and people of the same Google
   * Workspace domain; consumer accounts stay blank, and so does everyone in AuthMode.NONE.
   */
  visibleEmail(email: string, authMode: string): string {
    if (authMode === 'FULL' || email === this.bound.owner) return email;
    // Not authorized in this document yet (an add-on before its first use): nothing is shared.
    if (authMode === 'NONE') return '';
    const domain = (e: string): string => e.slice(e.lastIndexOf('@') + 1).toLowerCase();
    const workspace = domain(this.bound.owner);
    return email.includes('@') &&
      workspace !== '' &&
      !CONSUMER_DOMAINS.has(workspace) &&
      domain(email) === workspace
      ? email
      : '';
  }

  /** Someone working in the Sheets window by hand (Emulator.asPerson), outside any execution. */
  person: string | null = null;

  /** The user whose permissions a write is checked against: outside executions a person, else the owner. */
  actingUser(): string {
    return this.current ? this.current.effectiveUser : (this.person ?? this.bound.owner);
  }

  /** Runs emulator code as internal (used to create root service objects). */
  internal<T>(body: () => T): T {
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
    }
  }

  /** Runs script code (template scriptlets) from inside a service call: its service calls count again. */
  asScript<T>(body: () => T): T {
    const saved = this.depth;
    this.depth = 0;
    try {
      return body();
    } finally {
      this.depth = saved;
    }
  }

  /** A counted service call made by script (or test) code; `moved` says how many cells it moved. */
  invoke<T>(name: string, body: () => T, moved?: () => CellsMoved | null): T {
    const exec = this.current;
    exec?.calls.push(name);
    const locked = exec !== null && exec !== undefined && exec.locks.size > 0;
    if (locked) exec.lockHeldCalls++;
    this.depth++;
    let result: T;
    try {
      result = body();
      const cells = exec && moved ? moved() : null;
      if (exec && cells) {
        exec.cellsRead += cells.read ?? 0;
        exec.cellsWritten += cells.written ?? 0;
        if (locked) {
          exec.lockHeldCellsRead += cells.read ?? 0;
          exec.lockHeldCellsWritten += cells.written ?? 0;
        }
      }
    } finally {
      this.depth--;
    }
    const hook = this.onServiceCall;
    if (exec && hook) {
      this.current = null;
      try {
        hook(name, exec);
      } finally {
        this.current = exec;
      }
    }
    return result;
  }
}

export function releaseLock(lock: LockState, execution: ExecutionState): void {
  if (lock.holder !== execution) return;
  lock.holder = null;
  execution.locks.delete(lock);
  while (!lock.holder && lock.waiters.length) {
    const next = lock.waiters.shift();
    if (next && !next.execution.ended) next.grant();
  }
}

/** Properties reads that must not be turned into `not implemented` stubs (inspection by Node, jest, promises). */
export const PROBES = new Set([
  'then',
  'toJSON',
  'asymmetricMatch',
  '$$typeof',
  'nodeType',
  'tagName',
  'constructor',
  'inspect',
  '@@__IMMUTABLE_ITERABLE__@@',
  '@@__IMMUTABLE_RECORD__@@',
  '_isMockFunction',
]);

const methodsByPrototype = new WeakMap<object, Set<string>>();
const apiNames = new WeakMap<object, string>();
const expandos = new WeakMap<object, Map<string, unknown>>();

function apiMethods(proto: object): Set<string> {
  let set = methodsByPrototype.get(proto);
  if (!set) {
    set = new Set();
    for (let p: object | null = proto; p && p !== ServiceObject.prototype; p = Object.getPrototypeOf(p)) {
      for (const name of Object.getOwnPropertyNames(p)) {
        const d = Object.getOwnPropertyDescriptor(p, name);
        if (name !== 'constructor' && !name.startsWith('_') && typeof d?.value === 'function') set.add(name);
      }
    }
    methodsByPrototype.set(proto, set);
  }
  return set;
}

/** The Apps Script class name of a service object ('Range'), or undefined for anything else. */
export function apiNameOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null ? apiNames.get(value) : undefined;
}

/** Script-assigned properties of an object created with `expando: true` (HtmlTemplate). */
export function expandoOf(service: object): Map<string, unknown> {
  return expandos.get(service) ?? new Map();
}

/** A stand-in for something the emulator does not implement: calling it or reading from it throws. */
function notImplementedStub(host: Host, name: string): unknown {
  const fail = () => {
    throw host.notImplemented(name);
  };
  return new Proxy(fail, {
    apply: fail,
    get(_t, prop) {
      if (typeof prop === 'symbol' || PROBES.has(prop)) return undefined;
      throw host.notImplemented(`${name}.${prop}`);
    },
  });
}

/**
 * Base of every emulated service class. The constructor returns a proxy: for script and test code (depth 0) only
 * the class's prototype methods (counted, `Class.method`; names starting with `_` are internal helpers) and its
 * UpperCamel enum fields exist; every other
 * property is a `not implemented` stub. Emulator code (depth > 0) sees the object as it is.
 */
export abstract class ServiceObject {
  protected readonly host: Host;

  protected constructor(host: Host, apiName: string, options: { expando?: boolean } = {}) {
    if (host.depth === 0) throw new Error(`internal: ${apiName} created outside a service call`);
    this.host = host;
    const workbook = host.wb;
    const methods = apiMethods(Object.getPrototypeOf(this));
    const expando = options.expando ? new Map<string, unknown>() : null;
    const proxy: this = new Proxy(this, {
      get(target, prop, receiver) {
        if (host.depth > 0 || typeof prop === 'symbol') return Reflect.get(target, prop, receiver);
        if (methods.has(prop)) {
          const fn = Reflect.get(target, prop) as (...args: unknown[]) => unknown;
          return (...args: unknown[]) =>
            host.invoke(
              `${apiName}.${prop}`,
              () => host.within(workbook, () => fn.apply(proxy, args)),
              () => target._cellsMoved(prop, args),
            );
        }
        if (prop === 'toString') return () => apiName;
        if (prop in Object.prototype) return Reflect.get(target, prop, receiver);
        if (/^[A-Z]/.test(prop) && Object.prototype.hasOwnProperty.call(target, prop))
          return Reflect.get(target, prop);
        if (expando?.has(prop)) return expando.get(prop);
        if (PROBES.has(prop)) return undefined;
        return notImplementedStub(host, `${apiName}.${prop}`);
      },
      set(target, prop, value, receiver) {
        if (expando && host.depth === 0 && typeof prop === 'string') {
          expando.set(prop, value);
          return true;
        }
        return Reflect.set(target, prop, value, receiver);
      },
    });
    apiNames.set(proxy, apiName);
    if (expando) expandos.set(proxy, expando);
    return proxy;
  }

  /** The cells `method` moved, for the execution's cell counters; null for calls that move none. */
  _cellsMoved(_method: string, _args: readonly unknown[]): CellsMoved | null {
    return null;
  }
}
