/**
 * Main-thread side of Emulator.runConcurrently: each call runs in its own worker thread; its service calls
 * arrive here as RPC requests and run on this emulator's objects inside that call's execution (counted, with its
 * user), so locks really exclude and waitLock really waits.
 */
import * as path from 'path';
import { deserialize, serialize } from 'v8';
import { MessageChannel, Worker } from 'worker_threads';
import { copyFromClient } from './clientCopy';
import {
  Deferred,
  type DialogAnswer,
  type DialogQuestion,
  type ExecutionState,
  type Host,
  apiNameOf,
} from './host';
import {
  HANDLE,
  type HandleDescriptor,
  type Notice,
  type Request,
  type WorkerInput,
  isHandle,
  mapWire,
} from './rpc';

export interface ConcurrentCall {
  fn: string;
  args?: unknown[];
  user: string;
  /** google.script.run semantics (argument and result copying) instead of a plain run. */
  client?: boolean;
  /** Answers the dialogs that ask something (Emulator.runInteractive). */
  ask?: (question: DialogQuestion) => Promise<DialogAnswer>;
}

let workerBundle: string | null = null;

/** The worker entry, bundled once with esbuild (the worker thread runs plain JS, whatever runs this file). */
function workerSource(): string {
  if (workerBundle === null) {
    const esbuild = require('esbuild') as typeof import('esbuild');
    const out = esbuild.buildSync({
      entryPoints: [path.join(__dirname, 'worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
    });
    workerBundle = out.outputFiles[0].text;
  }
  return workerBundle;
}

function errorInfo(e: unknown): { message: string; name: string } {
  const err = typeof e === 'object' && e !== null ? (e as Error) : new Error(String(e));
  return { message: String(err.message), name: String(err.name) };
}

/** Service objects by handle number, for one worker. */
class Handles {
  private readonly byId = new Map<number, object>();
  private readonly ids = new Map<object, number>();

  describe(obj: object): HandleDescriptor | undefined {
    const api = apiNameOf(obj);
    if (api === undefined) return undefined;
    let id = this.ids.get(obj);
    if (id === undefined) {
      id = this.ids.size + 1;
      this.ids.set(obj, id);
      this.byId.set(id, obj);
    }
    const enums: Record<string, unknown> = {};
    for (const key of Object.keys(obj)) {
      if (/^[A-Z]/.test(key)) enums[key] = (obj as Record<string, unknown>)[key];
    }
    return { [HANDLE]: id, api, enums };
  }

  get(id: number): object {
    const obj = this.byId.get(id);
    if (!obj) throw new Error(`emulator RPC: unknown handle ${id}`);
    return obj;
  }
}

export interface WorkerOutcome {
  execution: ExecutionState;
  value?: unknown;
  error?: Error;
}

/** Runs one call in a worker thread against `host`; resolves when the script has finished. */
export function runInWorker(
  host: Host,
  roots: Record<string, object>,
  call: ConcurrentCall,
): Promise<WorkerOutcome> {
  const codeDir = host.codeDir;
  if (!codeDir) return Promise.reject(new Error('Emulator.load() has not been called'));
  const execution = host.begin(call.user, call.user, 'FULL');
  execution.canWait = true;
  execution.ask = call.ask ?? null;
  const handles = new Handles();
  const encode = (v: unknown) => mapWire(v, (obj) => handles.describe(obj));
  // v8.deserialize makes Dates of Node's own realm: re-create them in this one (they differ under jest).
  const decode = (v: unknown) =>
    mapWire(v, (obj) => {
      if (isHandle(obj)) return handles.get(obj[HANDLE]);
      return Object.prototype.toString.call(obj) === '[object Date]'
        ? new Date((obj as Date).getTime())
        : undefined;
    });
  const signal = new SharedArrayBuffer(4);
  const flag = new Int32Array(signal);
  const { port1, port2 } = new MessageChannel();
  const args = call.client ? copyFromClient(call.args ?? []) : (call.args ?? []);
  const descriptors: Record<string, HandleDescriptor> = {};
  for (const [name, obj] of Object.entries(roots))
    descriptors[name] = handles.describe(obj) as HandleDescriptor;
  const input: WorkerInput = {
    codeDir,
    fn: call.fn,
    args,
    client: !!call.client,
    roots: descriptors,
    signal,
    port: port2,
  };

  const reply = (payload: { ok: unknown } | { error: { message: string; name: string } }) => {
    port1.postMessage(serialize(payload));
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  const answer = (run: () => unknown) => {
    const saved = { current: host.current, depth: host.depth };
    host.current = execution;
    host.depth = 0;
    try {
      reply({ ok: encode(run()) });
    } catch (e) {
      if (e instanceof Deferred) {
        e.result.then(
          (v) => reply({ ok: encode(v) }),
          (err: unknown) => reply({ error: errorInfo(err) }),
        );
      } else reply({ error: errorInfo(e) });
    } finally {
      host.current = saved.current;
      host.depth = saved.depth;
    }
  };

  return new Promise<WorkerOutcome>((resolve) => {
    let settled = false;
    const finish = (outcome: Omit<WorkerOutcome, 'execution'>) => {
      if (settled) return;
      settled = true;
      host.end(execution);
      port1.close();
      resolve({ execution, ...outcome });
    };
    port1.on('message', (data: Uint8Array) => {
      const msg = deserialize(data) as Request | Notice;
      switch (msg.op) {
        case 'now':
          reply({ ok: host.now() });
          break;
        case 'log':
          execution.logs.push(msg.text);
          break;
        case 'call':
          answer(() => {
            const target = handles.get(msg.handle) as Record<string, unknown>;
            const method = target[msg.method] as (...a: unknown[]) => unknown;
            return method(...(decode(msg.args) as unknown[]));
          });
          break;
        case 'set':
          answer(() => {
            (handles.get(msg.handle) as Record<string, unknown>)[msg.key] = decode(msg.value);
            return undefined;
          });
          break;
        case 'done':
          finish({ value: decode(msg.value) });
          break;
        case 'failed':
          finish({ error: Object.assign(new Error(msg.error.message), { name: msg.error.name }) });
          break;
      }
    });
    port1.on('close', () => finish({ error: new Error('worker ended without a result') }));
    const worker = new Worker(workerSource(), { eval: true, workerData: input, transferList: [port2] });
    worker.on('error', (e) => finish({ error: e }));
    worker.on('exit', (code) => {
      if (code !== 0) finish({ error: new Error(`worker exited with code ${code}`) });
    });
  });
}
