/**
 * Worker-thread side of Emulator.runConcurrently: loads the script with gas-local in this thread and gives it
 * service objects that are synchronous RPC stubs onto the emulator in the main thread (Atomics.wait on a
 * SharedArrayBuffer, the reply read with receiveMessageOnPort).
 */
import { deserialize, serialize } from 'v8';
import * as vm from 'vm';
import { format } from 'util';
import { receiveMessageOnPort, workerData } from 'worker_threads';
import { copyForClient } from './clientCopy';
import { PROBES } from './host';
import {
  HANDLE,
  type HandleDescriptor,
  type Notice,
  type Reply,
  type Request,
  type WorkerInput,
  isHandle,
  mapWire,
} from './rpc';

const gasLocal = require('gas-local') as {
  require(dir: string, globalObject: object): vm.Context;
};

const input = workerData as WorkerInput;
const signal = new Int32Array(input.signal);
let scriptError: ErrorConstructor = Error;

function notify(notice: Notice): void {
  input.port.postMessage(serialize(notice));
}

function errorFrom(info: { message: string; name: string }): Error {
  const e = new scriptError(info.message);
  e.name = info.name;
  return e;
}

function request(req: Request): unknown {
  Atomics.store(signal, 0, 0);
  input.port.postMessage(serialize(req));
  let received = receiveMessageOnPort(input.port);
  // A notify meant for the previous reply can wake us early: wait until this reply is really there.
  while (!received) {
    Atomics.wait(signal, 0, 0);
    received = receiveMessageOnPort(input.port);
  }
  const reply = deserialize(received.message as Uint8Array) as Reply;
  if ('error' in reply) throw errorFrom(reply.error);
  return fromWire(reply.ok);
}

const stubs = new Map<number, object>();
const handleOfStub = new WeakMap<object, number>();

function stub(desc: HandleDescriptor): object {
  const id = desc[HANDLE];
  const existing = stubs.get(id);
  if (existing) return existing;
  const method = (name: string) =>
    new Proxy((...args: unknown[]) => request({ op: 'call', handle: id, method: name, args: toWire(args) }), {
      get(target, key) {
        if (
          typeof key === 'symbol' ||
          PROBES.has(key) ||
          key === 'apply' ||
          key === 'call' ||
          key === 'bind'
        ) {
          return Reflect.get(target, key);
        }
        throw new scriptError(`not implemented: ${desc.api}.${name}.${key}`);
      },
    });
  const s: object = new Proxy(
    {},
    {
      get(_t, key) {
        if (typeof key === 'symbol') return undefined;
        if (key in desc.enums) return desc.enums[key];
        if (key === 'toString') return () => desc.api;
        if (PROBES.has(key)) return undefined;
        return method(key);
      },
      set(_t, key, value) {
        if (typeof key === 'symbol') return false;
        request({ op: 'set', handle: id, key, value: toWire(value) });
        return true;
      },
    },
  );
  stubs.set(id, s);
  handleOfStub.set(s, id);
  return s;
}

function toWire(value: unknown): unknown {
  return mapWire(value, (obj) => {
    const id = handleOfStub.get(obj);
    return id === undefined ? undefined : { [HANDLE]: id, api: '', enums: {} };
  });
}

function fromWire(value: unknown): unknown {
  return mapWire(value, (obj) => (isHandle(obj) ? stub(obj) : undefined));
}

/** Date whose clock is the emulator's. */
class WorkerDate extends Date {
  constructor(...args: unknown[]) {
    if (args.length === 0) super(request({ op: 'now' }) as number);
    else super(...(args as [number]));
  }
  static override now(): number {
    return request({ op: 'now' }) as number;
  }
  static override [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof Date;
  }
}

function main(): void {
  const write = (...args: unknown[]) => notify({ op: 'log', text: format(...args) });
  const globalObject: Record<string, unknown> = {
    Date: new Proxy(WorkerDate, { apply: () => new Date(request({ op: 'now' }) as number).toString() }),
    console: { log: write, info: write, warn: write, error: write, debug: write },
  };
  for (const [name, desc] of Object.entries(input.roots)) globalObject[name] = stub(desc);
  try {
    const ctx = gasLocal.require(input.codeDir, globalObject) as Record<string, unknown>;
    scriptError = vm.runInContext('Error', ctx) as ErrorConstructor;
    const f = ctx[input.fn];
    if (typeof f !== 'function' || (input.client && input.fn.endsWith('_'))) {
      throw new Error(`Script function not found: ${input.fn}`);
    }
    const value: unknown = (f as (...a: unknown[]) => unknown).apply(ctx, input.args);
    notify({ op: 'done', value: toWire(input.client ? copyForClient(value) : value) });
  } catch (e) {
    const err = typeof e === 'object' && e !== null ? (e as Error) : new Error(String(e));
    notify({ op: 'failed', error: { message: String(err.message), name: String(err.name) } });
  } finally {
    input.port.close();
  }
}

main();
