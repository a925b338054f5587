/**
 * google.script.run's copying rules. Arguments: only strings, numbers, booleans, null, arrays and plain objects
 * (a Date, function or other object fails the call; undefined members are dropped). Return values: functions
 * and undefined members are dropped, and a Date anywhere makes the whole result arrive as null.
 */

function isPlainObject(v: object): boolean {
  if (Object.prototype.toString.call(v) !== '[object Object]') return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function isDate(v: unknown): boolean {
  return Object.prototype.toString.call(v) === '[object Date]';
}

class ContainsDate {}

function typeName(v: object): string {
  const proto: unknown = Object.getPrototypeOf(v);
  const ctor =
    proto && typeof proto === 'object' ? (proto as { constructor?: { name?: string } }).constructor : null;
  return ctor?.name || 'object';
}

function copyOut(v: unknown, seen: Set<object>): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v === undefined || typeof v === 'function') return undefined;
  if (typeof v !== 'object')
    throw new Error(`not implemented: returning a ${typeof v} through google.script.run`);
  if (isDate(v)) throw new ContainsDate();
  if (seen.has(v)) throw new Error('not implemented: returning a cyclic value through google.script.run');
  seen.add(v);
  try {
    if (Array.isArray(v)) {
      return v.map((x) => {
        const c = copyOut(x, seen);
        return c === undefined ? null : c;
      });
    }
    if (!isPlainObject(v)) {
      throw new Error(`not implemented: returning a ${typeName(v)} through google.script.run`);
    }
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      const c = copyOut((v as Record<string, unknown>)[key], seen);
      if (c !== undefined) out[key] = c;
    }
    return out;
  } finally {
    seen.delete(v);
  }
}

/** What the client's success handler receives for a server function's return value. */
export function copyForClient(value: unknown): unknown {
  try {
    return copyOut(value, new Set());
  } catch (e) {
    if (e instanceof ContainsDate) return null;
    throw e;
  }
}

function copyIn(v: unknown, where: string): unknown {
  if (
    v === null ||
    v === undefined ||
    typeof v === 'string' ||
    typeof v === 'number' ||
    typeof v === 'boolean'
  ) {
    return v;
  }
  if (Array.isArray(v)) {
    return v.map((x, i) => {
      const c = copyIn(x, String(i));
      return c === undefined ? null : c;
    });
  }
  if (typeof v === 'object' && isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(v)) {
      const c = copyIn((v as Record<string, unknown>)[key], key);
      if (c !== undefined) out[key] = c;
    }
    return out;
  }
  throw new Error(`Failed due to illegal value in property: ${where}`);
}

/** What the server function receives for the client's arguments; throws when the request would fail. */
export function copyFromClient(args: unknown[]): unknown[] {
  return args.map((a, i) => copyIn(a, String(i)));
}
