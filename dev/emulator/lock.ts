/**
 * LockService. A lock belongs to an execution and is released when it ends. In-process, a second execution
 * cannot wait for a held lock (the holder is suspended below it on the stack): tryLock returns false and
 * waitLock throws at once. Worker executions (runConcurrently) really wait.
 */
import {
  Deferred,
  type ExecutionState,
  type Host,
  type LockState,
  NEEDS,
  ServiceObject,
  releaseLock,
} from './host';

const TIMEOUT = 'Lock timeout: another process was holding the lock for too long.';

export class LockService extends ServiceObject {
  constructor(host: Host) {
    super(host, 'LockService');
  }

  getDocumentLock(): Lock {
    this.host.require('LockService.getDocumentLock', NEEDS.limited);
    return new Lock(this.host, 'document');
  }
  getScriptLock(): Lock {
    this.host.require('LockService.getScriptLock', NEEDS.limited);
    return new Lock(this.host, 'script');
  }
  getUserLock(): Lock {
    this.host.require('LockService.getUserLock', NEEDS.limited);
    return new Lock(this.host, `user:${this.host.actingUser()}`);
  }
}

export class Lock extends ServiceObject {
  constructor(
    host: Host,
    private readonly key: string,
  ) {
    super(host, 'Lock');
  }

  private _state(): { lock: LockState; exec: ExecutionState } {
    const exec = this.host.current;
    if (!exec) throw this.host.notImplemented('LockService outside an execution');
    let lock = this.host.locks.get(this.key);
    if (!lock) {
      lock = { holder: null, waiters: [] };
      this.host.locks.set(this.key, lock);
    }
    return { lock, exec };
  }

  /** Takes the lock if free (or already ours); otherwise waits (worker executions) or gives up. */
  private _acquire(timeoutMs: number, granted: unknown, onTimeout: () => unknown): unknown {
    const { lock, exec } = this._state();
    if (lock.holder === exec) return granted;
    if (!lock.holder) {
      lock.holder = exec;
      exec.locks.add(lock);
      return granted;
    }
    if (!exec.canWait) return onTimeout();
    const waiting = new Promise<unknown>((resolve, reject) => {
      const waiter = {
        execution: exec,
        grant: () => {
          clearTimeout(timer);
          lock.holder = exec;
          exec.locks.add(lock);
          resolve(granted);
        },
      };
      const timer = setTimeout(() => {
        lock.waiters = lock.waiters.filter((w) => w !== waiter);
        try {
          resolve(onTimeout());
        } catch (e) {
          reject(e);
        }
      }, timeoutMs);
      lock.waiters.push(waiter);
    });
    throw new Deferred(waiting);
  }

  tryLock(timeoutInMillis: number): boolean {
    return this._acquire(Number(timeoutInMillis), true, () => false) as boolean;
  }
  waitLock(timeoutInMillis: number): void {
    const host = this.host;
    this._acquire(Number(timeoutInMillis), undefined, () => {
      throw host.exception(TIMEOUT);
    });
  }
  releaseLock(): void {
    const { lock, exec } = this._state();
    releaseLock(lock, exec);
  }
  hasLock(): boolean {
    const { lock, exec } = this._state();
    return lock.holder === exec;
  }
}
