/**
 * `google.script` for add-on HTML in the preview: injected as the first script of every sidebar
 * and dialog. The frame is sandboxed (an opaque origin, like the separate origin Apps Script
 * serves user HTML from), so it cannot reach the server itself: `google.script.run` posts to
 * the page, which calls the server as the signed-in user and posts the result back.
 *
 * Like the real one: every `withX` returns a new runner; handlers are called asynchronously
 * with (value, userObject) or (error, userObject); an unknown function fails on the server.
 */
import type { ShimMessage, ShimReply } from './protocol';

type Handler = (value: unknown, userObject?: unknown) => void;

interface RunnerState {
  success?: Handler;
  failure?: Handler;
  userObject?: unknown;
  hasUserObject: boolean;
}

const pending = new Map<number, RunnerState>();
let nextId = 1;

function post(message: ShimMessage): void {
  window.parent.postMessage(message, '*');
}

/** A form element crosses as an object of its named fields (file inputs are not supported here). */
function plain(arg: unknown): unknown {
  if (typeof HTMLFormElement !== 'undefined' && arg instanceof HTMLFormElement) {
    const out: Record<string, string | string[]> = {};
    new FormData(arg).forEach((value, key) => {
      const text = typeof value === 'string' ? value : value.name;
      const seen = out[key];
      out[key] = seen === undefined ? text : Array.isArray(seen) ? [...seen, text] : [seen, text];
    });
    return out;
  }
  return arg;
}

function call(state: RunnerState, fn: string, args: unknown[]): void {
  const id = nextId++;
  pending.set(id, state);
  let copied: unknown[];
  try {
    // JSON on the way to the server; the emulator applies google.script.run's own copying rules there.
    copied = JSON.parse(
      JSON.stringify(args.map(plain), (_k, v: unknown) => (v === undefined ? null : v)),
    ) as unknown[];
  } catch (error) {
    pending.delete(id);
    throw new Error(`google.script.run.${fn}: the arguments cannot be sent (${String(error)})`);
  }
  post({ channel: 'gas-shim', type: 'run', id, fn, args: copied });
}

function runner(state: RunnerState): unknown {
  const target = {};
  return new Proxy(target, {
    get(_t, prop) {
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      if (prop === 'withSuccessHandler') return (f: Handler) => runner({ ...state, success: f });
      if (prop === 'withFailureHandler') return (f: Handler) => runner({ ...state, failure: f });
      if (prop === 'withUserObject')
        return (o: unknown) => runner({ ...state, userObject: o, hasUserObject: true });
      return (...args: unknown[]) => call(state, prop, args);
    },
  });
}

window.addEventListener('message', (event: MessageEvent) => {
  if (event.source !== window.parent) return;
  const reply = event.data as Partial<ShimReply> | null;
  if (!reply || reply.channel !== 'gas-page' || reply.type !== 'result' || typeof reply.id !== 'number')
    return;
  const state = pending.get(reply.id);
  if (!state) return;
  pending.delete(reply.id);
  const user = state.hasUserObject ? state.userObject : undefined;
  // Message events are already asynchronous; setTimeout keeps handlers out of this listener's stack.
  setTimeout(() => {
    if (reply.ok) {
      state.success?.(reply.value ?? null, user);
    } else {
      const error = new Error(reply.error ?? 'Unknown error');
      error.name = 'ScriptError';
      if (state.failure) state.failure(error, user);
      else console.error(error);
    }
  }, 0);
});

const google = {
  script: {
    run: runner({ hasUserObject: false }),
    host: {
      close: (): void => post({ channel: 'gas-shim', type: 'close' }),
      setHeight: (px: number): void => post({ channel: 'gas-shim', type: 'setHeight', px: Number(px) }),
      setWidth: (px: number): void => post({ channel: 'gas-shim', type: 'setWidth', px: Number(px) }),
      editor: { focus: (): void => undefined },
      origin: 'https://docs.google.com',
    },
    url: {
      getLocation: (
        callback: (location: {
          hash: string;
          parameter: Record<string, string>;
          parameters: Record<string, string[]>;
        }) => void,
      ): void => {
        setTimeout(() => callback({ hash: '', parameter: {}, parameters: {} }), 0);
      },
    },
  },
};

(window as unknown as { google: typeof google }).google = google;
