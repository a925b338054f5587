/** The document lock every write to a shared tab holds (DESIGN §6). */

/**
 * Runs `write` holding the document lock, flushing pending writes before releasing it so the
 * next holder reads them. When the lock stays busy for `waitMs`, runs `onBusy` instead.
 */
export function withDocumentLock<T>(waitMs: number, write: () => T, onBusy: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(waitMs)) return onBusy();
  try {
    const value = write();
    SpreadsheetApp.flush();
    return value;
  } finally {
    lock.releaseLock();
  }
}

export function busyError(): Error {
  return new Error('The tracker is busy with other changes. Nothing was changed; try again in a moment.');
}

/**
 * Runs `work` holding the script lock: one digest run at a time, whoever starts it. Digests
 * take the script lock, not the document lock, so a minute of sending never blocks a teacher's
 * logged call (which waits for the document lock).
 */
export function withScriptLock<T>(waitMs: number, work: () => T, onBusy: () => T): T {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) return onBusy();
  try {
    return work();
  } finally {
    SpreadsheetApp.flush();
    lock.releaseLock();
  }
}
