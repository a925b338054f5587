import { type Execution, copyForClient, copyFromClient } from '../../dev/emulator';
import { TEACHER, emulate } from './helpers';

describe('copyForClient (return values)', () => {
  test('plain data is deep-copied; functions and undefined members are dropped', () => {
    const value = { a: 1, b: 'x', c: [true, null, undefined, () => 1], d: { e: undefined, f: () => 2 } };
    const copy = copyForClient(value);
    expect(copy).toEqual({ a: 1, b: 'x', c: [true, null, null, null], d: {} });
    expect(copy).not.toBe(value);
    expect(Object.keys((copy as { d: object }).d)).toEqual([]);
  });

  test('a Date anywhere makes the whole result null', () => {
    expect(copyForClient({ ok: true, rows: [{ when: new Date() }] })).toBeNull();
    expect(copyForClient(new Date())).toBeNull();
  });

  test('non-plain objects are not implemented', () => {
    expect(() => copyForClient(new Map())).toThrow(
      'not implemented: returning a Map through google.script.run',
    );
  });
});

describe('copyFromClient (arguments)', () => {
  test('plain data passes, undefined members dropped', () => {
    expect(copyFromClient([{ a: 1, b: undefined, c: [1, 'x', null] }, 'y'])).toEqual([
      { a: 1, c: [1, 'x', null] },
      'y',
    ]);
  });

  test('a Date or function anywhere fails the request', () => {
    expect(() => copyFromClient([{ when: new Date() }])).toThrow(
      'Failed due to illegal value in property: when',
    );
    expect(() => copyFromClient([() => 1])).toThrow('Failed due to illegal value in property: 0');
  });
});

describe('callFromClient', () => {
  const CODE = `
    function submitCall(input) { input.mutated = true; return { ok: true, who: Session.getActiveUser().getEmail(), got: input }; }
    function withDate() { return { ok: true, at: new Date() }; }
    function fail() { throw new Error('Student is required'); }
    function helper_() { return 1; }
    var notAFunction = 5;`;

  test('runs as the user in FULL mode and copies arguments and results', () => {
    const emu = emulate(CODE);
    const input = { student: 'Ana', extra: undefined };
    const ex = emu.callFromClient('submitCall', [input], { user: TEACHER });
    expect(ex.value).toEqual({ ok: true, who: TEACHER, got: { student: 'Ana', mutated: true } });
    expect(input).toEqual({ student: 'Ana', extra: undefined });
  });

  test('a result containing a Date arrives as null', () => {
    expect(emulate(CODE).callFromClient('withDate', [], { user: TEACHER }).value).toBeNull();
  });

  test("server errors arrive as an Error with the server's message and the execution", () => {
    const emu = emulate(CODE);
    let caught: unknown;
    try {
      emu.callFromClient('fail', [], { user: TEACHER });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as Error).message).toBe('Student is required');
    expect((caught as { execution: Execution }).execution.user).toBe(TEACHER);
  });

  test('private (trailing _) and non-function names are not found', () => {
    const emu = emulate(CODE);
    expect(() => emu.callFromClient('helper_', [], { user: TEACHER })).toThrow(
      'Script function not found: helper_',
    );
    expect(() => emu.callFromClient('notAFunction', [], { user: TEACHER })).toThrow(
      'Script function not found: notAFunction',
    );
  });

  test('illegal arguments fail before the server runs', () => {
    const emu = emulate(CODE);
    expect(() => emu.callFromClient('submitCall', [{ callDate: new Date() }], { user: TEACHER })).toThrow(
      'Failed due to illegal value in property: callDate',
    );
  });
});
