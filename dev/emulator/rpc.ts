/**
 * The wire format between a worker-thread execution and the emulator in the main thread: service objects
 * travel as numbered handles, everything else by value (v8 serialization: primitives, arrays, plain objects,
 * Dates).
 */

export const HANDLE = '__emulatorHandle__';

/** A service object as the worker sees it: its handle, class name and enum fields. */
export interface HandleDescriptor {
  [HANDLE]: number;
  api: string;
  enums: Record<string, unknown>;
}

export type Request =
  | { op: 'call'; handle: number; method: string; args: unknown }
  | { op: 'set'; handle: number; key: string; value: unknown }
  | { op: 'now' };

export type Reply = { ok: unknown } | { error: { message: string; name: string } };

/** Posted without waiting for a reply. */
export type Notice =
  | { op: 'log'; text: string }
  | { op: 'done'; value: unknown }
  | { op: 'failed'; error: { message: string; name: string } };

export interface WorkerInput {
  codeDir: string;
  fn: string;
  args: unknown[];
  client: boolean;
  roots: Record<string, HandleDescriptor>;
  signal: SharedArrayBuffer;
  port: import('worker_threads').MessagePort;
}

function isPlainObject(v: object): boolean {
  if (Object.prototype.toString.call(v) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

export function isHandle(v: unknown): v is HandleDescriptor {
  return typeof v === 'object' && v !== null && HANDLE in v;
}

/**
 * Copies a value for the wire: `replace` may substitute any object (service objects → handles, handles →
 * objects); arrays and plain objects are walked; Dates and primitives pass; anything else throws.
 */
export function mapWire(value: unknown, replace: (obj: object) => unknown): unknown {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'function' || typeof value === 'symbol') {
      throw new Error(`not implemented: passing a ${typeof value} between a worker and the emulator`);
    }
    return value;
  }
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (Object.prototype.toString.call(value) === '[object Date]') return value;
  if (Array.isArray(value)) return value.map((v) => mapWire(v, replace));
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapWire(v, replace);
    return out;
  }
  throw new Error('not implemented: passing a non-plain object between a worker and the emulator');
}
